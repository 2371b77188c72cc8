#pragma once
// The captcha picture (SPEC §1 Login: image captcha): the code drawn with a TrueType font from a
// Debian font package, jittered glyphs on a noisy background, as a ~120x40 PNG.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/services.hpp"

namespace ivd {

class CaptchaPng : public CaptchaPainter {
 public:
  static constexpr int kWidth = 120;
  static constexpr int kHeight = 40;

  // Fonts tried in order: $IVD_CAPTCHA_FONT, then candidate_fonts(). Returns nullptr and sets *error
  // (naming the paths tried) when none can be loaded.
  static std::unique_ptr<CaptchaPng> load(std::string* error);
  static const std::vector<std::string>& candidate_fonts();

  std::string png(std::string_view text) override;
  const std::string& font_path() const { return font_path_; }

 private:
  CaptchaPng(std::string path, std::string data, int offset);
  std::string font_path_;
  std::string font_data_;
  int font_offset_ = 0;
};

}  // namespace ivd
