#pragma once
// 用户管理 (menu sys.users; SPEC §1 User management, IVD manual 系统管理 > 用户管理): a query form
// (用户名, 姓名, 用户类型, 所属区划, 状态) with 查询 / 重置, the result table with paging, and per row
// 编辑 / 授权 / 停用 or 启用 / 重置密码. The list comes from GET /users, so it holds exactly the users
// the server lets this actor manage.
#include <cstdint>
#include <string>
#include <vector>

#include "web/message.hpp"
#include "web/screens/accounts/user_dialogs.hpp"
#include "web/screens/accounts/user_pickers.hpp"

namespace ivd::web {

class App;

class UsersScreen {
 public:
  void draw(App& app);

 private:
  struct Query {
    std::string username, name, user_type, region_code, status;
  };
  void search(App& app, int page, bool keep_scroll = false);  // sends sent_ for the page
  void draw_query(App& app, float width);
  void draw_results(App& app, float width, float height);
  void draw_table(App& app, float height);
  void draw_dialogs(App& app);

  // The form as typed, and the query last sent (paging and reloads keep it).
  Query form_;
  RegionPicker region_;
  Query sent_;
  int page_ = 1;
  int page_size_ = 10;
  int64_t total_ = 0;
  std::vector<UserRecord> rows_;
  bool loading_ = false;
  bool loaded_ = false;
  bool scroll_to_top_ = false;  // a reply replaced the rows: the table shows its first row
  int request_ = 0;
  Message error_;   // the list could not be loaded
  Message notice_;  // what the last dialog did

  RegionCache regions_;
  UserFormDialog form_dialog_;
  GrantDialog grant_dialog_;
  ConfirmDialog confirm_dialog_;
};

}  // namespace ivd::web
