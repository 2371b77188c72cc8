#include "core/base/result.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>

#include "core/base/i18n.hpp"

namespace ivd {

Error make_error(ErrorKind kind, std::string code, std::string field, std::vector<std::string> args) {
  Error e;
  e.kind = kind;
  e.message_zh = trf(Lang::zh, code, args);
  e.message_en = trf(Lang::en, code, args);
  e.code = std::move(code);
  e.field = std::move(field);
  return e;
}

namespace {
void stderr_sink(const std::string& reference, std::string_view detail) {
  std::fprintf(stderr, "internal error %s: %.*s\n", reference.c_str(), static_cast<int>(detail.size()), detail.data());
}
std::atomic<InternalErrorSink> g_sink{&stderr_sink};
std::atomic<uint32_t> g_counter{0};
}  // namespace

void set_internal_error_sink(InternalErrorSink sink) { g_sink = sink ? sink : &stderr_sink; }

Error internal_error(std::string_view detail) {
  // A reference that is unique enough to find the log line: the time in seconds and a counter.
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  char ref[32];
  std::snprintf(ref, sizeof ref, "E%08llX-%04X", static_cast<unsigned long long>(secs) & 0xFFFFFFFFull,
                static_cast<unsigned>(g_counter.fetch_add(1) & 0xFFFF));
  const std::string reference = ref;
  g_sink.load()(reference, detail);
  Error e = make_error(ErrorKind::internal, "internal", {}, {reference});
  e.details = {{"reference", reference}};
  return e;
}

int http_status(ErrorKind kind) { return static_cast<int>(kind); }

nlohmann::json error_to_json(const Error& e) {
  nlohmann::json j = {{"code", e.code}, {"message_zh", e.message_zh}, {"message_en", e.message_en}};
  if (!e.field.empty()) j["field"] = e.field;
  if (!e.rule_id.empty()) j["rule_id"] = e.rule_id;
  if (!e.details.is_null()) j["details"] = e.details;
  return j;
}

}  // namespace ivd
