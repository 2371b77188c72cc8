#include "web/platform/ui_font.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "web/platform/browser.hpp"
#include "web/theme.hpp"

namespace ivd::web::ui_font {
namespace {

int g_files = 0;

ImFont* add(ImGuiIO& io, std::vector<uint8_t> bytes, const std::string& name, bool merge) {
  if (bytes.empty()) return nullptr;
  // The atlas owns the copy and frees it with ImGui's allocator.
  void* data = IM_ALLOC(bytes.size());
  std::memcpy(data, bytes.data(), bytes.size());
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = true;
  cfg.MergeMode = merge;
  std::snprintf(cfg.Name, sizeof(cfg.Name), "%s", name.c_str());
  ImFont* font = io.Fonts->AddFontFromMemoryTTF(data, static_cast<int>(bytes.size()), theme::kFontSize, &cfg);
  if (font) ++g_files;
  return font;
}

std::string utf8_of(unsigned int c) {
  char buf[8] = {};
  ImTextCharToUtf8(buf, c);
  return buf;
}

}  // namespace

bool load_core(ImGuiIO& io) { return add(io, browser::take_font_bytes(), "ui core", false) != nullptr; }

int merge_arrived(ImGuiIO& io) {
  if (io.Fonts->Fonts.empty()) return 0;
  int merged = 0;
  for (;;) {
    std::string name;
    std::vector<uint8_t> bytes = browser::take_extra_font(name);
    if (bytes.empty()) break;
    if (add(io, std::move(bytes), name, true)) ++merged;
  }
  if (merged > 0) {
    // Every baked size remembers the characters it did not find (drawn as the fallback box) and
    // sizes its per-file loader data for the files it was built with: drop them all, they are
    // rebuilt on demand at the next frame from all files.
    ImFont* font = io.Fonts->Fonts[0];
    ImFontAtlasFontDiscardBakes(io.Fonts, font, 0);
  }
  return merged;
}

int files_loaded() { return g_files; }

std::string probe_json(const char* utf8) {
  std::string not_in_font, not_rendered;
  ImGuiContext* g = ImGui::GetCurrentContext();
  ImFont* font = g && !g->IO.Fonts->Fonts.empty() ? g->IO.Fonts->Fonts[0] : nullptr;
  if (font && utf8) {
    ImFontBaked* baked = font->GetFontBaked(theme::kFontSize * ImGui::GetStyle().FontScaleDpi);
    for (const char* p = utf8; *p;) {
      unsigned int c = 0;
      const int n = ImTextCharFromUtf8(&c, p, nullptr);
      if (n <= 0) break;
      p += n;
      if (!font->IsGlyphInFont(static_cast<ImWchar>(c))) not_in_font += utf8_of(c);
      if (!baked || !baked->FindGlyphNoFallback(static_cast<ImWchar>(c))) not_rendered += utf8_of(c);
    }
  }
  return nlohmann::json{{"files", g_files}, {"not_in_font", not_in_font}, {"not_rendered", not_rendered}}.dump();
}

}  // namespace ivd::web::ui_font
