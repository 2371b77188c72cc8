#pragma once
// Routes of 用户管理 and its pickers (mounted under /api/v1 by the server; menu sys.users):
//   GET  /users?username&name&user_type&region_code&status&page&page_size -> {total, page, page_size, items[]}
//   GET  /users/{id}                                   -> user
//   POST /users {username, name, phone, user_type, region_code | institution_id, menus?} -> {id}
//   PUT  /users/{id} {revision, name, phone, region_code | institution_id}               -> {revision}
//   PUT  /users/{id}/menus {revision, menus[]}          -> {}
//   GET  /users/{id}/grantable-menus                   -> {grantable[], held[]}
//   POST /users/grantable-menus {user_type, region_code | institution_id} -> {grantable[]} (the add form)
//   POST /users/{id}/disable | /enable | /reset-password -> {}
//   GET  /regions?parent=CODE                           -> {items[]} (region picker; any logged-in user)
//   GET  /institutions?kind&q                           -> {items[]} (searchable institution picker)
#include "core/api/dispatcher.hpp"

namespace ivd {

void register_user_admin_routes(Api& api);

}  // namespace ivd
