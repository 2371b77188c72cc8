#pragma once
// The start of a reply handler of a screen that keeps only the answer to its latest request.
#include "web/message.hpp"
#include "web/transport/api_client.hpp"

namespace ivd::web {

class App;

// Whether the reply is to be read: false when it is stale (current is false: a newer request was sent
// meanwhile; nothing changes) or a refusal (*error holds its message, in the clerk's language). A reply
// that is not stale ends the loading: *loading false, *loaded true.
bool accept_reply(App& app, const ApiReply& r, bool current, bool* loading, bool* loaded, Message* error);

}  // namespace ivd::web
