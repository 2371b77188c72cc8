// Translation table: English. Keep ids in step with i18n_zh.cpp.
#include <span>

#include "core/i18n.hpp"

namespace ivd {
namespace {
constexpr TextEntry kTexts[] = {
    // [SECTION] general errors
    {"request.malformed_json", "Malformed request: not valid JSON"},
    {"request.bad_field", "Invalid value for field \"{0}\""},
    {"request.missing_field", "Missing required field \"{0}\""},
    {"request.too_large", "Request too large"},
    {"route.not_found", "No such API route"},
    {"route.method_not_allowed", "Method not allowed"},
    {"internal", "Internal server error, please try again later"},
    {"db.error", "Database error: {0}"},
    {"revision.stale", "The record was changed by someone else; reload and try again"},
    {"request.too_long", "Field \"{0}\" is too long (at most {1} bytes)"},
    // [SECTION] accounts and sessions
    // [SECTION] organisation: regions, institutions, users
    // [SECTION] ivd projects, catalog and sheet rules
    // [SECTION] ivd review workflow
    // [SECTION] web ui labels
};
}  // namespace

std::span<const TextEntry> texts_en() { return kTexts; }

}  // namespace ivd
