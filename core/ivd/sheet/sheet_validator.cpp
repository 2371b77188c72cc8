#include "core/ivd/sheet/sheet_validator.hpp"

#include <cmath>

#include "core/ivd/sheet/quantity.hpp"

namespace ivd {

using sheet_rules_internal::GroupState;

std::optional<CellField> parse_cell_field(std::string_view name) {
  if (name == "last_year") return CellField::last_year;
  if (name == "demand") return CellField::demand;
  if (name == "instrument") return CellField::instrument;
  if (name == "change_note") return CellField::change_note;
  if (name == "instrument_doc") return CellField::instrument_doc;
  return std::nullopt;
}

namespace {

// Items of one line (or of the submission) are unique by (rule, field) and listed in that order.
int item_key(const SheetItem& it) { return static_cast<int>(it.rule) * 16 + static_cast<int>(it.field); }

}  // namespace

SheetValidator::SheetValidator(Sheet sheet, SheetMode mode)
    : sheet_(std::move(sheet)), mode_(mode), ctx_{mode, threshold_hundredths(sheet_.threshold_percent)} {
  auto cg = sheet_rules_internal::group_by_certificate(sheet_.lines);
  group_of_line_ = std::move(cg.group_of_line);
  groups_ = std::move(cg.groups);
  group_lines_.resize(groups_.size());
  for (size_t i = 0; i < group_of_line_.size(); ++i)
    if (group_of_line_[i] >= 0) group_lines_[static_cast<size_t>(group_of_line_[i])].push_back(static_cast<int32_t>(i));
  group_by_cert_.reserve(groups_.size());
  for (size_t g = 0; g < groups_.size(); ++g) {
    const std::string& cert = sheet_.lines[static_cast<size_t>(groups_[g].first_line)].certificate;
    group_by_cert_.emplace(cert, static_cast<int32_t>(g));
    groups_[g].has_doc = sheet_rules_internal::has_instrument_doc(sheet_, cert);
    recount_group(static_cast<int32_t>(g));
  }
  line_items_.resize(sheet_.lines.size());
  for (size_t i = 0; i < sheet_.lines.size(); ++i) {
    const int32_t g = group_of_line_[i];
    sheet_rules_internal::append_line_items(sheet_.lines[i], static_cast<int32_t>(i),
                                    g < 0 ? nullptr : &groups_[static_cast<size_t>(g)], ctx_, line_items_[i]);
    for (const auto& it : line_items_[i]) (it.severity == Severity::error ? errors_ : warnings_)++;
  }
  sheet_rules_internal::append_submission_items(sheet_.submission, ctx_, submission_items_);
  for (const auto& it : submission_items_) (it.severity == Severity::error ? errors_ : warnings_)++;
}

std::vector<SheetItem> SheetValidator::items() const {
  std::vector<SheetItem> out;
  out.reserve(errors_ + warnings_);
  for (const auto& li : line_items_) out.insert(out.end(), li.begin(), li.end());
  out.insert(out.end(), submission_items_.begin(), submission_items_.end());
  return out;
}

SheetReport SheetValidator::report() const {
  SheetReport r;
  r.mode = mode_;
  r.items = items();
  r.errors = errors_;
  r.warnings = warnings_;
  return r;
}

std::span<const SheetItem> SheetValidator::line_items(size_t line) const {
  if (line >= line_items_.size()) return {};
  return line_items_[line];
}

void SheetValidator::recount_group(int32_t group) {
  GroupState& gs = groups_[static_cast<size_t>(group)];
  gs.yes = gs.no = 0;
  gs.first_no = INT32_MAX;
  for (int32_t l : group_lines_[static_cast<size_t>(group)]) {
    const Instrument inst = sheet_.lines[static_cast<size_t>(l)].instrument;
    if (inst == Instrument::yes) ++gs.yes;
    else if (inst == Instrument::no && gs.no++ == 0) gs.first_no = l;
  }
}

// Replaces `stored` by scratch_ (the fresh items of the same scope) and records the difference.
void SheetValidator::replace_items(std::vector<SheetItem>& stored, SheetDiff& diff) {
  auto removed = [&](const SheetItem& it) {
    (it.severity == Severity::error ? errors_ : warnings_)--;
    diff.removed.push_back(it);
  };
  auto added = [&](const SheetItem& it) {
    (it.severity == Severity::error ? errors_ : warnings_)++;
    diff.added.push_back(it);
  };
  size_t i = 0, j = 0;
  while (i < stored.size() && j < scratch_.size()) {
    const int a = item_key(stored[i]), b = item_key(scratch_[j]);
    if (a == b) {
      if (!(stored[i] == scratch_[j])) {
        removed(stored[i]);
        added(scratch_[j]);
      }
      ++i, ++j;
    } else if (a < b) {
      removed(stored[i++]);
    } else {
      added(scratch_[j++]);
    }
  }
  for (; i < stored.size(); ++i) removed(stored[i]);
  for (; j < scratch_.size(); ++j) added(scratch_[j]);
  stored.swap(scratch_);
  scratch_.clear();
}

void SheetValidator::revalidate_line(size_t line, SheetDiff& diff) {
  scratch_.clear();
  const int32_t g = group_of_line_[line];
  sheet_rules_internal::append_line_items(sheet_.lines[line], static_cast<int32_t>(line),
                                  g < 0 ? nullptr : &groups_[static_cast<size_t>(g)], ctx_, scratch_);
  if (scratch_.empty() && line_items_[line].empty()) return;  // the common case: an unused line stays clean
  replace_items(line_items_[line], diff);
}

void SheetValidator::revalidate_group(int32_t group, SheetDiff& diff) {
  for (int32_t l : group_lines_[static_cast<size_t>(group)]) revalidate_line(static_cast<size_t>(l), diff);
}

void SheetValidator::revalidate_submission(SheetDiff& diff) {
  scratch_.clear();
  sheet_rules_internal::append_submission_items(sheet_.submission, ctx_, scratch_);
  replace_items(submission_items_, diff);
}

void SheetValidator::revalidate_all(SheetDiff& diff) {
  for (size_t l = 0; l < sheet_.lines.size(); ++l) revalidate_line(l, diff);
  revalidate_submission(diff);
}

Result<SheetDiff> SheetValidator::edit_cell(size_t line, CellField field, std::string_view value) {
  if (line >= sheet_.lines.size())
    return make_error(ErrorKind::bad_request, "sheet.edit.bad_line", "line",
                      {std::to_string(line), std::to_string(sheet_.lines.size())});
  SheetLine& l = sheet_.lines[line];
  SheetDiff diff;
  switch (field) {
    case CellField::last_year: l.last_year_text.assign(value); break;
    case CellField::demand: l.demand_text.assign(value); break;
    case CellField::change_note: l.change_note.assign(value); break;
    case CellField::instrument: {
      const auto inst = parse_instrument(value);
      if (!inst) return make_error(ErrorKind::bad_request, "sheet.json.bad_instrument", "instrument", {"instrument", std::string(value)});
      if (*inst == l.instrument) return diff;
      l.instrument = *inst;
      // 是/否 decides R-INSTR-SAME-CERT and R-CERT-NO-INSTRUMENT-DOC for every line of the 注册证.
      const int32_t g = group_of_line_[line];
      if (g >= 0) {
        recount_group(g);
        revalidate_group(g, diff);
        return diff;
      }
      break;
    }
    case CellField::instrument_doc:
      if (l.certificate.empty())
        return make_error(ErrorKind::bad_request, "sheet.edit.no_certificate", "instrument_doc", {l.serial});
      return set_instrument_doc(l.certificate, value);
  }
  revalidate_line(line, diff);
  return diff;
}

Result<SheetDiff> SheetValidator::edit_cell(size_t line, std::string_view field, std::string_view value) {
  const auto f = parse_cell_field(field);
  if (!f) return make_error(ErrorKind::bad_request, "sheet.edit.bad_field", "field", {std::string(field)});
  return edit_cell(line, *f, value);
}

SheetDiff SheetValidator::set_instrument_doc(std::string_view certificate, std::string_view reference) {
  SheetDiff diff;
  if (reference.empty()) {
    if (auto it = sheet_.instrument_docs.find(certificate); it != sheet_.instrument_docs.end())
      sheet_.instrument_docs.erase(it);
  } else {
    sheet_.instrument_docs.insert_or_assign(std::string(certificate), std::string(reference));
  }
  auto g = group_by_cert_.find(std::string(certificate));
  if (g == group_by_cert_.end()) return diff;
  GroupState& gs = groups_[static_cast<size_t>(g->second)];
  gs.has_doc = !is_blank(reference);
  // Only the group's first 否 line carries R-CERT-NO-INSTRUMENT-DOC.
  if (gs.no > 0) revalidate_line(static_cast<size_t>(gs.first_no), diff);
  return diff;
}

Result<SheetDiff> SheetValidator::set_submission_field(SheetField field, std::string_view value) {
  SubmissionFields& s = sheet_.submission;
  switch (field) {
    case SheetField::contact_name: s.contact_name.assign(value); break;
    case SheetField::contact_phone: s.contact_phone.assign(value); break;
    case SheetField::commitment_letter: s.commitment_letter.assign(value); break;
    case SheetField::demand_attachment: s.demand_attachment.assign(value); break;
    default:
      return make_error(ErrorKind::bad_request, "sheet.edit.bad_field", "field", {std::string(field_name(field))});
  }
  SheetDiff diff;
  revalidate_submission(diff);
  return diff;
}

SheetDiff SheetValidator::set_mode(SheetMode mode) {
  SheetDiff diff;
  if (mode == mode_) return diff;
  mode_ = mode;
  ctx_.mode = mode;
  revalidate_all(diff);
  return diff;
}

Result<SheetDiff> SheetValidator::set_threshold_percent(double percent) {
  if (!std::isfinite(percent) || percent < 0 || percent > kMaxThresholdPercent)
    return make_error(ErrorKind::bad_request, "sheet.json.bad_threshold", "threshold_percent", {"threshold_percent"});
  sheet_.threshold_percent = percent;
  SheetDiff diff;
  const int64_t t = threshold_hundredths(percent);
  if (t == ctx_.threshold_hundredths) return diff;
  ctx_.threshold_hundredths = t;
  revalidate_all(diff);
  return diff;
}

}  // namespace ivd
