#pragma once
// Standard base64 (RFC 4648, with padding): binary payloads inside JSON (captcha PNG, small files).
#include <optional>
#include <string>
#include <string_view>

namespace ivd {

std::string base64_encode(std::string_view bytes);
// nullopt when text is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace ivd
