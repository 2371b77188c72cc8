#include "web/platform/image_texture.hpp"

#include <GLES3/gl3.h>

#include <vector>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#define STBI_NO_HDR
#define STBI_NO_LINEAR
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-function"
#endif
#include <stb_image.h>
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

namespace ivd::web {
namespace {

std::vector<unsigned char> decode_base64(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  // Accept a data: URL too ("data:image/png;base64,....").
  if (auto comma = in.find(','); in.substr(0, 5) == "data:" && comma != std::string_view::npos)
    in.remove_prefix(comma + 1);
  std::vector<unsigned char> out;
  out.reserve(in.size() * 3 / 4);
  unsigned buf = 0;
  int bits = 0;
  for (char c : in) {
    const int v = val(c);
    if (v < 0) continue;  // '=', whitespace
    buf = (buf << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((buf >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

ImageTexture& ImageTexture::operator=(ImageTexture&& o) noexcept {
  if (this != &o) {
    reset();
    tex_ = o.tex_;
    w_ = o.w_;
    h_ = o.h_;
    o.tex_ = 0;
    o.w_ = o.h_ = 0;
  }
  return *this;
}

bool ImageTexture::load_base64(std::string_view base64) {
  const auto bytes = decode_base64(base64);
  if (bytes.empty()) return false;
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &n, 4);
  if (!pixels) return false;
  if (!tex_) glGenTextures(1, &tex_);
  glBindTexture(GL_TEXTURE_2D, tex_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);  // the ImGui backend sets it for partial atlas updates
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  stbi_image_free(pixels);
  w_ = w;
  h_ = h;
  return true;
}

void ImageTexture::reset() {
  if (tex_) glDeleteTextures(1, &tex_);
  tex_ = 0;
  w_ = h_ = 0;
}

}  // namespace ivd::web
