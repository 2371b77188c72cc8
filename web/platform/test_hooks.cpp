#include "web/platform/test_hooks.hpp"

#include <imgui_internal.h>

#include <cstdarg>
#include <nlohmann/json.hpp>

namespace ivd::web {

void ItemRecorder::install(ImGuiContext* ctx) {
  ctx->TestEngine = this;
  ctx->TestEngineHookItems = true;
}

void ItemRecorder::begin_frame() {
  current_.clear();
  index_.clear();
}

void ItemRecorder::end_frame() { published_.swap(current_); }

void ItemRecorder::item_add(ImGuiContext& g, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* data) {
  const ImRect r = data ? data->Rect : bb;
  ImGuiWindow* w = g.CurrentWindow;
  auto [it, inserted] = index_.try_emplace(id, current_.size());
  if (inserted) current_.emplace_back();
  Item& item = current_[it->second];
  item.id = id;
  item.x0 = r.Min.x;
  item.y0 = r.Min.y;
  item.x1 = r.Max.x;
  item.y1 = r.Max.y;
  item.window = w ? w->Name : "";
  item.visible = w ? r.Overlaps(w->ClipRect) : true;
}

void ItemRecorder::item_info(ImGuiID id, const char* label, int flags) {
  auto it = index_.find(id);
  if (it == index_.end()) return;
  current_[it->second].label = label ? label : "";
  current_[it->second].flags = flags;
}

const char* ItemRecorder::label_of(ImGuiID id) const {
  for (const auto& i : published_)
    if (i.id == id) return i.label.c_str();
  return nullptr;
}

std::string ItemRecorder::json(float css_scale) const {
  const float k = css_scale > 0 ? 1.0f / css_scale : 1.0f;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& i : published_) {
    if (i.label.empty()) continue;
    out.push_back({{"label", i.label},
                   {"id", i.id},
                   {"window", i.window},
                   {"x", i.x0 * k},
                   {"y", i.y0 * k},
                   {"w", (i.x1 - i.x0) * k},
                   {"h", (i.y1 - i.y0) * k},
                   {"visible", i.visible},
                   {"flags", i.flags}});
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ivd::web

// ---- the hooks Dear ImGui calls (declared in imgui_internal.h) -------------------------------------
using ivd::web::ItemRecorder;

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item_data) {
  if (auto* rec = static_cast<ItemRecorder*>(ctx->TestEngine)) rec->item_add(*ctx, id, bb, item_data);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  if (auto* rec = static_cast<ItemRecorder*>(ctx->TestEngine)) rec->item_info(id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext* ctx, ImGuiID id) {
  if (auto* rec = static_cast<ItemRecorder*>(ctx->TestEngine)) return rec->label_of(id);
  return nullptr;
}
