#pragma once
// The look: a light government-portal theme with a blue accent. Sizes are written in CSS pixels and
// scaled to device pixels (ImGui works in device pixels here, see main.cpp), so text stays crisp on
// HiDPI screens.
#include <imgui.h>

namespace ivd::web::theme {

// Base font size in CSS pixels, and the larger sizes used for titles.
inline constexpr float kFontSize = 16.0f;
inline constexpr float kFontSmall = 13.5f;
inline constexpr float kFontTitle = 20.0f;
inline constexpr float kFontHero = 30.0f;

// Palette (sRGB, 0xAABBGGRR via IM_COL32).
inline constexpr ImU32 kPrimary = IM_COL32(24, 92, 190, 255);
inline constexpr ImU32 kPrimaryHover = IM_COL32(40, 110, 210, 255);
inline constexpr ImU32 kPrimaryActive = IM_COL32(18, 74, 156, 255);
inline constexpr ImU32 kPrimaryDark = IM_COL32(16, 62, 138, 255);
inline constexpr ImU32 kPrimaryTint = IM_COL32(232, 240, 252, 255);
inline constexpr ImU32 kPageBg = IM_COL32(238, 242, 247, 255);
inline constexpr ImU32 kCardBg = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kBorder = IM_COL32(214, 221, 232, 255);
inline constexpr ImU32 kText = IM_COL32(31, 41, 55, 255);
inline constexpr ImU32 kTextMuted = IM_COL32(107, 114, 128, 255);
inline constexpr ImU32 kTextOnPrimary = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kError = IM_COL32(190, 36, 36, 255);
inline constexpr ImU32 kErrorBg = IM_COL32(253, 236, 236, 255);
inline constexpr ImU32 kSuccess = IM_COL32(30, 120, 50, 255);
inline constexpr ImU32 kSuccessBg = IM_COL32(234, 245, 234, 255);
inline constexpr ImU32 kInfoBg = IM_COL32(235, 243, 254, 255);
// Status colours by tone (core/ivd/common.hpp StatusTone: neutral, progress, ok, bad), indexed by the tone.
inline constexpr ImU32 kStatusTone[] = {IM_COL32(107, 114, 128, 255), IM_COL32(196, 120, 12, 255),
                                        IM_COL32(30, 120, 50, 255), IM_COL32(190, 36, 36, 255)};

// Applies the theme at the given scale (device pixels per CSS pixel). Idempotent: it rebuilds the
// style from the unscaled base each time, so it can follow devicePixelRatio changes (zoom, moving
// the window to another screen).
void apply(float scale);

// CSS pixels -> device pixels at the current scale.
inline float px(float css) { return css * ImGui::GetStyle().FontScaleDpi; }
inline ImVec2 px(float x, float y) { return ImVec2(px(x), px(y)); }

}  // namespace ivd::web::theme
