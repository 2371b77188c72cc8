#pragma once
// The end of the product's confirmation and form dialogs: a refusal that names no field, and the
// 取消 / 确定 pair whose 确定 reads what is under way while the request is sent.
#include <string>

#include "web/message.hpp"

namespace ivd::web {

class App;

namespace dialog_ui {

// A refusal above the buttons (after a small gap), exposed as test_id; nothing when empty.
void refusal(const Message& m, Lang lang, const char* test_id);
// 取消 / 确定 (widgets::modal_buttons) with the test ids <id>.cancel / <id>.ok; 确定 reads busy_text_id
// while busy. Returns 1 for 确定, -1 for 取消 (or Escape), 0 otherwise.
int buttons(App& app, const std::string& id, bool busy, const char* busy_text_id, bool ok_enabled);

}  // namespace dialog_ui
}  // namespace ivd::web
