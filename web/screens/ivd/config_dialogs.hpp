#pragma once
// The dialogs of 报量项目配置: 新增 / 统一配置 of a project (one form; 统一配置 sends the revision and only
// what changed, shows the 时间配置 说明 per time and the 温馨提示, and locks the threshold when the project
// says threshold_editable = false), and the per-row error report of a refused catalog import.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/ivd/project.hpp"
#include "web/message.hpp"
#include "web/screens/accounts/user_dialogs.hpp"  // DialogOutcome, close_when_done
#include "web/screens/accounts/user_pickers.hpp"  // RegionCache: the province list

namespace ivd::web {

class App;

class ProjectFormDialog {
 public:
  void open_add();
  void open_configure(const ProjectOnWire& p);
  DialogOutcome draw(App& app);

 private:
  struct Fields {
    std::string name, year, description, threshold;
    std::string times[4];  // fill_start, fill_end, city_review_end, province_review_end as typed
    std::set<std::string> provinces;
  };
  std::string value_of(const std::string& field) const;  // what an error was about, to hide it once changed
  void set_error(const std::string& field, Message m);
  void submit(App& app);
  void clear();

  bool open_request_ = false;
  bool configuring_ = false;
  ProjectOnWire original_;
  Fields f_;
  // Errors by field ("" = not at a field), with the field's value when it was raised: an error shows
  // while the field still holds that value.
  std::map<std::string, std::pair<Message, std::string>> errors_;
  bool submitting_ = false;
  int request_ = 0;
  RegionCache regions_;
  DialogOutcome outcome_;
};

// A refused catalog import (400 ivd.catalog.import_invalid): every bad cell with its line and column.
class ImportReportDialog {
 public:
  void open(std::string file_name, Message message, const nlohmann::json& details);
  void draw(App& app);

 private:
  struct Issue {
    int64_t line = 0;
    std::string column, code;
    Message message;
  };
  bool open_request_ = false;
  std::string file_name_;
  Message message_;
  std::vector<Issue> issues_;
};

}  // namespace ivd::web
