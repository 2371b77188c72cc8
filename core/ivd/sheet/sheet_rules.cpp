// [SECTION] rule ids, fields, severities
// [SECTION] items and report JSON
// [SECTION] certificate groups and line/submission rules
// [SECTION] validate_sheet
#include "core/ivd/sheet/sheet_rules.hpp"

#include "core/ivd/sheet/quantity.hpp"
#include "core/org/phone.hpp"

namespace ivd {

// ---- [SECTION] rule ids, fields, severities ------------------------------------------------------
std::string_view rule_id(SheetRule rule) {
  switch (rule) {
    case SheetRule::qty_format: return "R-QTY-FORMAT";
    case SheetRule::instr_required: return "R-INSTR-REQUIRED";
    case SheetRule::instr_no_with_history: return "R-INSTR-NO-WITH-HISTORY";
    case SheetRule::instr_same_cert: return "R-INSTR-SAME-CERT";
    case SheetRule::threshold: return "R-THRESHOLD";
    case SheetRule::cert_no_instrument_doc: return "R-CERT-NO-INSTRUMENT-DOC";
    case SheetRule::submit_fields: return "R-SUBMIT-FIELDS";
  }
  return "";
}

std::optional<SheetRule> parse_rule_id(std::string_view id) {
  for (SheetRule r : kAllSheetRules)
    if (rule_id(r) == id) return r;
  return std::nullopt;
}

// SPEC §2.2: "Rules marked 'before submission' are warnings while drafting and errors at 提交".
bool is_before_submission(SheetRule rule) {
  return rule == SheetRule::threshold || rule == SheetRule::cert_no_instrument_doc ||
         rule == SheetRule::submit_fields;
}

Severity rule_severity(SheetRule rule, SheetMode mode) {
  return is_before_submission(rule) && mode == SheetMode::draft ? Severity::warning : Severity::error;
}

std::string_view field_name(SheetField field) {
  switch (field) {
    case SheetField::last_year: return "last_year";
    case SheetField::demand: return "demand";
    case SheetField::instrument: return "instrument";
    case SheetField::change_note: return "change_note";
    case SheetField::instrument_doc: return "instrument_doc";
    case SheetField::contact_name: return "contact_name";
    case SheetField::contact_phone: return "contact_phone";
    case SheetField::commitment_letter: return "commitment_letter";
    case SheetField::demand_attachment: return "demand_attachment";
  }
  return "";
}

std::optional<SheetField> parse_field_name(std::string_view name) {
  for (int f = 0; f <= static_cast<int>(SheetField::demand_attachment); ++f)
    if (field_name(static_cast<SheetField>(f)) == name) return static_cast<SheetField>(f);
  return std::nullopt;
}

std::string_view severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }
std::string_view mode_name(SheetMode m) { return m == SheetMode::draft ? "draft" : "submit"; }

std::string_view SheetItem::message_key() const {
  switch (rule) {
    case SheetRule::qty_format: return detail == ItemDetail::out_of_range ? "R-QTY-FORMAT.range" : "R-QTY-FORMAT";
    case SheetRule::threshold: return detail == ItemDetail::new_demand ? "R-THRESHOLD.new" : "R-THRESHOLD";
    case SheetRule::submit_fields:
      switch (field) {
        case SheetField::contact_name: return "R-SUBMIT-FIELDS.contact_name";
        case SheetField::contact_phone:
          return detail == ItemDetail::bad_format ? "R-SUBMIT-FIELDS.contact_phone.format"
                                                  : "R-SUBMIT-FIELDS.contact_phone";
        case SheetField::commitment_letter: return "R-SUBMIT-FIELDS.commitment_letter";
        case SheetField::demand_attachment: return "R-SUBMIT-FIELDS.demand_attachment";
        default: return "R-SUBMIT-FIELDS";
      }
    default: return rule_id();
  }
}

std::string SheetItem::message(Lang lang) const {
  switch (rule) {
    case SheetRule::qty_format: {
      const std::string label = "sheet.field." + std::string(field_name());
      return trf(lang, message_key(), {std::string(tr(lang, label))});
    }
    case SheetRule::instr_same_cert:
      return trf(lang, message_key(), {certificate, std::to_string(arg0), std::to_string(arg1)});
    case SheetRule::threshold:
      return trf(lang, message_key(), {format_hundredths(arg0, true), format_hundredths(arg1)});
    case SheetRule::cert_no_instrument_doc: return trf(lang, message_key(), {certificate});
    default: return std::string(tr(lang, message_key()));
  }
}

// ---- [SECTION] items and report JSON -------------------------------------------------------------
SheetItemOnWire on_wire(const SheetItem& item) {
  SheetItemOnWire w;
  w.rule_id = item.rule_id();
  if (item.line >= 0) w.line = item.line;
  w.serial = item.serial;
  w.certificate = item.certificate;
  w.field = item.field_name();
  w.severity = severity_name(item.severity);
  w.message_zh = item.message_zh();
  w.message_en = item.message_en();
  return w;
}

void to_json(nlohmann::json& j, const SheetItemOnWire& w) {
  j = {{"rule_id", w.rule_id}, {"serial", w.serial}, {"field", w.field}, {"severity", w.severity}};
  if (w.line) j["line"] = *w.line;
  if (!w.certificate.empty()) j["certificate"] = w.certificate;
  j["message_zh"] = w.message_zh;
  j["message_en"] = w.message_en;
}

void from_json(const nlohmann::json& j, SheetItemOnWire& w) {
  j.at("rule_id").get_to(w.rule_id);
  w.line = j.contains("line") ? std::optional<int32_t>(j.at("line").get<int32_t>()) : std::nullopt;
  j.at("serial").get_to(w.serial);
  w.certificate = j.value("certificate", std::string());
  j.at("field").get_to(w.field);
  j.at("severity").get_to(w.severity);
  j.at("message_zh").get_to(w.message_zh);
  j.at("message_en").get_to(w.message_en);
}

SheetReportOnWire on_wire(const SheetReport& report) {
  SheetReportOnWire w{std::string(mode_name(report.mode)), report.errors, report.warnings, {}};
  w.items.reserve(report.items.size());
  for (const auto& it : report.items) w.items.push_back(on_wire(it));
  return w;
}

void to_json(nlohmann::json& j, const SheetReportOnWire& w) {
  j = {{"mode", w.mode}, {"errors", w.errors}, {"warnings", w.warnings}, {"items", w.items}};
}

void from_json(const nlohmann::json& j, SheetReportOnWire& w) {
  j.at("mode").get_to(w.mode);
  j.at("errors").get_to(w.errors);
  j.at("warnings").get_to(w.warnings);
  j.at("items").get_to(w.items);
}

nlohmann::json to_json(const SheetItem& item) { return on_wire(item); }
nlohmann::json to_json(const SheetReport& report) { return on_wire(report); }

// ---- [SECTION] certificate groups and line/submission rules --------------------------------------
namespace sheet_rules_internal {

namespace {

// FNV-1a with a final mix: only for the local hash table (never stored or compared across builds).
uint64_t hash_text(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h ^ (h >> 29);
}

}  // namespace

CertGroups group_by_certificate(const std::vector<SheetLine>& lines) {
  CertGroups out;
  const size_t n = lines.size();
  out.group_of_line.assign(n, -1);
  size_t cap = 16;
  while (cap < 2 * n) cap <<= 1;
  std::vector<int32_t> slots(cap, -1);  // group id, open addressing with linear probing
  const size_t mask = cap - 1;
  for (size_t i = 0; i < n; ++i) {
    const std::string& cert = lines[i].certificate;
    if (cert.empty()) continue;
    // Catalog order keeps the 流水号 of one 注册证 mostly together: reuse the previous line's group.
    if (i > 0 && out.group_of_line[i - 1] >= 0 && lines[i - 1].certificate == cert) {
      out.group_of_line[i] = out.group_of_line[i - 1];
      continue;
    }
    size_t s = hash_text(cert) & mask;
    while (true) {
      const int32_t g = slots[s];
      if (g < 0) {
        const auto id = static_cast<int32_t>(out.groups.size());
        GroupState gs;
        gs.first_line = static_cast<int32_t>(i);
        out.groups.push_back(gs);
        slots[s] = id;
        out.group_of_line[i] = id;
        break;
      }
      if (lines[static_cast<size_t>(out.groups[static_cast<size_t>(g)].first_line)].certificate == cert) {
        out.group_of_line[i] = g;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  return out;
}

bool has_instrument_doc(const Sheet& sheet, std::string_view certificate) {
  auto it = sheet.instrument_docs.find(certificate);
  return it != sheet.instrument_docs.end() && !is_blank(it->second);
}

void append_line_items(const SheetLine& line, int32_t index, const GroupState* group, const RuleContext& ctx,
                       std::vector<SheetItem>& out) {
  const Quantity last = parse_quantity(line.last_year_text);
  const Quantity demand = parse_quantity(line.demand_text);
  const bool filled = last.filled() || demand.filled();
  if (!filled && line.instrument == Instrument::none) return;  // an unused line: nothing to check

  auto add = [&](SheetRule rule, SheetField field) -> SheetItem& {
    SheetItem& it = out.emplace_back();
    it.rule = rule;
    it.severity = rule_severity(rule, ctx.mode);
    it.field = field;
    it.line = index;
    it.serial = line.serial;
    return it;
  };

  // R-QTY-FORMAT — SPEC §2.2: non-negative integers up to 999,999,999; anything else is an error at the cell.
  if (!last.valid())
    add(SheetRule::qty_format, SheetField::last_year).detail =
        last.status == QuantityStatus::out_of_range ? ItemDetail::out_of_range : ItemDetail::none;
  if (!demand.valid())
    add(SheetRule::qty_format, SheetField::demand).detail =
        demand.status == QuantityStatus::out_of_range ? ItemDetail::out_of_range : ItemDetail::none;

  // R-INSTR-REQUIRED — IVD manual 报量项目管理 暂存 注1: 填写“上年度采购总数量”或“下年度采购需求量”，
  // “是否有在用仪器”不能为空.
  if (filled && line.instrument == Instrument::none) add(SheetRule::instr_required, SheetField::instrument);

  // R-INSTR-NO-WITH-HISTORY — IVD manual 报量项目管理 暂存 注2: “上年度采购总数量”>0，“是否有在用仪器”不能为“否”.
  if (last.status == QuantityStatus::ok && last.value > 0 && line.instrument == Instrument::no)
    add(SheetRule::instr_no_with_history, SheetField::instrument);

  // R-INSTR-SAME-CERT — IVD manual 报量项目管理 暂存 注3 and 提交 注1: 相同注册证下的流水号“是否有在用仪器”要相同,
  // across the whole sheet (the original checked a page at a time). Minority value flagged; tie: all.
  if (group != nullptr && group->yes > 0 && group->no > 0 && line.instrument != Instrument::none) {
    const bool flag = group->yes == group->no ||
                      (line.instrument == Instrument::no ? group->yes > group->no : group->no > group->yes);
    if (flag) {
      SheetItem& it = add(SheetRule::instr_same_cert, SheetField::instrument);
      it.certificate = line.certificate;
      it.arg0 = group->yes;
      it.arg1 = group->no;
    }
  }

  // R-THRESHOLD — SPEC §2.2 and IVD manual 报量项目管理 提交 (增降幅说明): a change above 需求量阈值, or a new
  // demand with no purchases last year, needs an explanation before submission.
  if (filled && last.valid() && demand.valid() && is_blank(line.change_note) &&
      change_needs_note(last.value, demand.value, ctx.threshold_hundredths)) {
    SheetItem& it = add(SheetRule::threshold, SheetField::change_note);
    if (last.value == 0) {
      it.detail = ItemDetail::new_demand;
    } else {
      it.arg0 = *change_percent_hundredths(last.value, demand.value);
    }
    it.arg1 = ctx.threshold_hundredths;
  }

  // R-CERT-NO-INSTRUMENT-DOC — IVD manual 报量项目管理 提交 注1: 注册证对应“是否在用仪器”为“否”，需要上传对应说明文件.
  // One item per 注册证, on its first line saying 否.
  if (group != nullptr && group->no > 0 && !group->has_doc && group->first_no == index) {
    SheetItem& it = add(SheetRule::cert_no_instrument_doc, SheetField::instrument_doc);
    it.certificate = line.certificate;
  }
}

void append_submission_items(const SubmissionFields& f, const RuleContext& ctx, std::vector<SheetItem>& out) {
  // R-SUBMIT-FIELDS — IVD manual 报量项目管理 提交: 填写联系人/联系方式 … 上次承诺书、采购需求量附件.
  auto add = [&](SheetField field, ItemDetail detail) {
    SheetItem& it = out.emplace_back();
    it.rule = SheetRule::submit_fields;
    it.severity = rule_severity(SheetRule::submit_fields, ctx.mode);
    it.field = field;
    it.detail = detail;
  };
  if (is_blank(f.contact_name)) add(SheetField::contact_name, ItemDetail::missing);
  if (is_blank(f.contact_phone)) add(SheetField::contact_phone, ItemDetail::missing);
  else if (!is_valid_phone(f.contact_phone)) add(SheetField::contact_phone, ItemDetail::bad_format);
  if (is_blank(f.commitment_letter)) add(SheetField::commitment_letter, ItemDetail::missing);
  if (is_blank(f.demand_attachment)) add(SheetField::demand_attachment, ItemDetail::missing);
}

}  // namespace sheet_rules_internal

// ---- [SECTION] validate_sheet --------------------------------------------------------------------
SheetReport validate_sheet(const Sheet& sheet, SheetMode mode) {
  using namespace sheet_rules_internal;
  SheetReport report;
  report.mode = mode;
  const RuleContext ctx{mode, threshold_hundredths(sheet.threshold_percent)};

  // Pass 1: 注册证 groups and their 是/否 counts (the certificate rules look across the whole sheet).
  CertGroups cg = group_by_certificate(sheet.lines);
  for (size_t i = 0; i < sheet.lines.size(); ++i) {
    const int32_t g = cg.group_of_line[i];
    if (g < 0) continue;
    GroupState& gs = cg.groups[static_cast<size_t>(g)];
    const Instrument inst = sheet.lines[i].instrument;
    if (inst == Instrument::yes) ++gs.yes;
    else if (inst == Instrument::no) {
      if (gs.no++ == 0) gs.first_no = static_cast<int32_t>(i);
    }
  }
  for (GroupState& gs : cg.groups)
    if (gs.no > 0) gs.has_doc = has_instrument_doc(sheet, sheet.lines[static_cast<size_t>(gs.first_line)].certificate);

  // Pass 2: the items, line by line.
  for (size_t i = 0; i < sheet.lines.size(); ++i) {
    const int32_t g = cg.group_of_line[i];
    append_line_items(sheet.lines[i], static_cast<int32_t>(i), g < 0 ? nullptr : &cg.groups[static_cast<size_t>(g)],
                      ctx, report.items);
  }
  append_submission_items(sheet.submission, ctx, report.items);
  for (const auto& it : report.items) (it.severity == Severity::error ? report.errors : report.warnings)++;
  return report;
}

}  // namespace ivd
