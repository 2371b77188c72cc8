#pragma once
// The rules of the 新增 / 编辑 user form that need no database: which fields are required, and every
// problem of a form at once, each at its field, so the browser marks required fields and shows all
// errors together (each one goes when its field is corrected). The server checks the same rules
// (user_admin.cpp) and then what needs the database (region, institution, scope).
//
// 手机 is required when adding a user. Accounts made at initialisation have none (SPEC §1
// Initialisation), so editing a user that has no phone does not demand one; a phone once given
// cannot be removed.
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/user_admin.hpp"
#include "core/base/result.hpp"

namespace ivd {

// editing: the form edits a user whose stored phone is stored_phone ("" = none); else it adds one.
bool user_phone_required(bool editing, std::string_view stored_phone);
// field: username | name | phone | user_type | region_code | institution_id (region_code for a
// 医保机构 user, institution_id for the others: only the one the type needs is required).
bool user_field_required(std::string_view field, const UserForm& f, bool editing, std::string_view stored_phone);
// Every problem, in the form's order, each with its field; empty when the form may be sent.
std::vector<Error> user_form_problems(const UserForm& f, bool editing, std::string_view stored_phone);

}  // namespace ivd
