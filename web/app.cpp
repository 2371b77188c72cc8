// Application state and actions (app.hpp).
//
// [SECTION] helpers
// [SECTION] App: frame, drawing
// [SECTION] actions: session, login, password, logout
// [SECTION] navigation and uploads
#include "web/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <ctime>

#include "core/base/base64.hpp"
#include "core/base/services.hpp"
#include "core/offline/offline_unlock.hpp"
#include "web/json_fields.hpp"
#include "web/offline/unlock_store.hpp"
#include "web/platform/browser.hpp"
#include "web/platform/file_io.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {
namespace {

// [SECTION] helpers

constexpr const char* kTokenKey = "ivd.session_token";  // sessionStorage: this tab only
constexpr const char* kLangKey = "ivd.lang";            // localStorage: remembered preference
// A captcha is renewed this long before the server lets it expire, so the user never types an answer
// the server will refuse as expired (the lifetime itself comes with each captcha).
constexpr double kCaptchaRenewMargin = 10;

// The SessionUser of a reply's "user" member (core/accounts/session_user.hpp), or nullopt.
std::optional<SessionUser> session_user_in(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("user") || !body["user"].is_object()) return std::nullopt;
  SessionUser u = body["user"].get<SessionUser>();
  if (u.actor.username.empty()) return std::nullopt;
  return u;
}

}  // namespace

// [SECTION] App: frame, drawing
App::App(std::unique_ptr<ApiClient> api) : api_(std::move(api)) {
  if (browser::local_get(kLangKey) == "en") lang = Lang::en;
}

std::string App::label(std::string_view text_id, std::string_view widget_id) const {
  std::string s(t(text_id));
  s += "##";
  s += widget_id;
  return s;
}

const char* App::screen_name() const {
  switch (screen) {
    case Screen::starting:
      return "starting";
    case Screen::login:
      return "login";
    case Screen::change_password:
      return "change_password";
    case Screen::main:
      return "main";
  }
  return "?";
}

void App::begin_frame() {
  api_->deliver_replies();
  // Back / Forward / an edited address: the hash is the view (once logged in; before, it waits for
  // the login and is read then).
  if (browser::take_location_change() && screen == Screen::main) route = Route::from_hash(browser::location_hash());
  const double now = browser::now_seconds();
  if (screen_deadline_ > 0 && now >= screen_deadline_) screen_deadline_ = 0;  // drawn now
  if (screen == Screen::login && captcha.image.valid() && !captcha.loading && captcha.renew_at > 0 &&
      now >= captcha.renew_at)
    refresh_captcha();
  // Out of reach: ask the server again every few seconds, so 在线 comes back without a click.
  if (api_->link().reachable) {
    probe_at_ = 0;
  } else if (!probing_) {
    if (probe_at_ == 0) probe_at_ = now + kLinkProbeSeconds;
    if (now >= probe_at_) probe_server();
  }
}

void App::wake_at(double seconds) {
  if (screen_deadline_ == 0 || seconds < screen_deadline_) screen_deadline_ = seconds;
}

double App::next_deadline() const {
  double d = 0;
  auto earliest = [&d](double t) {
    if (t > 0 && (d == 0 || t < d)) d = t;
  };
  // A captcha expires (SPEC §1: after 2 minutes); a fresh one shows shortly before.
  if (screen == Screen::login && captcha.image.valid() && !captcha.loading) earliest(captcha.renew_at);
  if (!probing_) earliest(probe_at_);
  earliest(screen_deadline_);
  return d;
}

void App::probe_server() {
  probing_ = true;
  probe_at_ = 0;
  // /auth/me answers for any session (and 401 without one): any answer means the server is back. Its
  // reply is not the session's business here (a 401 is seen by the next request of the screens).
  const int epoch = session_epoch_;
  api_->send("GET", "/auth/me", nullptr, [this, epoch](const ApiReply& r) {
    probing_ = false;
    // The server is back and does not know this session (unlocked offline, or expired meanwhile): the
    // clerk logs in again, and what waits in the outbox goes up with the new session.
    if (r.status == 401 && epoch == session_epoch_ && screen == Screen::main) {
      set_token({});
      const Outbox* box = api_->outbox();
      go_login(box && !box->empty() ? "kiosk.relogin_to_sync" : "web.login.session_expired");
    }
    if (wake_) wake_();
  });
}

void App::draw() {
  widgets::set_texts(std::string(t("web.widgets.copy")));
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::Begin("##root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNavFocus);
  ImGui::PopStyleVar(2);
  switch (screen) {
    case Screen::starting: {
      const std::string_view s = t("web.starting");
      const ImVec2 ts = ImGui::CalcTextSize(s.data(), s.data() + s.size());
      ImGui::SetCursorPos(ImVec2((vp->Size.x - ts.x) * 0.5f, (vp->Size.y - ts.y) * 0.5f));
      widgets::text(s, 0, theme::kTextMuted);
      break;
    }
    case Screen::login:
      login.draw(*this);
      break;
    case Screen::change_password:
      change_password.draw(*this);
      break;
    case Screen::main:
      main_frame.draw(*this);
      break;
  }
  ImGui::End();
  // The page's login form lies over the login fields while they show, and is hidden otherwise.
  const browser::LoginFormState form = screen == Screen::login ? login.form_state : browser::LoginFormState{};
  if (!(form == login_form_sent_)) {
    browser::update_login_form(form);
    login_form_sent_ = form;
  }
}

// [SECTION] actions: session, login, password, logout
void App::start() {
  const std::string token = browser::session_get(kTokenKey);
  if (token.empty()) {
    go_login({});
    return;
  }
  api_->set_token(token);
  screen = Screen::starting;
  api_->send("GET", "/auth/me", nullptr, [this](const ApiReply& r) {
    if (r.ok())
      if (auto u = session_user_in(r.body)) return on_session(std::move(*u));
    set_token({});
    go_login({});
  });
}

void App::set_lang(Lang l) {
  lang = l;
  browser::local_set(kLangKey, l == Lang::en ? "en" : "zh");
}

void App::set_token(std::string token) {
  browser::session_set(kTokenKey, token);
  api_->set_token(std::move(token));
}

void App::go_login(std::string notice_id) {
  screen = Screen::login;
  user.reset();
  ++session_epoch_;
  login.password.clear();
  login.captcha_answer.clear();
  login.error.clear();
  login.notice = notice_id.empty() ? Message{} : Message::of(std::move(notice_id));
  login.submitting = false;
  login.focus_username = true;
  login.password_focused = false;
  refresh_captcha();
}

void App::on_session(SessionUser u) {
  const bool must_change = u.actor.must_change_password;
  ++session_epoch_;
  user = std::move(u);
  login.notice.clear();
  login.error.clear();
  if (must_change) {
    change_password.reset(true);
    screen = Screen::change_password;
  } else {
    main_frame.reset();
    // A deep link or a reload: the address bar names the view (a menu this user does not hold gives
    // 首页, main_frame.cpp).
    route = Route::from_hash(browser::location_hash());
    screen = Screen::main;
  }
}

void App::on_unauthorised(const ApiReply&) {
  set_token({});
  go_login("web.login.session_expired");
}

Message App::message_of(const ApiReply& r) const {
  const std::string zh = r.str("message_zh"), en = r.str("message_en");
  // Not reached: the transport may say why (an action that needs the server, offline).
  if (r.unreachable()) return zh.empty() && en.empty() ? Message::of("web.net.unreachable") : Message::server(zh, en);
  if (!zh.empty() || !en.empty()) return Message::server(zh, en);
  if (const std::string code = r.code(); !code.empty() && has_text(lang, code)) return Message::of(code);
  return Message::of("web.net.http_error", {std::to_string(r.status)});
}

void App::request(const std::string& method, const std::string& path, const nlohmann::json& body,
                  ReplyHandler on_reply) {
  request(ApiCall::parse(method, path, body), std::move(on_reply));
}

void App::request(ApiCall call, ReplyHandler on_reply) {
  const int epoch = session_epoch_;
  api_->call(std::move(call), [this, epoch, on_reply = std::move(on_reply)](const ApiReply& r) {
    if (epoch != session_epoch_) return;  // the session this was sent for has ended
    if (r.status == 401) return on_unauthorised(r);
    on_reply(r);
  });
}

void App::refresh_captcha() {
  captcha.loading = true;
  const int req = ++captcha.request;
  api_->send("GET", "/auth/captcha", nullptr, [this, req](const ApiReply& r) {
    if (req != captcha.request) return;  // a newer picture was asked for meanwhile
    captcha.loading = false;
    const bool loaded = r.ok() && captcha.image.load_base64(r.str("image_png_base64"));
    // No server, no captcha (a read the server could not answer is answered by the local copy, which
    // makes no picture): the form unlocks with the record kept on this browser (unlock_offline).
    login.offline = !loaded && (r.unreachable() || !api_->link().reachable);
    if (loaded) {
      captcha.id = r.str("captcha_id");
      // 0 (a reply without a lifetime): no timed renewal, the server's refusal asks for a new one.
      const double ttl = static_cast<double>(json_field::integer(r.body, "ttl_seconds", 0));
      captcha.renew_at = ttl > 0 ? browser::now_seconds() + std::max(ttl - kCaptchaRenewMargin, ttl * 0.5) : 0;
    } else {
      captcha.id.clear();
      captcha.image.reset();
      if (!login.offline) login.error = r.ok() ? Message::of("web.login.captcha_failed") : message_of(r);
    }
  });
}

bool App::needs_server_now(const std::string& method, const std::string& path, const nlohmann::json& body) const {
  if (link().reachable) return false;  // kiosk mode with the server there: it is asked as usual
  return offline_write_kind(ApiCall::parse(method, path, body)) == OfflineWrite::needs_server;
}

void App::submit_login() {
  if (login.submitting) return;
  login.error.clear();
  login.notice.clear();
  // Empty fields are caught here for instant feedback; everything else is the server's decision.
  if (login.username.empty()) {
    login.error = Message::of("web.login.need_username");
    login.focus_username = true;
    return;
  }
  if (login.password.empty()) {
    login.error = Message::of("web.login.need_password");
    return;
  }
  if (login_needs_captcha(!login.offline) && login.captcha_answer.empty()) {
    login.error = Message::of("web.login.need_captcha");
    login.focus_captcha = true;
    return;
  }
  login.submitting = true;
  browser::login_submitted();  // the form's submit event: the browser may offer to save the password
  const nlohmann::json body = {{"username", login.username},
                               {"password", login.password},
                               {"captcha_id", captcha.id},
                               {"captcha", login.captcha_answer}};
  // The typed credentials, for the unlock record (online) or the check against it (server out of reach).
  const std::string username = login.username, password = login.password;
  api_->send("POST", "/auth/login", body, [this, username, password](const ApiReply& r) {
    if (r.unreachable()) return unlock_offline(username, password);
    login.submitting = false;
    if (r.ok() && r.body.is_object()) {
      auto u = session_user_in(r.body);
      const std::string token = r.str("token");
      if (u && !token.empty()) {
        set_token(token);
        // What unlocks this browser the next time the server cannot be reached: replaces the last
        // user's record (issue 12 §2; a salted verifier, never the password).
        if (keeps_offline_unlock(u->actor)) {
          const std::string salt = unlock_store::random_bytes(kOfflineUnlockSaltBytes);
          unlock_store::write(make_offline_unlock(u->actor, password, salt));
        }
        login.password.clear();
        login.captcha_answer.clear();
        return on_session(std::move(*u));
      }
      login.error = Message::of("web.net.bad_reply");
      return;
    }
    login.error = message_of(r);
    // A captcha is single use: every failed attempt needs a new picture.
    login.captcha_answer.clear();
    login.focus_captcha = true;
    refresh_captcha();
  });
}

// The server could not be reached at login: core checks the password against the record kept on this
// browser (check_offline_unlock, which also counts wrong passwords); a match opens a local session, a
// random token as usual, whose user is the one the local copy knows (GET /auth/me, answered locally).
void App::unlock_offline(std::string username, std::string password) {
  login.offline = true;
  const int epoch = session_epoch_;
  unlock_store::read([this, epoch, username = std::move(username),
                      password = std::move(password)](std::optional<OfflineUnlock> record) {
    if (epoch != session_epoch_ || screen != Screen::login) return;
    const Status unlocked = check_offline_unlock(record, username, password, static_cast<int64_t>(std::time(nullptr)));
    if (record && record->usable()) unlock_store::write(*record);  // the failure count and the wait
    if (!unlocked.ok()) {
      login.submitting = false;
      login.error = Message::server(unlocked.error().message_zh, unlocked.error().message_en);
      login.password.clear();
      refresh_captcha();  // the server may be back meanwhile
      return;
    }
    const int64_t user_id = record->user_id;
    set_token(to_hex(unlock_store::random_bytes(32)));
    api_->send("GET", "/auth/me", nullptr, [this, epoch, user_id](const ApiReply& r) {
      if (epoch != session_epoch_) return;
      login.submitting = false;
      if (r.ok())
        if (auto u = session_user_in(r.body); u && u->actor.user_id == user_id) {
          login.password.clear();
          return on_session(std::move(*u));
        }
      set_token({});
      // The copy is missing or is another user's: nothing of this user to work on here.
      login.error = r.ok() ? Message::of("offline.unlock.no_record") : message_of(r);
    });
  });
}

void App::open_change_password() {
  change_password.reset(false);
  screen = Screen::change_password;
}

void App::cancel_change_password() {
  if (change_password.forced) return logout();
  screen = Screen::main;
}

void App::submit_change_password() {
  ChangePasswordScreen& s = change_password;
  if (s.submitting) return;
  s.error.clear();
  s.error_field.clear();
  auto refuse = [&s](const char* id, const char* field) {
    s.error = Message::of(id);
    s.error_field = field;
  };
  if (s.old_password.empty()) return refuse("web.pwd.need_old", "old_password");
  if (s.new_password.empty()) return refuse("web.pwd.need_new", "new_password");
  if (s.confirm_password != s.new_password) return refuse("web.pwd.mismatch", "confirm_password");
  s.submitting = true;
  const nlohmann::json body = {
      {"old_password", s.old_password}, {"new_password", s.new_password}, {"confirm_password", s.confirm_password}};
  api_->send("POST", "/auth/change-password", body, [this](const ApiReply& r) {
    ChangePasswordScreen& s = change_password;
    s.submitting = false;
    if (r.ok()) {
      // The server ended the session (logged_out): the new password is used from a fresh login.
      set_token({});
      s.old_password.clear();
      s.new_password.clear();
      s.confirm_password.clear();
      s.done = true;
      return;
    }
    if (r.status == 401 && r.field().empty() && r.code().find("password") == std::string::npos)
      return on_unauthorised(r);
    s.error = message_of(r);
    s.error_field = r.field();
  });
}

void App::finish_password_change() {
  const std::string username = user ? user->actor.username : login.username;
  go_login("web.login.password_changed");
  login.username = username;
}

void App::logout() {
  api_->send("POST", "/auth/logout", nlohmann::json::object(), [](const ApiReply&) {});
  set_token({});
  main_frame.reset();
  route = Route{};
  browser::set_location_hash({}, true);  // the next user starts at 首页
  go_login("web.login.logged_out");
}


// [SECTION] navigation and uploads
void App::navigate(Route r, bool replace) {
  const std::string hash = r.to_hash();
  // The same view again (a click on the selected menu) adds no history entry.
  if (!replace && r == route && browser::location_hash() == hash) return;
  browser::set_location_hash(hash, replace);
  route = std::move(r);
  if (wake_) wake_();
}

void App::upload_file(const std::string& path, const std::string& name, const std::string& bytes,
                      std::function<void(double)> on_progress, ReplyHandler on_reply) {
  // XMLHttpRequest rather than the ApiClient: only XHR reports how much of the body went up. Same
  // session rules as request(): a reply for an ended session is dropped, a 401 ends this one.
  if (on_progress) on_progress(0);
  const nlohmann::json body = {{"name", name}, {"content_base64", base64_encode(bytes)}};
  const int epoch = session_epoch_;
  file_io::post_json_with_progress(
      "/api/v1" + path, api_->token(), body.dump(),
      [this, epoch, on_progress](double f) {
        if (epoch == session_epoch_ && on_progress) on_progress(f);
      },
      [this, epoch, on_progress, on_reply = std::move(on_reply)](int status, std::string text) {
        if (epoch != session_epoch_) return;
        ApiReply r;
        r.status = status;
        if (!text.empty()) {
          r.body = nlohmann::json::parse(text, nullptr, false);
          if (r.body.is_discarded()) r.body = nullptr;
        }
        if (r.status == 401) return on_unauthorised(r);
        if (on_progress && r.ok()) on_progress(1);
        on_reply(r);
      });
}

void App::download(const std::string& path, const std::string& file_name, ReplyHandler on_reply) {
  const int epoch = session_epoch_;
  file_io::download_url("/api/v1" + path, api_->token(), file_name,
                        [this, epoch, on_reply = std::move(on_reply)](int status, std::string text) {
                          if (epoch != session_epoch_) return;
                          ApiReply r;
                          r.status = status;
                          if (!text.empty()) {
                            r.body = nlohmann::json::parse(text, nullptr, false);
                            if (r.body.is_discarded()) r.body = nullptr;
                          }
                          if (r.status == 401) return on_unauthorised(r);
                          on_reply(r);
                        });
}

}  // namespace ivd::web
