#pragma once
// The connection badge of the top bar: 在线 / 离线 / 同步中 with the count of changes not yet sent, as
// core decides them (core/api/connection_status.hpp). Exposed to browser tests as "text##kiosk.link".
namespace ivd::web {

class App;

// Draws the badge with its left edge at x, centred on the line y_center, on the top bar's blue.
// Returns its width (device pixels).
// Clicking it opens the list of changes kept offline (draw_outbox_dialog).
float draw_link_badge(App& app, float x, float y_center);
// The list of changes not yet sent, each with its state and, when the server refused it, the reason
// with 重试 / 放弃此修改. Drawn every frame by the main frame (it shows only while open).
void draw_outbox_dialog(App& app);

}  // namespace ivd::web
