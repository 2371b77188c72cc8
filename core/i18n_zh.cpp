// Translation table: Simplified Chinese (default UI language). Keep ids in step with i18n_en.cpp.
#include <span>

#include "core/i18n.hpp"

namespace ivd {
namespace {
constexpr TextEntry kTexts[] = {
    // [SECTION] general errors
    {"request.malformed_json", "请求格式错误：不是有效的 JSON"},
    {"request.bad_field", "字段“{0}”的值无效"},
    {"request.missing_field", "缺少必填字段“{0}”"},
    {"request.too_large", "请求内容过大"},
    {"route.not_found", "接口不存在"},
    {"route.method_not_allowed", "不支持的请求方法"},
    {"internal", "服务器内部错误，请稍后再试"},
    {"db.error", "数据库错误：{0}"},
    {"revision.stale", "数据已被他人修改，请刷新后重试"},
    {"request.too_long", "字段“{0}”过长（最多 {1} 个字节）"},
    // [SECTION] accounts and sessions
    // [SECTION] organisation: regions, institutions, users
    // [SECTION] ivd projects, catalog and sheet rules
    // [SECTION] ivd review workflow
    // [SECTION] web ui labels
};
}  // namespace

std::span<const TextEntry> texts_zh() { return kTexts; }

}  // namespace ivd
