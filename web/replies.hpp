#pragma once
// The start of a reply handler of a screen that keeps only the answer to its latest request.
#include <functional>
#include <string>

#include "web/message.hpp"
#include "web/transport/api_client.hpp"

namespace ivd::web {

class App;

// Whether the reply is to be read: false when it is stale (current is false: a newer request was sent
// meanwhile; nothing changes) or a refusal (*error holds its message, in the clerk's language). A reply
// that is not stale ends the loading: *loading false, *loaded true.
bool accept_reply(App& app, const ApiReply& r, bool current, bool* loading, bool* loaded, Message* error);

// A document made by the server at once (server/documents: {name, content_type, content_base64}) saved
// under its name: 填报数据导出, 承诺书模板, a province's 汇总数据导出, 目录下载 and the feedback 导出 as XLSX.
// on_done(error or empty message, saved name).
void download_document(App& app, const std::string& path, std::function<void(Message, std::string)> on_done);

}  // namespace ivd::web
