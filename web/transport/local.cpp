// ApiClient answered in this browser (issue 12): core's dispatcher over the copy of the hospital's
// scope, run by the engine module that web/offline/kiosk.js loads on demand (the main app carries
// neither SQLite nor the engine). And the client the app uses: HTTP first, and for a read the server
// could not answer, the local copy. While online it keeps that copy fresh: once per session and after
// each change the server accepted, it fetches GET /offline/snapshot and hands it to kiosk.js.
// Offline, a write core lets the browser keep (core/offline/outbox.hpp) is checked by the local copy
// (the engine replays the outbox with it) and kept in the outbox; any other write is refused with
// offline.needs_server. Once the server answers again, the outbox goes up in order, one change at a
// time, each with its change id (X-Change-Id), so a change whose answer was lost is never applied twice.
#include <emscripten/emscripten.h>

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <deque>
#include <map>
#include <memory>

#include "core/base/i18n.hpp"
#include "core/offline/outbox.hpp"
#include "core/offline/snapshot.hpp"
#include "web/platform/kiosk_bridge.hpp"
#include "web/transport/api_client.hpp"

namespace ivd::web {
namespace {

class LocalApiClient;
std::map<int, LocalApiClient*>& live_calls() {
  static std::map<int, LocalApiClient*> m;
  return m;
}
int g_next_call = 1;

class LocalApiClient final : public ApiClient {
 public:
  ~LocalApiClient() override {
    for (auto it = live_calls().begin(); it != live_calls().end();)
      it = it->second == this ? live_calls().erase(it) : std::next(it);
  }
  void call(ApiCall call, ReplyHandler on_reply) override {
    const int id = g_next_call++;
    live_calls()[id] = this;
    pending_[id] = std::move(on_reply);
    kiosk_bridge::call(id, call, token_);
  }
  int deliver_replies() override {
    int n = 0;
    while (!arrived_.empty()) {
      auto [handler, reply] = std::move(arrived_.front());
      arrived_.pop_front();
      if (handler) handler(reply);
      ++n;
    }
    return n;
  }
  int in_flight() const override { return static_cast<int>(pending_.size() + arrived_.size()); }

  void arrive(int id, int status, const char* body) {
    auto it = pending_.find(id);
    if (it == pending_.end()) return;
    ApiReply reply;
    reply.status = status;
    reply.local = true;
    if (body && *body) {
      reply.body = nlohmann::json::parse(body, nullptr, false);
      if (reply.body.is_discarded()) reply.body = nullptr;
    }
    arrived_.emplace_back(std::move(it->second), std::move(reply));
    pending_.erase(it);
    if (on_reply_queued_) on_reply_queued_();
  }

 private:
  std::map<int, ReplyHandler> pending_;
  std::deque<std::pair<ReplyHandler, ApiReply>> arrived_;
};

// A fresh change id: 16 random bytes as hex (crypto.getRandomValues underneath).
std::string new_change_id() {
  unsigned char bytes[16] = {};
  if (getentropy(bytes, sizeof bytes) != 0) {
    for (auto& b : bytes) b = static_cast<unsigned char>(std::rand());
  }
  std::string out;
  char hex[3];
  for (unsigned char b : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", b);
    out += hex;
  }
  return out;
}

class FallbackApiClient;
FallbackApiClient*& the_fallback() {
  static FallbackApiClient* p = nullptr;
  return p;
}

// HTTP first; a read the server could not answer goes to the local copy, a write to the outbox or is
// refused (see the top of this file). The link shown is HTTP's, with the outbox's count.
class FallbackApiClient final : public ApiClient {
 public:
  explicit FallbackApiClient(std::string base_url)
      : http_(make_http_api_client(std::move(base_url))), local_(std::make_unique<LocalApiClient>()) {
    the_fallback() = this;
    link_.kiosk = kiosk_bridge::kiosk_mode_requested();
    kiosk_bridge::load_outbox();
  }
  ~FallbackApiClient() override {
    if (the_fallback() == this) the_fallback() = nullptr;
  }

  void call(ApiCall call, ReplyHandler on_reply) override {
    share_settings();
    const OfflineWrite kind = offline_write_kind(call);
    // Kiosk mode: the copy answers the reads (the session's own /auth requests excepted, they tell
    // whether the server is there) and the changes it may keep go to the outbox, sent in the background.
    if (link_.kiosk && !token_.empty() && call.path.rfind("/auth/", 0) != 0) {
      if (kind == OfflineWrite::queued) return keep_offline(std::move(call), std::move(on_reply));
      if (kind == OfflineWrite::read) return read_local_first(std::move(call), std::move(on_reply));
    }
    ApiCall again = call;
    http_->call(std::move(call), [this, kind, again = std::move(again), on_reply = std::move(on_reply)](const ApiReply& r) mutable {
      if (r.unreachable()) {
        // The copy makes no captcha: its absence is what tells the login form to unlock locally.
        const bool answerable = kind == OfflineWrite::read && again.path != "/auth/captcha";
        if (answerable) return local_->call(std::move(again), std::move(on_reply));
        if (kind == OfflineWrite::read) return on_reply ? on_reply(r) : void();
        if (kind == OfflineWrite::queued) return keep_offline(std::move(again), std::move(on_reply));
        // Still "not reached" (the login falls back to the offline unlock on it), with the reason to show.
        ApiReply unreached = refusal(kNeedsServerCode);
        unreached.status = 0;
        return answer(std::move(on_reply), std::move(unreached));
      }
      if (r.ok() && kind != OfflineWrite::read) supersede(again);
      note_server_answer(r, kind != OfflineWrite::read);
      if (on_reply) on_reply(r);
    });
  }
  int deliver_replies() override {
    int n = http_->deliver_replies() + local_->deliver_replies();
    while (!arrived_.empty()) {
      auto [handler, reply] = std::move(arrived_.front());
      arrived_.pop_front();
      if (handler) handler(reply);
      ++n;
    }
    link_.reachable = http_->link().reachable;
    if (link_.reachable && !syncing_ && loaded_ && !token_.empty() && outbox_.next()) send_next();
    link_.unsent = static_cast<int>(outbox_.size());
    link_.syncing = syncing_;
    return n;
  }
  int in_flight() const override {
    return http_->in_flight() + local_->in_flight() + static_cast<int>(arrived_.size() + trying_.size() + waiting_.size());
  }

  const Outbox* outbox() const override { return loaded_ ? &outbox_ : nullptr; }
  void retry_change(const std::string& change_id) override {
    if (auto i = outbox_.find(change_id)) {
      outbox_.retry(*i);
      save_outbox();
    }
  }
  void discard_change(const std::string& change_id) override {
    if (auto i = outbox_.find(change_id)) {
      outbox_.discard(*i);
      save_outbox();
    }
  }

  // ---- from kiosk.js ----
  void outbox_loaded(const char* text) {
    if (!loaded_) {
      const auto j = nlohmann::json::parse(text ? text : "", nullptr, false);
      Outbox stored = Outbox::from_json(j);
      // Changes kept before this page loaded come first.
      for (const auto& e : outbox_.entries()) stored.add(e);
      outbox_ = std::move(stored);
      loaded_ = true;
    }
    if (on_reply_queued_) on_reply_queued_();
  }
  void tried(int id, const char* answers_text) {
    if (trying_.empty() || trying_.front().id != id) return;
    Try t = std::move(trying_.front());
    trying_.pop_front();
    const auto answers = nlohmann::json::parse(answers_text ? answers_text : "", nullptr, false);
    ApiReply reply;
    const auto at = t.candidate.find(t.change_id);
    if (!answers.is_array() || !at || *at >= answers.size()) {
      reply.status = 503;
      reply.body = {{"code", "offline.no_copy"}};
    } else {
      const auto& a = answers[*at];
      reply.status = a.value("status", 503);
      reply.body = a.value("body", nlohmann::json());
      if (reply.ok()) {
        t.candidate.note_local_answer(*at, reply.body);
        outbox_ = std::move(t.candidate);
        save_outbox();
        reply.queued = true;
      }
      reply.local = true;
    }
    answer(std::move(t.on_reply), std::move(reply));
    start_next_try();
  }

 private:
  struct Try {
    int id = 0;
    std::string change_id;
    Outbox candidate;
    ReplyHandler on_reply;
  };
  struct Waiting {
    ApiCall call;
    ReplyHandler on_reply;
  };

  void share_settings() {
    http_->set_token(token_);
    local_->set_token(token_);
    http_->set_on_reply_queued(on_reply_queued_);
    local_->set_on_reply_queued(on_reply_queued_);
  }
  void answer(ReplyHandler on_reply, ApiReply reply) {
    arrived_.emplace_back(std::move(on_reply), std::move(reply));
    if (on_reply_queued_) on_reply_queued_();
  }
  // A refusal of this browser's, in the server's error form (both languages, decided in core).
  static ApiReply refusal(const char* code) {
    ApiReply r;
    r.status = 503;
    r.body = {{"code", code},
              {"message_zh", std::string(tr(Lang::zh, code))},
              {"message_en", std::string(tr(Lang::en, code))}};
    return r;
  }

  // A read in kiosk mode: the copy, or the server when this browser has no copy yet.
  void read_local_first(ApiCall call, ReplyHandler on_reply) {
    ApiCall again = call;
    local_->call(std::move(call), [this, again = std::move(again), on_reply = std::move(on_reply)](const ApiReply& r) mutable {
      if (r.status == 503 && r.code() == "offline.no_copy") {
        return http_->call(std::move(again), std::move(on_reply));
      }
      if (on_reply) on_reply(r);
    });
  }

  // A write kept offline: the local copy replays the outbox with it; accepted, it joins the outbox.
  // One at a time, so each candidate starts from the outbox the one before left.
  void keep_offline(ApiCall call, ReplyHandler on_reply) {
    waiting_.push_back(Waiting{std::move(call), std::move(on_reply)});
    if (trying_.empty()) start_next_try();
  }
  void start_next_try() {
    if (!trying_.empty() || waiting_.empty()) return;
    Waiting w = std::move(waiting_.front());
    waiting_.pop_front();
    OutboxEntry e;
    e.change_id = new_change_id();
    e.call = std::move(w.call);
    e.created_at = static_cast<int64_t>(std::time(nullptr));
    Try t{next_try_++, e.change_id, outbox_, std::move(w.on_reply)};
    if (!t.candidate.add(std::move(e))) {
      answer(std::move(t.on_reply), refusal(kOutboxFullCode));
      return start_next_try();
    }
    const std::string text = t.candidate.to_json().dump();
    const int id = t.id;
    trying_.push_back(std::move(t));
    kiosk_bridge::try_outbox(id, text, token_);
  }
  void save_outbox() {
    kiosk_bridge::save_outbox(outbox_.to_json().dump());
    // The count shown (link_.unsent) follows in the frame this wakes (deliver_replies).
    if (on_reply_queued_) on_reply_queued_();
  }
  // A save of the target online holds everything the kept changes held (the screens send whole states).
  void supersede(const ApiCall& call) {
    const size_t before = outbox_.size();
    outbox_.superseded_by(call);
    if (outbox_.size() != before) save_outbox();
  }

  // ---- sync: the outbox goes up in order ----
  void send_next() {
    const auto i = outbox_.next();
    if (!i) return;
    outbox_.mark_attempted(*i);
    save_outbox();
    const OutboxEntry& e = outbox_.entries()[*i];
    ApiCall c = e.call;
    c.change_id = e.change_id;
    const std::string change_id = e.change_id;
    syncing_ = true;
    share_settings();
    http_->call(std::move(c), [this, change_id](const ApiReply& r) {
      syncing_ = false;
      const auto at = outbox_.find(change_id);
      if (!at) return;
      // Not reached, the server failing, or the session gone: kept as it is, sent again later.
      if (r.unreachable() || r.status >= 500 || r.status == 401) return;
      if (r.ok()) {
        outbox_.accepted(*at, r.body);
        synced_since_copy_ = true;
        ++link_.accepted;
      } else {
        outbox_.refused(*at, r.body);
      }
      save_outbox();
      if (!outbox_.next() && synced_since_copy_) {
        synced_since_copy_ = false;
        note_server_answer(r.ok() ? r : ApiReply{200, nullptr}, true);
      }
    });
  }

  // Keeps the local copy fresh: a new session, or a change the server accepted, asks for a new one.
  void note_server_answer(const ApiReply& r, bool write) {
    if (token_.empty() || !r.ok()) return;
    if (token_ == copy_token_ && !(write && !fetching_)) return;
    if (fetching_) return;
    if (token_ == refused_token_) return;  // not a hospital user: no copy for this session
    copy_token_ = token_;
    fetching_ = true;
    const std::string token = token_;
    http_->call(ApiCall::parse("GET", "/offline/snapshot", nullptr), [this, token](const ApiReply& s) {
      fetching_ = false;
      if (s.status == 403) refused_token_ = token;
      if (!s.ok()) {
        if (s.status != 403) copy_token_.clear();
        return;
      }
      const OfflineSnapshot snap = s.body.get<OfflineSnapshot>();
      kiosk_bridge::store_copy(snap.db_base64, snap.user_id, snap.taken_at);
    });
  }

  std::unique_ptr<ApiClient> http_;
  std::unique_ptr<LocalApiClient> local_;
  std::string copy_token_;     // the session the stored copy was last fetched for
  std::string refused_token_;  // a session the server gives no copy (not a hospital user)
  bool fetching_ = false;

  Outbox outbox_;
  bool loaded_ = false;  // the stored outbox was read (until then nothing is sent)
  bool syncing_ = false;
  bool synced_since_copy_ = false;
  int next_try_ = 1;
  std::deque<Try> trying_;
  std::deque<Waiting> waiting_;
  std::deque<std::pair<ReplyHandler, ApiReply>> arrived_;
};

}  // namespace

std::unique_ptr<ApiClient> make_fallback_api_client(std::string base_url) {
  return std::make_unique<FallbackApiClient>(std::move(base_url));
}

}  // namespace ivd::web

extern "C" EMSCRIPTEN_KEEPALIVE void web_kiosk_reply(int id, int status, const char* body) {
  auto it = ivd::web::live_calls().find(id);
  if (it == ivd::web::live_calls().end()) return;
  ivd::web::LocalApiClient* client = it->second;
  ivd::web::live_calls().erase(it);
  client->arrive(id, status, body);
}

extern "C" EMSCRIPTEN_KEEPALIVE void web_kiosk_outbox(const char* text) {
  if (auto* f = ivd::web::the_fallback()) f->outbox_loaded(text);
}

extern "C" EMSCRIPTEN_KEEPALIVE void web_kiosk_tried(int id, const char* answers) {
  if (auto* f = ivd::web::the_fallback()) f->tried(id, answers);
}
