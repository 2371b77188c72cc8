// Every generated document read back with a reader that is not ours (issue 11 "Tests read every
// document back"): the PDFs with poppler's pdftotext / pdffonts / pdfinfo, the XLSX files with Python's
// openpyxl (Debian python3-openpyxl), the CSV files with the CSV parser. Totals are compared with the
// database and with the API's answers; refusals of the download routes with those for missing records.
#include <stdio.h>
#include <sys/wait.h>

#include <catch_amalgamated.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/accounts/sessions.hpp"
#include "core/base/base64.hpp"
#include "core/base/csv.hpp"
#include "core/demo/ivd_demo.hpp"
#include "core/demo/org_demo.hpp"
#include "core/demo/supply_demo.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/ivd/review.hpp"
#include "server/documents/document_routes.hpp"
#include "server/documents/pdf_renderer.hpp"
#include "server/documents/producers.hpp"
#include "server/documents/table_files.hpp"
#include "tests/http/test_server.hpp"

namespace ivd::test {
namespace {

using nlohmann::json;
using namespace ivd::documents;

const std::string kNewPassword = "Docs2026pass";

struct SilentPainter : CaptchaPainter {
  std::string png(std::string_view) override { return {}; }
};

// ---- readers ---------------------------------------------------------------------------------------------------

std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = pclose(p);
  INFO(command);
  REQUIRE(WIFEXITED(rc));
  REQUIRE(WEXITSTATUS(rc) == 0);
  return out;
}

struct TempFile {
  TempDir dir;
  std::string path;
  TempFile(const std::string& name, const std::string& bytes) : path((dir.path / name).string()) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
};

std::string pdf_text(const std::string& pdf, const std::string& options = "-layout") {
  TempFile f("doc.pdf", pdf);
  return run("pdftotext " + options + " " + f.path + " -");
}

int pdf_pages(const std::string& pdf) {
  TempFile f("doc.pdf", pdf);
  const std::string info = run("pdfinfo " + f.path);
  auto at = info.find("Pages:");
  REQUIRE(at != std::string::npos);
  return std::stoi(info.substr(at + 6));
}

std::string without_space(std::string s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\f' && c != '\t') out += c;
  return out;
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// The A4 page size, the fonts embedded (every font line of pdffonts says "yes" for emb) and CJK.
void check_pdf_basics(const std::string& pdf) {
  REQUIRE(pdf.rfind("%PDF-", 0) == 0);
  TempFile f("doc.pdf", pdf);
  CHECK(contains(run("pdfinfo " + f.path), "(A4)"));
  const std::string fonts = run("pdffonts " + f.path);
  CHECK(contains(fonts, "WenQuanYi"));
  std::istringstream lines(fonts);
  std::string line;
  int font_lines = 0;
  for (int i = 0; std::getline(lines, line); ++i) {
    if (i < 2 || line.empty()) continue;  // the two header lines
    ++font_lines;
    CHECK(contains(line, " yes "));  // emb (and sub / uni)
  }
  CHECK(font_lines > 0);
}

// Rows of the first worksheet of an XLSX file, read by openpyxl, as JSON (Debian's python3: another
// python3 earlier on PATH may lack openpyxl).
json xlsx_rows(const std::string& path) {
  const std::string script =
      "import json,sys,openpyxl\n"
      "wb=openpyxl.load_workbook(sys.argv[1],read_only=True)\n"
      "ws=wb.worksheets[0]\n"
      "print(json.dumps({'sheet':ws.title,'rows':[[c for c in r] for r in ws.iter_rows(values_only=True)]},ensure_ascii=False,default=str))\n";
  TempFile py("read.py", script);
  return json::parse(run("/usr/bin/python3 " + py.path + " " + path));
}

// ---- the demo world, built once ----------------------------------------------------------------------------------

struct DemoWorld {
  TempDir dir;
  std::string db_path;
  int64_t project_id = 0;
};

const DemoWorld& demo_world() {
  static const std::unique_ptr<DemoWorld> world = [] {
    auto w = std::make_unique<DemoWorld>();
    auto opened = Db::open(":memory:");
    REQUIRE(opened.ok());
    Db db = std::move(opened.value());
    REQUIRE(migrate(db).ok());
    SystemClock clock;
    SodiumRandom random;
    SodiumHasher hasher{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    SilentPainter painter;
    Services svc{clock, random, hasher, painter};
    REQUIRE(ensure_super_admin(db, svc).ok());
    auto seeded = seed_demo(db, svc);
    if (!seeded) FAIL(seeded.error().message_en);
    IvdDemoOptions small;  // every stage of the demo, with a smaller catalog
    small.serials = 300;
    small.certificates = 120;
    small.min_lines = 3;
    small.max_lines = 12;
    IvdDemoReport report;
    if (auto s = seed_ivd_demo(db, svc, small, &report); !s) FAIL(s.error().message_en);
    SupplyDemoReport supply;
    if (auto s = seed_supply_demo(db, svc, &supply); !s) FAIL(s.error().message_en);
    w->project_id = report.project_id;
    w->db_path = (w->dir.path / "world.db").string();
    if (auto s = db.exec("VACUUM INTO '" + w->db_path + "'"); !s) FAIL(s.error().message_en);
    return w;
  }();
  return *world;
}

TestServerOptions world_options() {
  TestServerOptions o;
  o.db_template = demo_world().db_path;
  o.extra_routes = [](Api& api) { register_document_routes(api); };
  return o;
}

struct DocServer : TestServer {
  int64_t pid = demo_world().project_id;
  std::map<std::string, std::string> tokens;
  DocServer() : TestServer(world_options()) {}

  std::string p() const { return "/ivd/projects/" + std::to_string(pid); }

  std::string session(const std::string& username) {
    if (auto it = tokens.find(username); it != tokens.end()) return it->second;
    const std::string first = login(username, svc.settings.initial_password);
    json change = {{"old_password", svc.settings.initial_password}, {"new_password", kNewPassword}, {"confirm_password", kNewPassword}};
    auto changed = client().Post("/api/v1/auth/change-password", auth(first), change.dump(), "application/json");
    REQUIRE(changed);
    REQUIRE(changed->status == 200);
    return tokens[username] = login(username, kNewPassword);
  }
  std::pair<int, json> get(const std::string& path, const std::string& user) {
    auto r = client().Get("/api/v1" + path, auth(session(user)));
    REQUIRE(r);
    return {r->status, json_of(r)};
  }
  // A download route's file: its name, type and bytes (the test fails on a refusal).
  Document download(const std::string& path, const std::string& user) {
    auto [status, body] = get(path, user);
    INFO(path << " as " << user << ": " << body.dump().substr(0, 300));
    REQUIRE(status == 200);
    auto bytes = base64_decode(body.at("content_base64").get<std::string>());
    REQUIRE(bytes);
    // DOCUMENT_TESTS_SAVE=DIR keeps every downloaded file there, to look at the pages (pdftoppm -png).
    if (const char* dir = std::getenv("DOCUMENT_TESTS_SAVE"))
      std::ofstream(std::filesystem::path(dir) / body.at("name").get<std::string>(), std::ios::binary) << *bytes;
    return {body.at("name").get<std::string>(), body.at("content_type").get<std::string>(), *bytes, {}};
  }
  std::vector<std::vector<std::string>> rows(const std::string& sql, int columns = 1) {
    auto st = db->prepare(sql);
    if (!st) FAIL(sql << ": " << st.error().message_en);
    std::vector<std::vector<std::string>> out;
    while (*st->step()) {
      std::vector<std::string> r;
      for (int i = 0; i < columns; ++i) r.push_back(st->col_text(i));
      out.push_back(std::move(r));
    }
    return out;
  }
  Actor actor(const std::string& username) {
    auto id = rows("SELECT id FROM users WHERE username = '" + username + "'");
    REQUIRE(id.size() == 1);
    auto a = load_actor(*db, std::stoll(id[0][0]));
    REQUIRE(a.ok());
    return *a;
  }
};

// A hospital with a well-filled sheet: {hospital_id, code, name, last_year sum, demand sum} from the lines.
std::vector<std::string> filled_hospital(DocServer& s, int offset = 0) {
  auto r = s.rows("SELECT s.hospital_id, i.code, i.name, (SELECT coalesce(sum(last_year),0) FROM ivd_sheet_lines WHERE sheet_id = s.id), "
                  "(SELECT coalesce(sum(demand),0) FROM ivd_sheet_lines WHERE sheet_id = s.id), i.region_code "
                  "FROM ivd_sheets s JOIN institutions i ON i.id = s.hospital_id WHERE s.project_id = " + std::to_string(s.pid) +
                  " AND s.line_count >= 5 ORDER BY s.hospital_id LIMIT 1 OFFSET " + std::to_string(offset), 6);
  REQUIRE(r.size() == 1);
  return r[0];
}

// ---- PDFs ------------------------------------------------------------------------------------------------------

TEST_CASE("填报数据导出 PDF holds the hospital, the project, the database totals, every 注册证 and the stamp block", "[documents][pdf]") {
  DocServer s;
  const auto h = filled_hospital(s);
  const Document d = s.download(s.p() + "/sheet/certificates/pdf", h[1]);
  CHECK(d.content_type == "application/pdf");
  CHECK(d.filename == h[2] + "_2026年度省际联盟体外诊断试剂报量_填报数据.pdf");
  check_pdf_basics(d.bytes);
  const std::string text = pdf_text(d.bytes);
  CHECK(contains(text, "体外诊断试剂报量填报数据"));
  CHECK(contains(text, h[2]));
  CHECK(contains(text, "上年度采购总数量合计：" + h[3]));
  CHECK(contains(text, "下年度采购需求量合计：" + h[4]));
  CHECK(contains(text, "院长签字"));
  CHECK(contains(text, "单位盖章"));
  CHECK(contains(text, "合计"));
  CHECK(contains(without_space(text), "第1页/共"));
  const std::string raw = without_space(pdf_text(d.bytes, "-raw"));
  for (const auto& cert : s.rows("SELECT DISTINCT c.cert FROM ivd_sheet_lines l JOIN ivd_sheets s ON s.id = l.sheet_id "
                                 "JOIN ivd_catalog c ON c.project_id = s.project_id AND c.serial = l.serial "
                                 "WHERE s.project_id = " + std::to_string(s.pid) + " AND s.hospital_id = " + h[0]))
    CHECK(contains(raw, without_space(cert[0])));
  // Its reviewers get the same document through the hospital's id.
  const std::string admin = "admin_" + h[5].substr(0, 2);
  const Document same = s.download(s.p() + "/hospitals/" + h[0] + "/sheet/certificates/pdf", admin);
  CHECK(contains(pdf_text(same.bytes), "下年度采购需求量合计：" + h[4]));
}

TEST_CASE("another hospital's 填报数据导出 is refused exactly like a hospital that does not exist", "[documents][scope]") {
  DocServer s;
  const auto a = filled_hospital(s, 0);
  const auto b = filled_hospital(s, 1);
  auto [other_status, other] = s.get(s.p() + "/hospitals/" + a[0] + "/sheet/certificates/pdf", b[1]);
  auto [missing_status, missing] = s.get(s.p() + "/hospitals/999999/sheet/certificates/pdf", b[1]);
  CHECK(other_status == 403);
  CHECK(other_status == missing_status);
  CHECK(other == missing);
  // An admin of another province: the same refusal as for a province that does not exist.
  const std::string prov = a[5].substr(0, 2) == "11" ? "12" : "11";
  auto [p_other_status, p_other] = s.get(s.p() + "/provinces/" + a[5].substr(0, 2) + "0000/certificates/pdf", "admin_" + prov);
  auto [p_missing_status, p_missing] = s.get(s.p() + "/provinces/990000/certificates/pdf", "admin_" + prov);
  CHECK(p_other_status == 403);
  CHECK(p_other_status == p_missing_status);
  CHECK(p_other == p_missing);
}

TEST_CASE("汇总数据导出 PDF of a province: totals equal the database, header and page number on every page", "[documents][pdf]") {
  DocServer s;
  auto top = s.rows("SELECT t.province_code, r.name, sum(t.last_year_total), sum(t.demand_total), count(*) FROM ivd_cert_totals t "
                    "JOIN regions r ON r.code = t.province_code WHERE t.project_id = " + std::to_string(s.pid) +
                    " GROUP BY 1 ORDER BY 5 DESC LIMIT 1", 5);
  REQUIRE(top.size() == 1);
  const auto& [code, name, last, demand, certs] = std::tie(top[0][0], top[0][1], top[0][2], top[0][3], top[0][4]);
  const Document d = s.download(s.p() + "/provinces/" + code + "/certificates/pdf", "admin_" + code.substr(0, 2));
  CHECK(d.filename == name + "_2026年度省际联盟体外诊断试剂报量_汇总数据.pdf");
  check_pdf_basics(d.bytes);
  const std::string text = pdf_text(d.bytes);
  CHECK(contains(text, "体外诊断试剂报量汇总数据"));
  CHECK(contains(text, "省份：" + name));
  CHECK(contains(text, "注册证数：" + certs));
  CHECK(contains(text, "上年度采购总数量合计：" + last));
  CHECK(contains(text, "下年度采购需求量合计：" + demand));
  CHECK(contains(text, "负责人签字"));
  CHECK(contains(text, "单位盖章"));
  const int pages = pdf_pages(d.bytes);
  REQUIRE(pages >= 2);  // 100+ 注册证 do not fit one page
  for (int i = 1; i <= pages; ++i) {
    INFO("page " << i);
    // -raw keeps a wrapped header cell together; pdftotext drops the spaces around the page numbers.
    const std::string page = without_space(pdf_text(d.bytes, "-raw -f " + std::to_string(i) + " -l " + std::to_string(i)));
    CHECK(contains(page, "注册证"));
    CHECK(contains(page, "上年度采购总数量"));
    CHECK(contains(page, "第" + std::to_string(i) + "页/共" + std::to_string(pages) + "页"));
  }
}

TEST_CASE("long product names wrap inside their cell and come out whole; a long table repeats its header", "[documents][pdf]") {
  TableDocument doc;
  doc.title = "换行测试";
  doc.columns = {{"流水号", CellKind::text, 1}, {"产品名称", CellKind::text, 2}, {"数量", CellKind::integer, 1}};
  std::string long_name;
  for (int i = 0; i < 12; ++i) long_name += "超长产品名称测试试剂盒（化学发光法）";
  for (int i = 0; i < 400; ++i)
    doc.rows.push_back({RowKind::line, {"SN" + std::to_string(i), i == 7 ? long_name : "试剂" + std::to_string(i), std::to_string(i)}});
  doc.rows.push_back({RowKind::total, {"合计", "", "79800"}});
  doc.stamp = {"单位盖章："};
  doc.page_label = "第 {0} 页 / 共 {1} 页";
  auto pdf = render_pdf(doc);
  REQUIRE(pdf.ok());
  check_pdf_basics(*pdf);
  const std::string raw = without_space(pdf_text(*pdf, "-raw"));
  CHECK(contains(raw, without_space(long_name)));  // every character, in order: nothing cut
  CHECK(contains(raw, "SN399"));
  const int pages = pdf_pages(*pdf);
  REQUIRE(pages >= 5);
  for (int i = 1; i <= pages; ++i) {
    const std::string page = without_space(pdf_text(*pdf, "-raw -f " + std::to_string(i) + " -l " + std::to_string(i)));
    CHECK(contains(page, "产品名称"));
    CHECK(contains(page, "第" + std::to_string(i) + "页/共" + std::to_string(pages) + "页"));
  }
}

TEST_CASE("承诺书模板 downloads as a PDF with the hospital's and the project's names", "[documents][pdf]") {
  DocServer s;
  const auto h = filled_hospital(s);
  const Document d = s.download(s.p() + "/commitment-template", h[1]);
  check_pdf_basics(d.bytes);
  const std::string raw = without_space(pdf_text(d.bytes, "-raw"));
  CHECK(contains(raw, "体外诊断试剂采购需求量填报承诺书"));
  CHECK(contains(raw, without_space(h[2])));
  CHECK(contains(raw, "2026年度省际联盟体外诊断试剂报量"));
  CHECK(contains(raw, "院长（签字）"));
  CHECK_FALSE(contains(raw, "{hospital}"));
}

// ---- CSV and XLSX ------------------------------------------------------------------------------------------------

TEST_CASE("national 汇总数据导出 CSV: BOM, the exact header, per-province totals equal the API's; XLSX the same", "[documents][csv][xlsx]") {
  DocServer s;
  const Actor admin = s.actor("admin");
  Progress progress;
  double last_progress = 0;
  progress.on_change = [&](double f) { last_progress = f; };
  auto csv = produce_national_csv(*s.db, s.svc, admin, {{"project_id", s.pid}}, progress);
  REQUIRE(csv.ok());
  CHECK(last_progress == 1.0);
  CHECK(csv->content_type == "text/csv;charset=utf-8");
  CHECK(csv->filename == "2026年度省际联盟体外诊断试剂报量_全国汇总数据.csv");
  const std::string header = "\xEF\xBB\xBF省份,大项,小项,生产企业,注册证,上年度采购总数量,下年度采购总数量\r\n";
  REQUIRE(csv->bytes.substr(0, header.size()) == header);
  // The same bytes as core's CSV of the data route's rows (what the browser saves).
  auto rows = cert_totals(*s.db, s.pid, "");
  REQUIRE(rows.ok());
  CHECK(csv->bytes == cert_totals_csv(*rows));

  auto parsed = parse_csv(std::string_view(csv->bytes).substr(3));
  REQUIRE(parsed.ok());
  std::map<std::string, std::pair<int64_t, int64_t>> by_province;
  for (size_t i = 1; i < parsed->size(); ++i) {
    const auto& f = (*parsed)[i].fields;
    REQUIRE(f.size() == 7);
    by_province[f[0]].first += std::stoll(f[5]);
    by_province[f[0]].second += std::stoll(f[6]);
  }
  auto [status, api] = s.get(s.p() + "/provinces", "admin");
  REQUIRE(status == 200);
  int compared = 0;
  for (const json& item : api.at("items")) {
    const auto r = item.get<ProvinceReport>();
    if (r.sums.last_year == 0 && r.sums.demand == 0) continue;
    INFO(r.province_name);
    CHECK(by_province[r.province_name] == std::make_pair(r.sums.last_year, r.sums.demand));
    ++compared;
  }
  CHECK(compared >= 4);

  TempDir out;
  const std::string path = (out.path / "national.xlsx").string();
  auto xlsx = produce_national_xlsx(*s.db, s.svc, admin, {{"project_id", s.pid}, {"out_path", path}}, progress);
  REQUIRE(xlsx.ok());
  CHECK(xlsx->file == path);
  CHECK(xlsx->bytes.empty());
  CHECK(xlsx->filename == "2026年度省际联盟体外诊断试剂报量_全国汇总数据.xlsx");
  const json book = xlsx_rows(path);
  const json& xr = book.at("rows");
  REQUIRE(xr.size() == parsed->size());
  CHECK(xr[0] == json({"省份", "大项", "小项", "生产企业", "注册证", "上年度采购总数量", "下年度采购总数量"}));
  std::map<std::string, std::pair<int64_t, int64_t>> xlsx_by_province;
  for (size_t i = 1; i < xr.size(); ++i) {
    REQUIRE(xr[i][5].is_number_integer());  // numbers, so Excel sums them
    xlsx_by_province[xr[i][0].get<std::string>()].first += xr[i][5].get<int64_t>();
    xlsx_by_province[xr[i][0].get<std::string>()].second += xr[i][6].get<int64_t>();
  }
  CHECK(xlsx_by_province == by_province);
}

TEST_CASE("the national export is refused to a province admin, and a refused export leaves no file", "[documents][scope]") {
  DocServer s;
  Progress progress;
  TempDir out;
  const std::string path = (out.path / "x.xlsx").string();
  auto r = produce_national_xlsx(*s.db, s.svc, s.actor("admin_34"), {{"project_id", s.pid}, {"out_path", path}}, progress);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::forbidden);
  CHECK_FALSE(std::filesystem::exists(path));
  auto missing = produce_national_csv(*s.db, s.svc, s.actor("admin"), {{"project_id", 999999}}, progress);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "ivd.project.not_found");
}

TEST_CASE("目录下载 as CSV and XLSX: every 流水号 with the import's headers", "[documents][csv][xlsx]") {
  DocServer s;
  const auto count = s.rows("SELECT count(*) FROM ivd_catalog WHERE project_id = " + std::to_string(s.pid));
  Progress progress;
  const Actor hospital = s.actor(filled_hospital(s)[1]);
  auto csv = produce_catalog_csv(*s.db, s.svc, hospital, {{"project_id", s.pid}}, progress);
  REQUIRE(csv.ok());
  CHECK(csv->bytes.rfind("\xEF\xBB\xBF流水号,大项,小项,产品名称,规格/包装,注册证,生产企业\r\n", 0) == 0);
  auto parsed = parse_csv(std::string_view(csv->bytes).substr(3));
  REQUIRE(parsed.ok());
  CHECK(parsed->size() == std::stoul(count[0][0]) + 1);
  auto xlsx = produce_catalog_xlsx(*s.db, s.svc, hospital, {{"project_id", s.pid}}, progress);
  REQUIRE(xlsx.ok());
  CHECK(xlsx->filename == "2026年度省际联盟体外诊断试剂报量_目录.xlsx");
  TempFile f("catalog.xlsx", xlsx->bytes);
  const json book = xlsx_rows(f.path);
  REQUIRE(book.at("rows").size() == parsed->size());
  for (size_t i = 0; i < parsed->size(); i += 37) {
    const auto& fields = (*parsed)[i].fields;
    for (size_t c = 0; c < fields.size(); ++c) {
      const json& cell = book["rows"][i][c];
      CHECK((cell.is_null() ? std::string() : cell.get<std::string>()) == fields[c]);
    }
  }
}

TEST_CASE("supply feedback 导出 as XLSX holds the rows of the CSV export; only 查看 holders get it", "[documents][xlsx]") {
  DocServer s;
  Progress progress;
  const Actor viewer = s.actor("admin_34");
  json params = {{"query", json::object()}};
  auto csv = produce_feedback_csv(*s.db, s.svc, viewer, params, progress);
  REQUIRE(csv.ok());
  auto xlsx = produce_feedback_xlsx(*s.db, s.svc, viewer, params, progress);
  REQUIRE(xlsx.ok());
  CHECK(xlsx->content_type == kXlsxType);
  auto parsed = parse_csv(std::string_view(csv->bytes).substr(3));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() >= 2);
  TempFile f("feedback.xlsx", xlsx->bytes);
  const json book = xlsx_rows(f.path);
  REQUIRE(book.at("rows").size() == parsed->size());
  const auto& head = (*parsed)[0].fields;
  for (size_t c = 0; c < head.size(); ++c) CHECK(book["rows"][0][c] == head[c]);
  for (size_t i = 1; i < parsed->size(); ++i) CHECK(book["rows"][i][1] == (*parsed)[i].fields[1]);  // 流水号
  auto refused = produce_feedback_xlsx(*s.db, s.svc, s.actor("H34010000001"), params, progress);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == ErrorKind::forbidden);
}

// Every character of the letter, and 如 (lost by Cairo's subset of the CFF font Noto Sans CJK SC Regular),
// drawn one per PDF and rasterised by poppler: each must leave ink on the page.
TEST_CASE("every character of the 承诺书 draws ink, 如 included", "[documents][pdf][glyphs]") {
  std::set<std::string> chars{"如", "填", "报"};
  const std::string letter(commitment_template_text());
  for (size_t i = 0; i < letter.size();) {
    const auto c = static_cast<unsigned char>(letter[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n == 3 && letter.compare(i, 3, "\xE3\x80\x80") != 0) chars.insert(letter.substr(i, n));  // CJK, not U+3000
    i += n;
  }
  for (const std::string& ch : chars) {
    TableDocument doc;
    doc.paragraphs = {ch};  // regular weight (the bold title kept 如 even in Noto)
    auto pdf = render_pdf(doc);
    REQUIRE(pdf.ok());
    TempFile f("glyph.pdf", pdf.value());
    // The top of the page at 72 dpi as a grey map: some pixel must be dark.
    const std::string root = (f.dir.path / "glyph").string();
    run("pdftoppm -r 72 -gray -y 0 -H 200 -singlefile " + f.path + " " + root);
    std::ifstream in(root + ".pgm", std::ios::binary);
    const std::string pgm((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(pgm.rfind("P5", 0) == 0);
    size_t header_end = 0;
    for (int lines = 0; lines < 3 && header_end < pgm.size(); ++header_end)
      if (pgm[header_end] == '\n') ++lines;
    bool ink = false;
    for (size_t k = header_end; k < pgm.size(); ++k)
      if (static_cast<unsigned char>(pgm[k]) < 128) ink = true;
    INFO("character " << ch);
    CHECK(ink);
  }
}

TEST_CASE("every producer kind is registered once", "[documents]") {
  std::set<std::string_view> kinds;
  for (const auto& p : all_producers()) {
    CHECK(p.produce);
    CHECK(kinds.insert(p.kind).second);
  }
  CHECK(kinds.size() == 9);
}

}  // namespace
}  // namespace ivd::test
