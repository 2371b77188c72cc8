#pragma once
// Test hooks: Dear ImGui calls ImGuiTestEngineHook_ItemAdd/ItemInfo (compiled in with
// IMGUI_ENABLE_TEST_ENGINE) for every item it lays out. We keep the labelled items of the last
// drawn frame so browser tests can find a widget by its label ("##login.username") and click or type
// at its rectangle, the way imgui_test_engine does, without pixel matching.
#include <imgui.h>

#include <string>
#include <unordered_map>
#include <vector>

struct ImGuiContext;
struct ImRect;
struct ImGuiLastItemData;

namespace ivd::web {

class ItemRecorder {
 public:
  // Registers this recorder as the context's test engine and turns the item hooks on.
  void install(ImGuiContext* ctx);
  void begin_frame();
  void end_frame();  // the frame's items become the published ones

  // Called from the ImGui hooks.
  void item_add(ImGuiContext& g, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* data);
  void item_info(ImGuiID id, const char* label, int flags);
  const char* label_of(ImGuiID id) const;

  // JSON array of the published items: {label, id, window, x, y, w, h, visible, flags}. Coordinates
  // in CSS pixels relative to the canvas: device pixels divided by css_scale.
  std::string json(float css_scale) const;

 private:
  struct Item {
    ImGuiID id = 0;
    std::string label;
    std::string window;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool visible = true;
    int flags = 0;
  };
  std::vector<Item> current_, published_;
  std::unordered_map<ImGuiID, size_t> index_;  // id -> position in current_
};

}  // namespace ivd::web
