#pragma once
// The 流水号 list of 新增反馈 / 编辑 (manual 医疗机构 2: 【选择】 opens the list, the chosen product returns
// to the form): a searchable, paged list of the national selected products (GET /supply/products). A
// product of a 备供 batch shows, but cannot be chosen: its row is disabled and says why (core marks it
// Product::backup; the server refuses it too).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/supply/supply_types.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

class ProductPicker {
 public:
  void open(App& app);
  // Draws the modal when open; returns the product once, on the frame the clerk chose it.
  std::optional<Product> draw(App& app);

 private:
  void search(App& app, int page);

  bool open_request_ = false;
  std::string serial_, name_, manufacturer_;  // the query as typed
  std::string sent_serial_, sent_name_, sent_manufacturer_;
  int page_ = 1;
  int page_size_ = 10;
  int64_t total_ = 0;
  std::vector<Product> items_;
  bool loading_ = false, loaded_ = false, scroll_top_ = false, focus_ = false;
  int request_ = 0;
  Message error_;
};

}  // namespace ivd::web
