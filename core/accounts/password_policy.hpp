#pragma once
// Password policy (SPEC §1 "Password policy"): at least 8 characters with letters and digits, not equal
// to the initial password or the username, and the confirmation must repeat it. Pure: no database.
#include <functional>
#include <string_view>

#include "core/base/result.hpp"

namespace ivd {

inline constexpr size_t kPasswordMinChars = 8;
inline constexpr size_t kPasswordMaxChars = 64;

// Checks a new password chosen by `username`. Errors name the field ("new_password" or
// "confirm_password") and use codes auth.password_too_short, auth.password_too_long,
// auth.password_too_weak, auth.password_bad_character, auth.password_equals_username,
// auth.password_equals_initial, auth.password_mismatch.
// equals_initial: whether a password is the initial one (core keeps only its hash, so this is a check
// against the hash; the overload taking the text is for tests).
Status check_new_password(std::string_view username, std::string_view password, std::string_view confirm,
                          const std::function<bool(std::string_view)>& equals_initial);
Status check_new_password(std::string_view username, std::string_view password, std::string_view confirm,
                          std::string_view initial_password);

}  // namespace ivd
