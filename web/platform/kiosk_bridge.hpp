#pragma once
// The page's side of the offline store (web/offline/kiosk.js, loaded on demand, and through it the
// engine module): the calls the web makes into it. Each loads kiosk.js once first. Answers come back
// into C++ through exported functions, named here with the call that answers through them.
#include <cstdint>
#include <string>

#include "core/api/api_call.hpp"

namespace ivd::web::kiosk_bridge {

// Defines Module.kioskScript(): the promise of kiosk.js, loaded at most once.
void ensure_loaded();
// One request answered by the engine over the copy: answered through web_kiosk_reply(id, status, body).
void call(int id, const ApiCall& call, const std::string& token);
// A fresh copy from GET /offline/snapshot: stored, and the engine fetched in the background.
void store_copy(const std::string& db_base64, int64_t user_id, int64_t taken_at);
// The stored outbox (JSON text, "" = none): answered through web_kiosk_outbox(text).
void load_outbox();
// A candidate outbox replayed over the copy: answered through web_kiosk_tried(id, answers JSON).
void try_outbox(int id, const std::string& outbox_json, const std::string& token);
// Stores the outbox (committed at once).
void save_outbox(const std::string& outbox_json);
// What the browser stores: answered through web_kiosk_usage(copy, outbox, used, quota).
void request_usage();
// Kiosk mode on purpose (a hospital terminal): "?kiosk=1" in the page's address turns it on, "?kiosk=0"
// off; the choice is kept in localStorage, so the terminal stays in it across reloads.
bool kiosk_mode_requested();

}  // namespace ivd::web::kiosk_bridge
