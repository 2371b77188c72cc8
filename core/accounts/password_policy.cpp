#include "core/accounts/password_policy.hpp"

#include <cctype>

namespace ivd {
namespace {

// Unicode code points in UTF-8 text (continuation bytes are not counted).
size_t char_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

Status check_new_password(std::string_view username, std::string_view password, std::string_view confirm,
                          std::string_view initial_password) {
  return check_new_password(username, password, confirm, [&](std::string_view pw) { return pw == initial_password; });
}

Status check_new_password(std::string_view username, std::string_view password, std::string_view confirm,
                          const std::function<bool(std::string_view)>& equals_initial) {
  const char* field = "new_password";
  const size_t chars = char_count(password);
  if (chars < kPasswordMinChars)
    return make_error(ErrorKind::bad_request, "auth.password_too_short", field, {std::to_string(kPasswordMinChars)});
  if (chars > kPasswordMaxChars)
    return make_error(ErrorKind::bad_request, "auth.password_too_long", field, {std::to_string(kPasswordMaxChars)});

  bool letter = false, digit = false;
  for (unsigned char c : password) {
    // Control characters (and spaces, which users cannot see they typed) are refused.
    if (c < 0x21 || c == 0x7F) return make_error(ErrorKind::bad_request, "auth.password_bad_character", field);
    if (std::isalpha(c)) letter = true;
    if (std::isdigit(c)) digit = true;
  }
  if (!letter || !digit) return make_error(ErrorKind::bad_request, "auth.password_too_weak", field);

  // A password that is the username (in any letter case) is the first thing an attacker tries.
  if (equals_ignoring_ascii_case(password, username))
    return make_error(ErrorKind::bad_request, "auth.password_equals_username", field);
  if (equals_initial(password)) return make_error(ErrorKind::bad_request, "auth.password_equals_initial", field);
  if (confirm != password) return make_error(ErrorKind::bad_request, "auth.password_mismatch", "confirm_password");
  return ok_status();
}

}  // namespace ivd
