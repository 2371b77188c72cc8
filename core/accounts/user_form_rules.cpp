#include "core/accounts/user_form_rules.hpp"

#include <algorithm>

#include "core/org/phone.hpp"

namespace ivd {
namespace {

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

bool user_phone_required(bool editing, std::string_view stored_phone) { return !editing || !stored_phone.empty(); }

bool user_field_required(std::string_view field, const UserForm& f, bool editing, std::string_view stored_phone) {
  if (field == "username" || field == "user_type") return !editing;
  if (field == "name") return true;
  if (field == "phone") return user_phone_required(editing, stored_phone);
  if (field == "region_code") return f.user_type == "admin";
  if (field == "institution_id") return !f.user_type.empty() && f.user_type != "admin";
  return false;
}

std::vector<Error> user_form_problems(const UserForm& f, bool editing, std::string_view stored_phone) {
  std::vector<Error> out;
  auto add = [&out](const char* code, const char* field, std::vector<std::string> args = {}) {
    out.push_back(make_error(ErrorKind::bad_request, code, field, std::move(args)));
  };
  if (!editing) {
    if (f.username.empty())
      add("user.need_username", "username");
    else if (f.username.size() > kUsernameMax)
      add("user.username_too_long", "username", {std::to_string(kUsernameMax)});
  }
  if (f.name.empty())
    add("user.need_name", "name");
  else if (utf8_length(f.name) > kUserNameMax)
    add("user.name_too_long", "name", {std::to_string(kUserNameMax)});
  if (f.phone.empty()) {
    if (user_phone_required(editing, stored_phone)) add("user.need_phone", "phone");
  } else if (classify_phone(f.phone) != PhoneKind::mobile) {
    add("user.phone_invalid", "phone");
  }
  if (f.user_type.empty()) {
    if (!editing) add("user.need_type", "user_type");
  } else if (f.user_type == "admin") {
    if (f.region_code.empty()) add("user.need_region", "region_code");
  } else if (!f.institution_id) {
    add("user.need_institution", "institution_id");
  }
  return out;
}

}  // namespace ivd
