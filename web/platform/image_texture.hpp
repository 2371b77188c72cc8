#pragma once
// A GL texture made from an encoded image (the captcha PNG). Owns the texture; movable, not copyable.
#include <imgui.h>

#include <cstdint>
#include <string_view>

namespace ivd::web {

class ImageTexture {
 public:
  ImageTexture() = default;
  ~ImageTexture() { reset(); }
  ImageTexture(ImageTexture&& o) noexcept { *this = static_cast<ImageTexture&&>(o); }
  ImageTexture& operator=(ImageTexture&& o) noexcept;
  ImageTexture(const ImageTexture&) = delete;
  ImageTexture& operator=(const ImageTexture&) = delete;

  // Decodes base64 PNG/JPEG text into the texture. False (texture unchanged) if it is not an image.
  bool load_base64(std::string_view base64);
  void reset();

  bool valid() const { return tex_ != 0; }
  ImTextureID id() const { return static_cast<ImTextureID>(tex_); }
  int width() const { return w_; }
  int height() const { return h_; }

 private:
  unsigned tex_ = 0;
  int w_ = 0, h_ = 0;
};

}  // namespace ivd::web
