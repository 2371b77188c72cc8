// [SECTION] deltas kept with every write
// [SECTION] project rows (cities, provinces, sheets)
// [SECTION] rebuild and recount (checks)
// [SECTION] totals for exports and lists
#include "core/ivd/aggregates.hpp"

#include "core/base/csv.hpp"

#include <optional>

namespace ivd {

bool TotalsDelta::empty() const {
  if (hospitals != 0 || sums.last_year != 0 || sums.demand != 0) return false;
  for (const auto& [cert, s] : by_cert)
    if (s.last_year != 0 || s.demand != 0) return false;
  return true;
}

// ---- [SECTION] deltas kept with every write ------------------------------------------------------
void TotalsDelta::add_line(const std::string& cert, int64_t d_last, int64_t d_demand) {
  if (d_last == 0 && d_demand == 0) return;
  sums.last_year += d_last;
  sums.demand += d_demand;
  auto& c = by_cert[cert];
  c.last_year += d_last;
  c.demand += d_demand;
}

TotalsDelta TotalsDelta::negated() const {
  TotalsDelta d;
  d.hospitals = -hospitals;
  d.sums = {-sums.last_year, -sums.demand};
  for (const auto& [cert, s] : by_cert) d.by_cert[cert] = {-s.last_year, -s.demand};
  return d;
}

void to_json(nlohmann::json& j, const Sums& s) { j = {{"last_year", s.last_year}, {"demand", s.demand}}; }
void from_json(const nlohmann::json& j, Sums& s) {
  j.at("last_year").get_to(s.last_year);
  j.at("demand").get_to(s.demand);
}
nlohmann::json sums_to_json(const Sums& s) { return s; }

void to_json(nlohmann::json& j, const CertTotalRow& r) {
  j = {{"province_code", r.province_code}, {"province_name", r.province_name}, {"category", r.category},
       {"subcategory", r.subcategory},     {"manufacturer", r.manufacturer},   {"certificate", r.certificate},
       {"last_year_total", r.sums.last_year}, {"demand_total", r.sums.demand}};
}
void from_json(const nlohmann::json& j, CertTotalRow& r) {
  j.at("province_code").get_to(r.province_code);
  j.at("province_name").get_to(r.province_name);
  j.at("category").get_to(r.category);
  j.at("subcategory").get_to(r.subcategory);
  j.at("manufacturer").get_to(r.manufacturer);
  j.at("certificate").get_to(r.certificate);
  j.at("last_year_total").get_to(r.sums.last_year);
  j.at("demand_total").get_to(r.sums.demand);
}

std::string cert_totals_csv(const std::vector<CertTotalRow>& rows) {
  std::string out = "\xEF\xBB\xBF";
  out += csv_record({"省份", "大项", "小项", "生产企业", "注册证", "上年度采购总数量", "下年度采购总数量"});
  for (const auto& r : rows)
    out += csv_record({r.province_name, r.category, r.subcategory, r.manufacturer, r.certificate,
                       std::to_string(r.sums.last_year), std::to_string(r.sums.demand)});
  return out;
}

Status apply_totals_delta(Db& db, int64_t project_id, std::string_view city_code, std::string_view province_code,
                          const TotalsDelta& delta) {
  if (delta.empty()) return ok_status();
  IVD_ASSIGN_OR_RETURN(auto city, db.prepare(
      "UPDATE ivd_city_reviews SET hospital_count = hospital_count + ?, last_year_total = last_year_total + ?, "
      "demand_total = demand_total + ? WHERE project_id = ? AND city_code = ?"));
  city.bind_all(delta.hospitals, delta.sums.last_year, delta.sums.demand, project_id, city_code);
  IVD_TRY(city.run());
  IVD_ASSIGN_OR_RETURN(auto prov, db.prepare(
      "UPDATE ivd_province_reviews SET hospital_count = hospital_count + ?, last_year_total = last_year_total + ?, "
      "demand_total = demand_total + ? WHERE project_id = ? AND province_code = ?"));
  prov.bind_all(delta.hospitals, delta.sums.last_year, delta.sums.demand, project_id, province_code);
  IVD_TRY(prov.run());
  IVD_ASSIGN_OR_RETURN(auto cert, db.prepare(
      "INSERT INTO ivd_cert_totals (project_id, province_code, cert, last_year_total, demand_total) "
      "VALUES (?,?,?,?,?) ON CONFLICT (project_id, province_code, cert) DO UPDATE SET "
      "last_year_total = last_year_total + excluded.last_year_total, "
      "demand_total = demand_total + excluded.demand_total"));
  for (const auto& [c, s] : delta.by_cert) {
    if (s.last_year == 0 && s.demand == 0) continue;
    cert.bind_all(project_id, province_code, c, s.last_year, s.demand);
    IVD_TRY(cert.run());
  }
  return ok_status();
}

Result<TotalsDelta> sheet_contribution(Db& db, int64_t project_id, int64_t sheet_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT coalesce(c.cert, ''), coalesce(sum(l.last_year), 0), coalesce(sum(l.demand), 0) "
      "FROM ivd_sheet_lines l LEFT JOIN ivd_catalog c ON c.project_id = ? AND c.serial = l.serial "
      "WHERE l.sheet_id = ? GROUP BY 1"));
  st.bind(1, project_id).bind(2, sheet_id);
  TotalsDelta d;
  d.hospitals = 1;
  IVD_TRY(st.each([&](const Stmt& row) {
    d.add_line(row.col_text(0), row.col_int(1), row.col_int(2));
  }));
  return d;
}

namespace {
// Runs sql with ?1 = project_id and, when given, ?2 = now.
Status exec_bound(Db& db, std::string_view sql, int64_t project_id, std::optional<int64_t> now = std::nullopt) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
  st.bind(1, project_id);
  if (now) st.bind(2, *now);
  return st.run();
}

// Hospital counts of every city row from the sheets (sheets, not lines), then provinces from cities.
Status recount_hospitals(Db& db, int64_t project_id) {
  IVD_TRY(exec_bound(db,
                     "UPDATE ivd_city_reviews SET hospital_count = (SELECT count(*) FROM ivd_sheets s "
                     "WHERE s.project_id = ivd_city_reviews.project_id AND s.city_code = ivd_city_reviews.city_code "
                     "AND s.status != 'not_required') WHERE project_id = ?1",
                     project_id));
  return exec_bound(db,
                    "UPDATE ivd_province_reviews SET hospital_count = (SELECT coalesce(sum(c.hospital_count), 0) "
                    "FROM ivd_city_reviews c WHERE c.project_id = ivd_province_reviews.project_id "
                    "AND c.province_code = ivd_province_reviews.province_code) WHERE project_id = ?1",
                    project_id);
}

// The recount as SELECTs, shared by rebuild_totals (writes them) and recounted_totals (compares).
constexpr const char* kRecountSheets =
    "SELECT s.id, count(l.serial), coalesce(sum(l.last_year), 0), coalesce(sum(l.demand), 0) FROM ivd_sheets s "
    "LEFT JOIN ivd_sheet_lines l ON l.sheet_id = s.id WHERE s.project_id = ?1 GROUP BY s.id";
constexpr const char* kRecountCerts =
    "SELECT s.province_code, coalesce(c.cert, ''), coalesce(sum(l.last_year), 0), coalesce(sum(l.demand), 0) "
    "FROM ivd_sheet_lines l JOIN ivd_sheets s ON s.id = l.sheet_id "
    "LEFT JOIN ivd_catalog c ON c.project_id = s.project_id AND c.serial = l.serial "
    "WHERE s.project_id = ?1 AND s.status != 'not_required' GROUP BY 1, 2";

template <class F>
Status each_row(Db& db, const char* sql, int64_t project_id, F&& fn) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
  st.bind(1, project_id);
  return st.each([&](const Stmt& row) { fn(row); });
}
}  // namespace

// ---- [SECTION] project rows (cities, provinces, sheets) ------------------------------------------
Status ensure_project_rows(Db& db, int64_t project_id, int64_t now, bool force) {
  int64_t newest_institution = 0, synced = 0;
  {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT coalesce((SELECT max(id) FROM institutions), 0), "
                                             "synced_institution_id FROM ivd_projects WHERE id = ?"));
    st.bind(1, project_id);
    IVD_ASSIGN_OR_RETURN(auto r, st.step());
    if (r) newest_institution = st.col_int(0), synced = st.col_int(1);
  }
  if (!force && synced == newest_institution) return ok_status();
  {
    IVD_ASSIGN_OR_RETURN(auto mark, db.prepare("UPDATE ivd_projects SET synced_institution_id = ? WHERE id = ?"));
    mark.bind_all(newest_institution, project_id);
    IVD_TRY(mark.run());
  }
  // Every hospital of a participating province (region = one of its cities or its 省本级) gets a sheet.
  IVD_TRY(exec_bound(db,
                     "INSERT INTO ivd_sheets (project_id, hospital_id, city_code, province_code, status, created_at, "
                     "updated_at) SELECT ?1, i.id, i.region_code, r.parent_code, 'not_filled', ?2, ?2 "
                     "FROM institutions i JOIN regions r ON r.code = i.region_code "
                     "JOIN ivd_project_provinces pp ON pp.project_id = ?1 AND pp.province_code = r.parent_code "
                     "WHERE i.kind = 'hospital' AND r.level IN ('city', 'province_level') AND NOT EXISTS "
                     "(SELECT 1 FROM ivd_sheets s WHERE s.project_id = ?1 AND s.hospital_id = i.id)",
                     project_id, now));
  const bool added = db.changes() > 0;
  IVD_TRY(exec_bound(db,
                     "INSERT OR IGNORE INTO ivd_province_reviews (project_id, province_code, updated_at) "
                     "SELECT ?1, province_code, ?2 FROM ivd_project_provinces WHERE project_id = ?1",
                     project_id, now));
  if (!added) return ok_status();
  // A city or 省本级 has a report row when it has at least one hospital in the project.
  IVD_TRY(exec_bound(db,
                     "INSERT OR IGNORE INTO ivd_city_reviews (project_id, city_code, province_code, updated_at) "
                     "SELECT DISTINCT ?1, city_code, province_code, ?2 FROM ivd_sheets WHERE project_id = ?1",
                     project_id, now));
  return recount_hospitals(db, project_id);  // new sheets are empty: only the counts change
}

// ---- [SECTION] rebuild and recount (checks) ------------------------------------------------------
Status rebuild_totals(Db& db, int64_t project_id) {
  IVD_TRY(exec_bound(db,
                     "UPDATE ivd_sheets SET line_count = t.n, last_year_total = t.ly, demand_total = t.dm FROM "
                     "(SELECT s.id AS sid, count(l.serial) AS n, coalesce(sum(l.last_year), 0) AS ly, "
                     "coalesce(sum(l.demand), 0) AS dm FROM ivd_sheets s LEFT JOIN ivd_sheet_lines l ON "
                     "l.sheet_id = s.id WHERE s.project_id = ?1 GROUP BY s.id) AS t WHERE ivd_sheets.id = t.sid",
                     project_id));
  IVD_TRY(exec_bound(db,
                     "UPDATE ivd_city_reviews SET hospital_count = 0, last_year_total = 0, demand_total = 0 "
                     "WHERE project_id = ?1",
                     project_id));
  IVD_TRY(exec_bound(db,
                     "UPDATE ivd_city_reviews SET hospital_count = t.n, last_year_total = t.ly, demand_total = t.dm "
                     "FROM (SELECT s.city_code AS city, count(*) AS n, coalesce(sum(s.last_year_total), 0) AS ly, "
                     "coalesce(sum(s.demand_total), 0) AS dm FROM ivd_sheets s WHERE s.project_id = ?1 AND "
                     "s.status != 'not_required' GROUP BY s.city_code) AS t WHERE ivd_city_reviews.project_id = ?1 "
                     "AND ivd_city_reviews.city_code = t.city",
                     project_id));
  IVD_TRY(exec_bound(db,
                     "UPDATE ivd_province_reviews SET hospital_count = coalesce(t.n, 0), last_year_total = "
                     "coalesce(t.ly, 0), demand_total = coalesce(t.dm, 0) FROM (SELECT p.province_code AS prov, "
                     "sum(c.hospital_count) AS n, sum(c.last_year_total) AS ly, sum(c.demand_total) AS dm FROM "
                     "ivd_province_reviews p LEFT JOIN ivd_city_reviews c ON c.project_id = p.project_id AND "
                     "c.province_code = p.province_code WHERE p.project_id = ?1 GROUP BY p.province_code) AS t "
                     "WHERE ivd_province_reviews.project_id = ?1 AND ivd_province_reviews.province_code = t.prov",
                     project_id));
  IVD_TRY(exec_bound(db, "DELETE FROM ivd_cert_totals WHERE project_id = ?1", project_id));
  return exec_bound(db,
                    std::string("INSERT INTO ivd_cert_totals (project_id, province_code, cert, last_year_total, "
                                "demand_total) SELECT ?1, * FROM (") +
                        kRecountCerts + ")",
                    project_id);
}

Result<TotalsSnapshot> maintained_totals(Db& db, int64_t project_id) {
  TotalsSnapshot t;
  IVD_TRY(each_row(db,
                   "SELECT city_code, hospital_count, last_year_total, demand_total FROM ivd_city_reviews "
                   "WHERE project_id = ?1",
                   project_id, [&](const Stmt& s) {
                     t.cities[s.col_text(0)] = {s.col_int(1), {s.col_int(2), s.col_int(3)}};
                   }));
  IVD_TRY(each_row(db,
                   "SELECT province_code, hospital_count, last_year_total, demand_total FROM ivd_province_reviews "
                   "WHERE project_id = ?1",
                   project_id, [&](const Stmt& s) {
                     t.provinces[s.col_text(0)] = {s.col_int(1), {s.col_int(2), s.col_int(3)}};
                   }));
  IVD_TRY(each_row(db,
                   "SELECT province_code, cert, last_year_total, demand_total FROM ivd_cert_totals "
                   "WHERE project_id = ?1 AND (last_year_total != 0 OR demand_total != 0)",
                   project_id, [&](const Stmt& s) {
                     t.certs[s.col_text(0) + "|" + s.col_text(1)] = {s.col_int(2), s.col_int(3)};
                   }));
  IVD_TRY(each_row(db,
                   "SELECT id, line_count, last_year_total, demand_total FROM ivd_sheets WHERE project_id = ?1",
                   project_id, [&](const Stmt& s) {
                     t.sheets[s.col_int(0)] = {s.col_int(1), {s.col_int(2), s.col_int(3)}};
                   }));
  return t;
}

Result<TotalsSnapshot> recounted_totals(Db& db, int64_t project_id) {
  TotalsSnapshot t;
  IVD_TRY(each_row(db, kRecountSheets, project_id, [&](const Stmt& s) {
    t.sheets[s.col_int(0)] = {s.col_int(1), {s.col_int(2), s.col_int(3)}};
  }));
  // Cities from the sheets' own totals recounted from their lines.
  std::map<std::string, std::pair<int64_t, Sums>> cities;
  std::map<std::string, std::string> province_of_city;
  IVD_TRY(each_row(db,
                   "SELECT id, city_code, province_code, status FROM ivd_sheets WHERE project_id = ?1", project_id,
                   [&](const Stmt& s) {
                     const auto city = s.col_text(1);
                     province_of_city[city] = s.col_text(2);
                     auto& c = cities[city];
                     if (s.col_text(3) == "not_required") return;
                     const auto& own = t.sheets[s.col_int(0)].second;
                     c.first += 1;
                     c.second.last_year += own.last_year;
                     c.second.demand += own.demand;
                   }));
  t.cities = cities;
  IVD_TRY(each_row(db, "SELECT province_code FROM ivd_province_reviews WHERE project_id = ?1", project_id,
                   [&](const Stmt& s) { t.provinces[s.col_text(0)] = {0, {}}; }));
  for (const auto& [city, v] : cities) {
    auto& p = t.provinces[province_of_city[city]];
    p.first += v.first;
    p.second.last_year += v.second.last_year;
    p.second.demand += v.second.demand;
  }
  IVD_TRY(each_row(db, kRecountCerts, project_id, [&](const Stmt& s) {
    if (s.col_int(2) == 0 && s.col_int(3) == 0) return;
    t.certs[s.col_text(0) + "|" + s.col_text(1)] = {s.col_int(2), s.col_int(3)};
  }));
  return t;
}

// ---- [SECTION] totals for exports and lists ------------------------------------------------------
Result<std::vector<CertTotalRow>> cert_totals(Db& db, int64_t project_id, std::string_view province_code) {
  std::string sql =
      "SELECT t.province_code, coalesce(r.name, ''), coalesce(min(c.category), ''), coalesce(min(c.subcategory), ''), "
      "coalesce(min(c.manufacturer), ''), t.cert, t.last_year_total, t.demand_total FROM ivd_cert_totals t "
      "LEFT JOIN regions r ON r.code = t.province_code "
      // INDEXED BY: without statistics SQLite walks the whole catalog of the project (its primary key)
      // for every row here, which took about a minute for 60,000 province × 注册证 rows.
      "LEFT JOIN ivd_catalog c INDEXED BY ivd_catalog_cert ON c.project_id = t.project_id AND c.cert = t.cert "
      "WHERE t.project_id = ?1 AND (t.last_year_total != 0 OR t.demand_total != 0)";
  if (!province_code.empty()) sql += " AND t.province_code = ?2";
  sql += " GROUP BY t.province_code, t.cert ORDER BY t.province_code, 3, 4, 5, t.cert";
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
  st.bind(1, project_id);
  if (!province_code.empty()) st.bind(2, province_code);
  std::vector<CertTotalRow> out;
  IVD_TRY(st.each([&](const Stmt& row) {
    out.push_back({row.col_text(0), row.col_text(1), row.col_text(2), row.col_text(3), row.col_text(4),
                   row.col_text(5), {row.col_int(6), row.col_int(7)}});
  }));
  return out;
}

Sums national_sums(Db& db, int64_t project_id, int64_t* hospital_count) {
  Sums s;
  if (hospital_count) *hospital_count = 0;
  auto st = db.prepare(
      "SELECT coalesce(sum(hospital_count), 0), coalesce(sum(last_year_total), 0), coalesce(sum(demand_total), 0) "
      "FROM ivd_province_reviews WHERE project_id = ?");
  if (!st) return s;
  st->bind(1, project_id);
  if (auto r = st->step(); r && *r) {
    if (hospital_count) *hospital_count = st->col_int(0);
    s = {st->col_int(1), st->col_int(2)};
  }
  return s;
}

}  // namespace ivd
