#pragma once
// Every string shown to users lives in one translation table per language (i18n_zh.cpp, i18n_en.cpp),
// keyed by a stable id. Error codes and rule ids are keys too.
#include <string>
#include <string_view>
#include <vector>

namespace ivd {

enum class Lang { zh, en };

struct TextEntry {
  const char* id;
  const char* text;
};

// Returns the text for id, or the id itself when the table has no entry (visible, never a crash).
std::string_view tr(Lang lang, std::string_view id);
bool has_text(Lang lang, std::string_view id);
// tr() with {0}, {1}... replaced by args.
std::string trf(Lang lang, std::string_view id, const std::vector<std::string>& args);
// All ids of a language table (used by tests to check both tables hold the same keys).
std::vector<std::string_view> text_ids(Lang lang);

}  // namespace ivd
