// The fuzz target of core, in the style of cpp-httplib's test/fuzzing/: one LLVMFuzzerTestOneInput whose
// first byte picks what the rest of the input feeds. Built with libFuzzer by scripts/fuzz.sh; the
// committed corpus (tests/fuzz/corpus/) replays through the same function in the ordinary test run,
// natively and as wasm (replay_main.cpp).
//
// Input kinds (first byte modulo 8, so the ASCII digits '0'..'7' name them in hand-written corpus files):
//   '0' CSV          parse_csv, and every parsed record written back with csv_record parses the same
//   '1' text file    decode_text_file (UTF-8 / GBK), and the decoded text is valid UTF-8 that encodes
//                    back to the input bytes
//   '2' quantity     parse_quantity, and the integer helpers of the change percentage
//   '3' phone        classify_phone
//   '4' CST time     parse_cst, and format_cst of the result reads back the same
//   '5' sheet patch  the JSON body of 暂存 / 提交 (sheet_patch_from_json)
//   '6' base64       base64_decode / base64_encode
//   '7' API          one request through the Api dispatcher with every route registered, over an
//                    in-memory database holding the demo data set, as one of the demo logins.
//                    Byte 1 (modulo 16, then modulo 10) picks the caller: '0' anonymous, '1' admin
//                    (national), '2' admin_34 (province), '3' city_340100 (city), '4' city_340099
//                    (省本级), '5' H34010000002 (hospital, sheet 暂存 so still editable), '6'
//                    H34009900001 (省本级 hospital, sheet 审核通过), '7' E440300001 (enterprise), '8'
//                    admin_14 (its cities at every review stage), '9' admin_13 (every city approved,
//                    the province ready to submit).
//                    The rest is "METHOD /path?key=value&key=value\n" followed by the body.
//                    Each request runs inside a transaction rolled back afterwards, so every input sees
//                    the same world and a corpus file replays the same way in any order.
//
// Invariants (a broken one is a finding, reported through the failure handler): no crash, no
// sanitizer report, no exception escaping core; parsers answer with 400-kind errors carrying a code
// and messages; the dispatcher answers with a JSON object, a status from the known set, a `code` and
// messages on every error, and never 500 (with in-memory fakes nothing internal can fail, so a 500
// means malformed input reached a fault).
//
// Environment: IVD_FUZZ_TRACE=1 prints every API request and response on stderr (to write corpus
// files that reach deep into the routes).
//
// [SECTION] Failure reporting
// [SECTION] Parsers: CSV, text decoding, quantity, phone, CST time, sheet patch, base64
// [SECTION] The API world (demo data, logged-in demo users)
// [SECTION] API requests
// [SECTION] Entry point
#include "tests/fuzz/fuzz_core.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/sessions.hpp"
#include "core/api/dispatcher.hpp"
#include "core/base/base64.hpp"
#include "core/base/civil_time.hpp"
#include "core/base/csv.hpp"
#include "core/base/text.hpp"
#include "core/base/text_encoding.hpp"
#include "core/demo/ivd_demo.hpp"
#include "core/demo/org_demo.hpp"
#include "core/ivd/sheet/quantity.hpp"
#include "core/ivd/sheet_store.hpp"
#include "core/org/phone.hpp"
#include "tests/unit/fakes.hpp"

using nlohmann::json;

namespace ivd_fuzz {

//-----------------------------------------------------------------------------------------------------
// [SECTION] Failure reporting
//-----------------------------------------------------------------------------------------------------
namespace {
void abort_handler(const std::string& what) {
  std::fprintf(stderr, "fuzz_core: invariant broken: %s\n", what.c_str());
  std::abort();
}
FailureHandler g_on_failure = &abort_handler;

// Shows bytes of the input in a failure message: printable ASCII as is, the rest as \xNN.
std::string printable(std::string_view s, size_t max = 300) {
  std::string out;
  for (size_t i = 0; i < s.size() && i < max; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  if (s.size() > max) out += "...";
  return out;
}

void fail(const std::string& what) { g_on_failure(what); }

#define FUZZ_CHECK(cond, context)                                                             \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      fail(std::string(#cond) + " [" + __FILE__ + ":" + std::to_string(__LINE__) + "] " + (context)); \
      return;                                                                                 \
    }                                                                                         \
  } while (0)

// An error a parser returns for bad input: the 400 kind, a code and both messages.
bool is_input_error(const ivd::Error& e) {
  return e.kind == ivd::ErrorKind::bad_request && !e.code.empty() && !e.message_zh.empty() && !e.message_en.empty();
}
}  // namespace

void set_failure_handler(FailureHandler handler) { g_on_failure = handler ? handler : &abort_handler; }

//-----------------------------------------------------------------------------------------------------
// [SECTION] Parsers: CSV, text decoding, quantity, phone, CST time, sheet patch, base64
//-----------------------------------------------------------------------------------------------------
namespace {

void fuzz_csv(std::string_view in) {
  auto rows = ivd::parse_csv(in);
  if (!rows) {
    FUZZ_CHECK(is_input_error(rows.error()), rows.error().code + " for " + printable(in));
    FUZZ_CHECK(rows.error().code == "csv.unterminated_quote" || rows.error().code == "csv.bad_quote",
               rows.error().code);
    FUZZ_CHECK(rows.error().details.contains("line") && rows.error().details["line"].get<int>() >= 1, printable(in));
    return;
  }
  int last_line = 0;
  for (const auto& row : *rows) {
    FUZZ_CHECK(row.line > last_line, "lines not increasing in " + printable(in));
    last_line = row.line;
    bool blank = true;
    for (const auto& f : row.fields) blank = blank && f.empty();
    FUZZ_CHECK(!blank, "a blank record was returned for " + printable(in));
    // What we write reads back as the same record (exports written with csv_record are re-imported).
    auto again = ivd::parse_csv(ivd::csv_record(row.fields));
    FUZZ_CHECK(again.ok() && again->size() == 1 && (*again)[0].fields == row.fields,
               "csv_record does not read back: " + printable(ivd::csv_record(row.fields)));
  }
}

void fuzz_text_file(std::string_view in) {
  auto decoded = ivd::decode_text_file(in);
  if (!decoded) {
    const auto& code = decoded.error().code;
    FUZZ_CHECK(is_input_error(decoded.error()), code);
    FUZZ_CHECK(code.rfind("file.", 0) == 0, code);  // file.empty, file.binary, file.excel_workbook, file.encoding
    return;
  }
  const std::string& text = decoded->utf8;
  FUZZ_CHECK(ivd::is_valid_utf8(text), "decoded text is not UTF-8 for " + printable(in));
  FUZZ_CHECK(ivd::utf8_length(text) <= text.size(), printable(in));
  switch (decoded->encoding) {
    case ivd::TextEncoding::utf8:
      FUZZ_CHECK(text == in, "UTF-8 input changed by decoding: " + printable(in));
      break;
    case ivd::TextEncoding::utf8_bom:
      FUZZ_CHECK(in.size() >= 3 && in.substr(3) == text, "BOM input: " + printable(in));
      break;
    case ivd::TextEncoding::gbk: {
      auto back = ivd::utf8_to_gbk(text);
      FUZZ_CHECK(back.has_value() && *back == in, "GBK does not encode back: " + printable(in));
      break;
    }
  }
}

int64_t read_i64(std::string_view in, size_t at) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = v << 8 | (at + i < in.size() ? static_cast<unsigned char>(in[at + i]) : 0u);
  return static_cast<int64_t>(v);
}

void fuzz_quantity(std::string_view in) {
  const ivd::Quantity q = ivd::parse_quantity(in);
  const std::string ctx = printable(in);
  switch (q.status) {
    case ivd::QuantityStatus::ok:
      FUZZ_CHECK(q.value >= 0 && q.value <= ivd::kMaxQuantity, ctx);
      FUZZ_CHECK(ivd::parse_quantity(std::to_string(q.value)) == q, ctx);
      break;
    case ivd::QuantityStatus::empty:
      FUZZ_CHECK(q.value == 0 && ivd::is_blank(in), ctx);
      break;
    default:
      FUZZ_CHECK(q.value == 0 && !ivd::is_blank(in), ctx);
  }
  FUZZ_CHECK(ivd::trim_space(ivd::trim_space(in)) == ivd::trim_space(in), ctx);

  // The change percentage, on the quantities a sheet can hold, against exact 128-bit arithmetic.
  const int64_t last = static_cast<int64_t>(static_cast<uint64_t>(read_i64(in, 0)) % (ivd::kMaxQuantity + 1));
  const int64_t demand = static_cast<int64_t>(static_cast<uint64_t>(read_i64(in, 8)) % (ivd::kMaxQuantity + 1));
  double percent;
  const int64_t bits = read_i64(in, 16);
  std::memcpy(&percent, &bits, sizeof percent);
  const int64_t threshold = ivd::threshold_hundredths(percent);
  FUZZ_CHECK(threshold >= 0 && threshold <= static_cast<int64_t>(ivd::kMaxThresholdPercent * 100), ctx);
  const bool needs = ivd::change_needs_note(last, demand, threshold);
  const __int128 diff = demand > last ? demand - last : last - demand;
  const bool expected = last > 0 ? diff * 10000 > static_cast<__int128>(threshold) * last : demand > 0;
  FUZZ_CHECK(needs == expected, "change_needs_note(" + std::to_string(last) + ", " + std::to_string(demand) + ", " +
                                    std::to_string(threshold) + ")");
  auto hundredths = ivd::change_percent_hundredths(last, demand);
  FUZZ_CHECK(hundredths.has_value() == (last > 0), ctx);
  const int64_t h = read_i64(in, 24);
  const std::string shown = ivd::format_hundredths(h, true);
  FUZZ_CHECK(!shown.empty() && (h >= 0 || shown[0] == '-') && (h <= 0 || shown[0] == '+'), shown);
}

void fuzz_phone(std::string_view in) {
  const ivd::PhoneKind kind = ivd::classify_phone(in);
  // Surrounding spaces never change the answer.
  FUZZ_CHECK(ivd::classify_phone(" " + std::string(in) + "\t") == kind, printable(in));
  if (kind != ivd::PhoneKind::invalid) {
    int digits = 0;
    for (char c : in) digits += c >= '0' && c <= '9';
    FUZZ_CHECK(kind != ivd::PhoneKind::mobile || digits >= 11 || in.size() >= 11, printable(in));
  }
}

void fuzz_cst(std::string_view in) {
  if (auto t = ivd::parse_cst(in)) {
    const std::string shown = ivd::format_cst(*t);
    FUZZ_CHECK(ivd::parse_cst(shown) == t, printable(in) + " -> " + shown);
    // The date part always reads back as typed: no 2月30日 rolled over into March.
    FUZZ_CHECK(shown.compare(0, 10, in.substr(0, 10)) == 0, printable(in) + " -> " + shown);
    if (in.size() == 19 && in[10] == ' ') FUZZ_CHECK(shown == in, printable(in) + " -> " + shown);
  }
  // Any time of years 0000..9999 shows as text that reads back as the same second.
  const int64_t t = read_i64(in, 0) % 315'000'000'000LL;  // about ±9,980 years around 1970
  const std::string shown = ivd::format_cst(t);
  if (shown.size() == 19 && shown[0] != '-') {
    FUZZ_CHECK(ivd::parse_cst(shown) == t, std::to_string(t) + " -> " + shown);
  }
}

void fuzz_sheet_patch(std::string_view in) {
  json body = json::parse(in.begin(), in.end(), nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return;  // the dispatcher refuses these before any handler
  auto patch = ivd::sheet_patch_from_json(body);
  if (!patch) {
    FUZZ_CHECK(is_input_error(patch.error()), patch.error().code + " for " + printable(in));
    (void)ivd::error_to_json(patch.error()).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  std::set<std::string> serials;
  for (const auto& line : patch->lines) {
    FUZZ_CHECK(!line.serial.empty() && line.serial.size() <= 64, printable(in));
    FUZZ_CHECK(serials.insert(line.serial).second, "duplicate serial accepted: " + printable(in));
  }
}

void fuzz_base64(std::string_view in) {
  if (auto bytes = ivd::base64_decode(in)) {
    FUZZ_CHECK(in.size() % 4 == 0 && bytes->size() <= in.size() / 4 * 3, printable(in));
    FUZZ_CHECK(bytes->size() + 2 >= in.size() / 4 * 3, printable(in));
    FUZZ_CHECK(ivd::base64_decode(ivd::base64_encode(*bytes)) == bytes, printable(in));
  }
  const std::string encoded = ivd::base64_encode(in);
  FUZZ_CHECK(encoded.size() == (in.size() + 2) / 3 * 4, printable(in));
  FUZZ_CHECK(ivd::base64_decode(encoded) == std::string(in), printable(in));
}

}  // namespace

//-----------------------------------------------------------------------------------------------------
// [SECTION] The API world (demo data, logged-in demo users)
//-----------------------------------------------------------------------------------------------------
namespace {

// Demo users, in the order byte 1 of an API input picks them (index 0 is anonymous).
constexpr const char* kCallers[] = {"", "admin", "admin_34", "city_340100", "city_340099", "H34010000002",
                                    "H34009900001", "E440300001", "admin_14", "admin_13"};
constexpr int kCallerCount = static_cast<int>(std::size(kCallers));
constexpr const char* kNewPassword = "Fuzz2026abc";

std::string g_last_internal_detail;
void remember_internal_error(const std::string& reference, std::string_view detail) {
  g_last_internal_detail = reference + ": " + std::string(detail);
}

bool trace_enabled() {
  static const bool on = [] {
    const char* v = std::getenv("IVD_FUZZ_TRACE");
    return v && *v && std::strcmp(v, "0") != 0;
  }();
  return on;
}

struct World {
  ivd::TestEnv env;
  ivd::Api api{env.db, env.services};
  std::vector<ivd::IvdDemoFile> demo_files;
  std::unique_ptr<ivd::MemoryFileStore> files;
  std::string tokens[kCallerCount];

  World() {
    ivd::set_internal_error_sink(&remember_internal_error);
    ivd::register_all_routes(api);
    ivd::Db& db = env.db;
    ivd::Services& svc = env.services;
    must(ivd::ensure_super_admin(db, svc).ok(), "ensure_super_admin");
    must(ivd::seed_demo(db, svc).ok(), "seed_demo");
    // A small IVD project: a short catalog and a few lines per sheet keep every request cheap.
    ivd::IvdDemoOptions options;
    options.serials = 60;
    options.certificates = 20;
    options.min_lines = 2;
    options.max_lines = 6;
    ivd::IvdDemoReport report;
    must(ivd::seed_ivd_demo(db, svc, options, &report).ok(), "seed_ivd_demo");
    demo_files = std::move(report.files);
    reset_files();
    for (int i = 1; i < kCallerCount; ++i) tokens[i] = log_in(kCallers[i]);
  }

  static void must(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_core: building the world failed at %s (%s)\n", what, g_last_internal_detail.c_str());
    std::abort();
  }

  // A fresh file store holding only the demo files, so uploads of one input never pile up in memory.
  void reset_files() {
    if (files && files->count() == demo_files.size()) return;
    files = std::make_unique<ivd::MemoryFileStore>();
    for (const auto& f : demo_files) must(files->put(f.sha256, f.bytes).ok(), "storing demo files");
    env.services.files = files.get();
  }

  ivd::ApiResponse call(const std::string& method, const std::string& path, const json& body,
                        const std::string& token = {}) {
    return api.handle({method, path, body.is_null() ? "" : body.dump(), {}, token});
  }

  // Through the routes, as a person would: captcha, login, the forced password change, login again.
  std::string log_in(const std::string& username) {
    std::string password = env.services.settings.initial_password;
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto captcha = call("GET", "/auth/captcha", nullptr);
      must(captcha.status == 200, "captcha");
      auto png = ivd::base64_decode(captcha.body["image_png_base64"].get<std::string>());
      must(png && png->rfind("PNG:", 0) == 0, "captcha picture");  // TextCaptchaPainter: "PNG:<text>"
      auto r = call("POST", "/auth/login", {{"username", username}, {"password", password},
                                            {"captcha_id", captcha.body["captcha_id"]}, {"captcha", png->substr(4)}});
      if (r.status != 200) std::fprintf(stderr, "login %s: %s\n", username.c_str(), r.body.dump().c_str());
      must(r.status == 200, "login");
      const std::string token = r.body["token"].get<std::string>();
      if (!r.body["must_change_password"].get<bool>()) return token;
      auto changed = call("POST", "/auth/change-password",
                          {{"old_password", password}, {"new_password", kNewPassword}, {"confirm_password", kNewPassword}},
                          token);
      if (changed.status != 200) std::fprintf(stderr, "change password %s: %s\n", username.c_str(), changed.body.dump().c_str());
      must(changed.status == 200, "change password");
      password = kNewPassword;
    }
    must(false, "login after the password change");
    return {};
  }
};

World& world() {
  static World w;
  return w;
}

}  // namespace

//-----------------------------------------------------------------------------------------------------
// [SECTION] API requests
//-----------------------------------------------------------------------------------------------------
namespace {

bool known_status(int s) {
  switch (s) {
    case 200: case 400: case 401: case 403: case 404: case 409: case 413: case 415: case 422: case 423:
      return true;
    default:
      return false;
  }
}

// "METHOD /path?k=v&k2=v2\nbody" -> the request (no percent-decoding: query values arrive decoded).
ivd::ApiRequest parse_request(std::string_view in) {
  ivd::ApiRequest req;
  const size_t eol = in.find('\n');
  std::string_view line = in.substr(0, eol);
  if (eol != std::string_view::npos) req.body = std::string(in.substr(eol + 1));
  const size_t space = line.find(' ');
  req.method = std::string(line.substr(0, space));
  std::string_view target = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
  const size_t q = target.find('?');
  req.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
      const size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      const size_t eq = pair.find('=');
      req.query[std::string(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1));
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  return req;
}

void fuzz_api(std::string_view in) {
  World& w = world();
  const int caller = in.empty() ? 0 : static_cast<unsigned char>(in[0]) % 16 % kCallerCount;
  if (!in.empty()) in.remove_prefix(1);
  ivd::ApiRequest req = parse_request(in);
  req.session_token = w.tokens[caller];
  const std::string ctx = std::string(kCallers[caller]) + " " + printable(req.method) + " " + printable(req.path) +
                          " body " + printable(req.body);

  // Every input starts from the same world: its changes are rolled back afterwards.
  if (!w.env.db.exec("BEGIN").ok()) {
    fail("BEGIN failed before " + ctx);
    return;
  }
  g_last_internal_detail.clear();
  const ivd::ApiResponse r = w.api.handle(req);
  const bool still_open = w.env.db.in_transaction();
  if (still_open) (void)w.env.db.exec("ROLLBACK");
  w.reset_files();

  std::string shown;
  try {
    shown = r.body.dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {
    fail("the response does not serialise (" + std::string(e.what()) + "): " + ctx);
    return;
  }
  if (trace_enabled()) std::fprintf(stderr, "%s -> %d %s\n", ctx.c_str(), r.status, shown.substr(0, 2000).c_str());

  FUZZ_CHECK(still_open, "a handler ended the caller's transaction: " + ctx);
  FUZZ_CHECK(r.status != 500, "internal error (" + g_last_internal_detail + ") for " + ctx + " -> " + shown);
  FUZZ_CHECK(known_status(r.status), std::to_string(r.status) + " for " + ctx + " -> " + shown);
  FUZZ_CHECK(r.body.is_object(), ctx + " -> " + shown);
  if (r.status != 200) {
    FUZZ_CHECK(r.body.contains("code") && r.body["code"].is_string() && !r.body["code"].get<std::string>().empty(),
               ctx + " -> " + shown);
    FUZZ_CHECK(r.body["code"] != "internal", ctx + " -> " + shown);
    FUZZ_CHECK(r.body.contains("message_zh") && r.body["message_zh"].is_string() &&
                   !r.body["message_zh"].get<std::string>().empty(),
               ctx + " -> " + shown);
    FUZZ_CHECK(r.body.contains("message_en") && r.body["message_en"].is_string() &&
                   !r.body["message_en"].get<std::string>().empty(),
               ctx + " -> " + shown);
  }
}

}  // namespace
}  // namespace ivd_fuzz

//-----------------------------------------------------------------------------------------------------
// [SECTION] Entry point
//-----------------------------------------------------------------------------------------------------
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 8) {
    case 0: ivd_fuzz::fuzz_csv(in); break;
    case 1: ivd_fuzz::fuzz_text_file(in); break;
    case 2: ivd_fuzz::fuzz_quantity(in); break;
    case 3: ivd_fuzz::fuzz_phone(in); break;
    case 4: ivd_fuzz::fuzz_cst(in); break;
    case 5: ivd_fuzz::fuzz_sheet_patch(in); break;
    case 6: ivd_fuzz::fuzz_base64(in); break;
    case 7: ivd_fuzz::fuzz_api(in); break;
  }
  return 0;
}

// libFuzzer calls this once before the first input: build the API world up front, so the time it takes
// is not charged to the first input (and a broken world is reported before any fuzzing).
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)ivd_fuzz::world();
  return 0;
}
