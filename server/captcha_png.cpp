#include "server/captcha_png.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <sstream>

// stb implementations live in this one file, private to it.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace ivd {
namespace {

struct Rgb {
  int r, g, b;
};

struct Canvas {
  std::vector<unsigned char> px = std::vector<unsigned char>(CaptchaPng::kWidth * CaptchaPng::kHeight * 3);

  void blend(int x, int y, Rgb c, int alpha) {
    if (x < 0 || y < 0 || x >= CaptchaPng::kWidth || y >= CaptchaPng::kHeight || alpha <= 0) return;
    unsigned char* p = &px[(y * CaptchaPng::kWidth + x) * 3];
    p[0] = static_cast<unsigned char>((c.r * alpha + p[0] * (255 - alpha)) / 255);
    p[1] = static_cast<unsigned char>((c.g * alpha + p[1] * (255 - alpha)) / 255);
    p[2] = static_cast<unsigned char>((c.b * alpha + p[2] * (255 - alpha)) / 255);
  }

  void line(double x0, double y0, double x1, double y1, Rgb c, int alpha) {
    const int steps = static_cast<int>(std::max(std::abs(x1 - x0), std::abs(y1 - y0))) + 1;
    for (int i = 0; i <= steps; ++i) {
      const double t = static_cast<double>(i) / steps;
      blend(static_cast<int>(std::lround(x0 + (x1 - x0) * t)), static_cast<int>(std::lround(y0 + (y1 - y0) * t)), c,
            alpha);
    }
  }
};

std::mutex rng_mutex;
std::mt19937& rng() {
  static std::mt19937 gen{std::random_device{}()};
  return gen;
}
int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng()); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void append_png(void* ctx, void* data, int size) {
  static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

}  // namespace

const std::vector<std::string>& CaptchaPng::candidate_fonts() {
  // Debian packages fonts-dejavu-core, fonts-wqy-microhei, fonts-noto-cjk, fonts-liberation.
  static const std::vector<std::string> fonts = {
      "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
      "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
      "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
  };
  return fonts;
}

std::unique_ptr<CaptchaPng> CaptchaPng::load(std::string* error) {
  std::vector<std::string> paths;
  if (const char* env = std::getenv("IVD_CAPTCHA_FONT"); env && *env) paths.emplace_back(env);
  for (const auto& p : candidate_fonts()) paths.push_back(p);
  for (const auto& path : paths) {
    std::string data = read_file(path);
    if (data.empty()) continue;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    const int offset = stbtt_GetFontOffsetForIndex(bytes, 0);  // first face of a .ttc collection
    stbtt_fontinfo info;
    if (offset < 0 || !stbtt_InitFont(&info, bytes, offset)) continue;
    if (stbtt_FindGlyphIndex(&info, 'A') == 0) continue;
    return std::unique_ptr<CaptchaPng>(new CaptchaPng(path, std::move(data), offset));
  }
  if (error) {
    std::ostringstream msg;
    msg << "no usable captcha font; tried:";
    for (const auto& p : paths) msg << ' ' << p;
    msg << " (install fonts-dejavu-core or set IVD_CAPTCHA_FONT)";
    *error = msg.str();
  }
  return nullptr;
}

CaptchaPng::CaptchaPng(std::string path, std::string data, int offset)
    : font_path_(std::move(path)), font_data_(std::move(data)), font_offset_(offset) {}

std::string CaptchaPng::png(std::string_view text) {
  std::lock_guard lock(rng_mutex);
  stbtt_fontinfo font;
  if (!stbtt_InitFont(&font, reinterpret_cast<const unsigned char*>(font_data_.data()), font_offset_)) return {};

  Canvas canvas;
  const Rgb background{uniform(235, 250), uniform(235, 250), uniform(235, 250)};
  for (int y = 0; y < kHeight; ++y)
    for (int x = 0; x < kWidth; ++x) canvas.blend(x, y, background, 255);

  // Faint lines behind the text.
  for (int i = 0; i < 4; ++i)
    canvas.line(uniform(0, kWidth), uniform(0, kHeight), uniform(0, kWidth), uniform(0, kHeight),
                {uniform(120, 200), uniform(120, 200), uniform(120, 200)}, 160);

  // Glyphs: random size, vertical offset and dark colour, evenly spread across the width.
  const int slot = (kWidth - 12) / std::max<int>(1, static_cast<int>(text.size()));
  for (size_t i = 0; i < text.size(); ++i) {
    const float scale = stbtt_ScaleForPixelHeight(&font, static_cast<float>(uniform(26, 32)));
    int w = 0, h = 0, xoff = 0, yoff = 0;
    unsigned char* bitmap = stbtt_GetCodepointBitmap(&font, scale, scale, static_cast<unsigned char>(text[i]), &w, &h,
                                                     &xoff, &yoff);
    if (!bitmap) continue;
    const Rgb ink{uniform(10, 110), uniform(10, 110), uniform(10, 110)};
    const int left = 6 + static_cast<int>(i) * slot + (slot - w) / 2 + uniform(-3, 3);
    const int top = (kHeight - h) / 2 + uniform(-4, 4);
    const double shear = uniform(-25, 25) / 100.0;  // slant each glyph a little
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        canvas.blend(left + x + static_cast<int>(std::lround(shear * (h / 2 - y))), top + y, ink, bitmap[y * w + x]);
    stbtt_FreeBitmap(bitmap, nullptr);
  }

  // Lines and dots over the text, so the picture is not trivially machine-read.
  for (int i = 0; i < 3; ++i)
    canvas.line(0, uniform(5, kHeight - 5), kWidth, uniform(5, kHeight - 5),
                {uniform(40, 140), uniform(40, 140), uniform(40, 140)}, 200);
  for (int i = 0; i < 120; ++i)
    canvas.blend(uniform(0, kWidth - 1), uniform(0, kHeight - 1), {uniform(0, 200), uniform(0, 200), uniform(0, 200)},
                 220);

  std::string out;
  if (!stbi_write_png_to_func(append_png, &out, kWidth, kHeight, 3, canvas.px.data(), kWidth * 3)) return {};
  return out;
}

}  // namespace ivd
