#pragma once
// The hospital's IVD sheet: one virtualised table over every catalog line, edited in place, every rule
// finding shown at its cell in the frame it was typed (core's SheetValidator in wasm), the working copy
// kept in browser storage. Read-only for reviewers (their 查看).
#include <cstdint>

#include "web/screens/route.hpp"

namespace ivd::web {

class App;

struct SheetTarget {
  int64_t project_id = 0;
  int64_t hospital_id = 0;  // 0 = the logged-in hospital's own sheet (editable when its status allows)
  bool read_only = false;   // reviewers' 查看
  friend bool operator==(const SheetTarget&, const SheetTarget&) = default;
};

class SheetScreen {
 public:
  void draw(App& app, const SheetTarget& target);
  void reset() { *this = SheetScreen{}; }
};

}  // namespace ivd::web
