#pragma once
// Application state: language, the logged-in user, which screen shows, and the actions screens call.
// Replies from the server are queued by the ApiClient and applied at the start of each frame
// (begin_frame), so all state changes happen on frame boundaries. Screens hold only their UI state
// and draw; the decisions (what a reply means, where to go next) are here.
#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/session_user.hpp"
#include "core/accounts/permissions.hpp"
#include "core/api/actor.hpp"
#include "core/base/i18n.hpp"
#include "web/transport/api_client.hpp"
#include "web/platform/image_texture.hpp"
#include "web/message.hpp"
#include "web/screens/accounts/change_password_screen.hpp"
#include "web/screens/accounts/login_screen.hpp"
#include "web/screens/main_frame.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

enum class Screen { starting, login, change_password, main };

struct Captcha {
  std::string id;
  ImageTexture image;
  bool loading = false;
  int request = 0;      // number of the latest request; older replies are dropped
  double renew_at = 0;  // browser::now_seconds() when the picture is replaced before it expires (the
                        // reply says how long the server keeps it)
};

class App {
 public:
  explicit App(std::unique_ptr<ApiClient> api);

  // Called when a reply is queued (between frames): main.cpp wakes the render loop.
  void set_wake(std::function<void()> f) {
    wake_ = f;
    api_->set_on_reply_queued(std::move(f));
  }
  // Test hook (browser tests of the client's lifetime): destroys the API client, with whatever it has
  // in flight, and goes on with `api` (same token, same wake-up).
  void replace_api_client(std::unique_ptr<ApiClient> api) {
    api->set_token(api_->token());
    api->set_on_reply_queued(wake_);
    api_ = std::move(api);
  }
  ApiClient& api_client() { return *api_; }

  // Frame protocol (main.cpp): begin_frame applies queued replies and due timers, draw draws the
  // current screen. next_deadline: when a timer is due (seconds, browser::now_seconds()), 0 = none;
  // the render loop sleeps until then at most.
  void begin_frame();
  void draw();
  double next_deadline() const;

  // ---- state read by screens ----
  Lang lang = Lang::zh;
  Screen screen = Screen::starting;
  std::optional<SessionUser> user;  // the logged-in user as core describes it (/auth/login, /auth/me)
  Captcha captcha;
  LoginScreen login;
  ChangePasswordScreen change_password;
  MainFrame main_frame;
  Route route;  // the view of the main frame (menu and parameters), mirrored in the URL hash

  std::string_view t(std::string_view id) const { return tr(lang, id); }
  std::string tf(std::string_view id, const std::vector<std::string>& args) const { return trf(lang, id, args); }
  // Label with a stable ImGui id suffix: "登录##login.submit" (tests find widgets by the suffix).
  std::string label(std::string_view text_id, std::string_view widget_id) const;
  // Display names decided in core (permissions.hpp menu_label, role_label), in the current language.
  std::string_view menu_title(std::string_view menu) const { return menu_label(lang, menu); }
  std::string_view role_title(Role role) const { return role_label(lang, role); }
  bool busy() const { return api_->in_flight() > 0; }
  const char* screen_name() const;
  // The logged-in user as core sees it (role, region, held menus). Empty actor when nobody is logged in.
  const Actor& actor() const { return user ? user->actor : no_actor_; }
  // A refusal as the message to show: the server's message_zh / message_en, else a known code, else
  // the HTTP status.
  Message message_of(const ApiReply& r) const;

  // ---- requests of the screens of the main frame ----
  // Sends a request for the logged-in session. A 401 ends the session (back to login, on_reply is not
  // called); replies that arrive after the session ended (logout, new login) are dropped.
  void request(const std::string& method, const std::string& path, const nlohmann::json& body, ReplyHandler on_reply);
  void request(ApiCall call, ReplyHandler on_reply);
  // The connection as the top bar shows it (core/api/connection_status.hpp).
  const LinkState& link() const { return api_->link(); }
  // The server cannot be reached and core says this write needs it (core/offline/outbox.hpp): the
  // screen disables the action and shows offline.needs_server beside it.
  bool needs_server_now(const std::string& method, const std::string& path,
                        const nlohmann::json& body = nullptr) const;

  // ---- actions called by screens ----
  // Shows another view of the main frame. A new history entry (Back returns here), or, with replace,
  // the current one is replaced (redirects, corrections of a deep link).
  void navigate(Route r, bool replace = false);
  // Uploads a file the clerk picked (web/platform/file_io.hpp) to POST `path` (below /api/v1: the
  // domain's upload route, "/ivd/files" or "/supply/files"; body {name, content_base64}) for the
  // logged-in session; on_progress(0..1) while the bytes go up, then on_reply with the FileRef
  // ({id, name, size, content_type, sha256}) or the refusal.
  void upload_file(const std::string& path, const std::string& name, const std::string& bytes,
                   std::function<void(double)> on_progress, ReplyHandler on_reply);
  // Downloads the binary answer of GET `path` (below /api/v1, e.g. "/exports/3/download") for the
  // logged-in session as a file named file_name; on_reply with status 200 and no body when saved, or
  // the refusal. Same session rules as request().
  void download(const std::string& path, const std::string& file_name, ReplyHandler on_reply);
  // A screen that must look again at a moment (e.g. refresh a list while exports are being generated):
  // the render loop wakes by then (browser::now_seconds()); the screen checks its own time when drawn.
  void wake_at(double seconds);
  void start();  // restore a session from this tab, or show the login form
  void set_lang(Lang l);
  void refresh_captcha();
  void submit_login();
  void open_change_password();  // voluntary change from the account menu
  void cancel_change_password();
  void submit_change_password();
  void finish_password_change();  // "返回登录" after a successful change
  void logout();

 private:
  void go_login(std::string notice_id);
  void on_session(SessionUser u);
  void on_unauthorised(const ApiReply& r);  // 401 on a session route: back to login
  void unlock_offline(std::string username, std::string password);  // login while the server is out of reach
  void set_token(std::string token);

  std::unique_ptr<ApiClient> api_;
  std::function<void()> wake_;
  browser::LoginFormState login_form_sent_;  // the page's login fields as last placed
  Actor no_actor_;
  int session_epoch_ = 0;  // changes whenever a session starts or ends; stale replies are dropped
  double screen_deadline_ = 0;  // wake_at: the earliest moment a screen asked to be drawn again
  double probe_at_ = 0;    // while the server is out of reach: when to ask it again (0 = not planned)
  bool probing_ = false;
  void probe_server();
};

}  // namespace ivd::web
