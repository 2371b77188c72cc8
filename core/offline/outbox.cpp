#include "core/offline/outbox.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string_view>

#include "core/api/request.hpp"

namespace ivd {
namespace {

using nlohmann::json;

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

bool is_id(std::string_view s) { return parse_int(s).has_value(); }
bool submits(const json& body) { return body.is_object() && body.value("submit", false) == true; }

int64_t revision_in(const json& body) {
  if (!body.is_object()) return 0;
  auto it = body.find("revision");
  return it != body.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}
// The revision a reply names: a sheet's save answers {sheet: {revision}}, a feedback its detail.
int64_t reply_revision(const json& reply) {
  if (!reply.is_object()) return 0;
  if (auto it = reply.find("sheet"); it != reply.end()) return revision_in(*it);
  return revision_in(reply);
}
int64_t reply_id(const json& reply) {
  if (!reply.is_object()) return 0;
  auto it = reply.find("id");
  return it != reply.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

const std::string kNewFeedback = "/supply/feedback";

// The id of "/supply/feedback/{id}..." (0 = another path).
int64_t feedback_id(const std::string& path) {
  const auto s = segments(path);
  if (s.size() < 3 || s[0] != "supply" || s[1] != "feedback") return 0;
  return parse_int(s[2]).value_or(0);
}

}  // namespace

OfflineWrite offline_write_kind(const ApiCall& call) {
  if (call.method == "GET") return OfflineWrite::read;
  const auto s = segments(call.path);
  if (call.method == "POST" && s.size() == 5 && s[0] == "ivd" && s[1] == "projects" && is_id(s[2]) &&
      s[3] == "sheet" && s[4] == "draft")
    return OfflineWrite::queued;
  if (s.size() >= 2 && s[0] == "supply" && s[1] == "feedback" && !submits(call.body)) {
    if (call.method == "POST" && s.size() == 2) return OfflineWrite::queued;
    if (call.method == "PUT" && s.size() == 3 && is_id(s[2])) return OfflineWrite::queued;
  }
  return OfflineWrite::needs_server;
}

std::string outbox_target(const ApiCall& call) {
  const auto s = segments(call.path);
  if (s.size() >= 4 && s[0] == "ivd" && s[1] == "projects" && s[3] == "sheet")
    return "/ivd/projects/" + std::string(s[2]) + "/sheet";
  if (s.size() >= 3 && s[0] == "supply" && s[1] == "feedback" && is_id(s[2]))
    return "/supply/feedback/" + std::string(s[2]);
  return call.path;
}

// ---- [SECTION] the queue --------------------------------------------------------------------------

bool Outbox::add(OutboxEntry e) {
  const std::string target = outbox_target(e.call);
  for (size_t i = entries_.size(); i-- > 0;) {
    OutboxEntry& last = entries_[i];
    if (outbox_target(last.call) != target) continue;
    // Only the last change of the target, and only one nothing was sent of, is replaced; a create is
    // never replaced by another create (two drafts).
    const bool replaceable = !last.attempted && !last.refused() && last.call.method == e.call.method &&
                             target != kNewFeedback;
    if (replaceable) {
      e.created_at = last.created_at;
      last = std::move(e);
      return true;
    }
    break;
  }
  if (entries_.size() >= kMaxOutboxEntries) return false;
  entries_.push_back(std::move(e));
  return true;
}

bool Outbox::blocked(size_t i) const {
  const std::string target = outbox_target(entries_[i].call);
  const int64_t fid = feedback_id(entries_[i].call.path);
  for (size_t j = 0; j < i; ++j) {
    const OutboxEntry& e = entries_[j];
    const bool same = outbox_target(e.call) == target || (fid > 0 && e.local_id == fid);
    if (same && (e.refused() || blocked(j))) return true;
  }
  return false;
}

std::optional<size_t> Outbox::next() const {
  for (size_t i = 0; i < entries_.size(); ++i)
    if (!entries_[i].refused() && !blocked(i)) return i;
  return std::nullopt;
}

void Outbox::follow(size_t i, const json& reply) {
  const OutboxEntry& done = entries_[i];
  const std::string from_target = outbox_target(done.call);
  const int64_t base = revision_in(done.call.body);
  const int64_t new_revision = reply_revision(reply);
  const int64_t new_id = reply_id(reply);
  const bool created = from_target == kNewFeedback && done.call.method == "POST";
  // A created draft: the later changes of the id the local copy gave it go to the new id.
  std::string target = from_target;
  if (created && done.local_id > 0 && new_id > 0) {
    const std::string local_prefix = "/supply/feedback/" + std::to_string(done.local_id);
    target = "/supply/feedback/" + std::to_string(new_id);
    for (size_t j = i + 1; j < entries_.size(); ++j) {
      std::string& path = entries_[j].call.path;
      if (feedback_id(path) == done.local_id) path = target + path.substr(local_prefix.size());
    }
  }
  if (new_revision <= 0) return;
  for (size_t j = i + 1; j < entries_.size(); ++j) {
    OutboxEntry& later = entries_[j];
    if (outbox_target(later.call) != target || !later.call.body.is_object()) continue;
    const int64_t r = revision_in(later.call.body);
    const bool from_same_state = (!created && r == base) || (done.local_revision > 0 && r == done.local_revision);
    if (from_same_state) later.call.body["revision"] = new_revision;
  }
}

void Outbox::accepted(size_t i, const json& reply) {
  if (i >= entries_.size()) return;
  follow(i, reply);
  entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
}

void Outbox::refused(size_t i, const json& error_body) {
  if (i >= entries_.size()) return;
  OutboxEntry& e = entries_[i];
  e.attempted = true;
  auto text = [&](const char* key) {
    return error_body.is_object() && error_body.contains(key) && error_body[key].is_string()
               ? error_body[key].get<std::string>()
               : std::string();
  };
  e.refused_code = text("code");
  if (e.refused_code.empty()) e.refused_code = "request.refused";
  e.refused_zh = text("message_zh");
  e.refused_en = text("message_en");
}

void Outbox::superseded_by(const ApiCall& call) {
  const std::string target = outbox_target(call);
  std::erase_if(entries_, [&](const OutboxEntry& e) { return outbox_target(e.call) == target; });
}

void Outbox::discard(size_t i) {
  if (i < entries_.size()) entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
}

void Outbox::retry(size_t i) {
  if (i >= entries_.size()) return;
  entries_[i].refused_code.clear();
  entries_[i].refused_zh.clear();
  entries_[i].refused_en.clear();
}

void Outbox::mark_attempted(size_t i) {
  if (i < entries_.size()) entries_[i].attempted = true;
}

void Outbox::note_local_answer(size_t i, const json& reply) {
  if (i >= entries_.size()) return;
  OutboxEntry& e = entries_[i];
  if (outbox_target(e.call) == kNewFeedback && e.call.method == "POST") e.local_id = reply_id(reply);
  e.local_revision = reply_revision(reply);
}

std::optional<size_t> Outbox::find(const std::string& change_id) const {
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].change_id == change_id) return i;
  return std::nullopt;
}

std::string outbox_entry_label(Lang lang, const OutboxEntry& e) {
  const auto s = segments(e.call.path);
  if (s.size() >= 3 && s[0] == "ivd") return trf(lang, "kiosk.outbox.sheet", {std::string(s[2])});
  if (s.size() == 2) return std::string(tr(lang, "kiosk.outbox.feedback_new"));
  return trf(lang, "kiosk.outbox.feedback_edit", {s.size() >= 3 ? std::string(s[2]) : std::string()});
}

std::string outbox_entry_state(Lang lang, const Outbox& box, size_t i) {
  const OutboxEntry& e = box.entries()[i];
  if (e.refused()) {
    std::string why = lang == Lang::zh ? e.refused_zh : e.refused_en;
    if (why.empty()) why = std::string(tr(lang, e.refused_code));
    return trf(lang, "kiosk.outbox.refused", {why});
  }
  return std::string(tr(lang, box.blocked(i) ? "kiosk.outbox.blocked" : "kiosk.outbox.pending"));
}

size_t Outbox::refused_count() const {
  return static_cast<size_t>(std::count_if(entries_.begin(), entries_.end(), [](const auto& e) { return e.refused(); }));
}

std::string byte_size_text(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes < 0 ? 0 : bytes) + " B";
  static constexpr const char* kUnits[] = {"KB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes) / 1024.0;
  size_t u = 0;
  while (v >= 1024.0 && u + 1 < std::size(kUnits)) {
    v /= 1024.0;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, kUnits[u]);
  return buf;
}

std::string storage_text(Lang lang, const StorageUse& use) {
  return trf(lang, "kiosk.storage",
             {byte_size_text(use.copy), byte_size_text(use.outbox), byte_size_text(use.used), byte_size_text(use.quota)});
}

// ---- [SECTION] storage form -------------------------------------------------------------------------

void to_json(json& j, const OutboxEntry& e) {
  j = {{"change_id", e.change_id},
       {"method", e.call.method},
       {"path", e.call.path},
       {"query", e.call.query},
       {"body", e.call.body},
       {"created_at", e.created_at},
       {"attempted", e.attempted},
       {"local_id", e.local_id},
       {"local_revision", e.local_revision},
       {"refused_code", e.refused_code},
       {"refused_zh", e.refused_zh},
       {"refused_en", e.refused_en}};
}

void from_json(const json& j, OutboxEntry& e) {
  e = OutboxEntry{};
  j.at("change_id").get_to(e.change_id);
  j.at("method").get_to(e.call.method);
  j.at("path").get_to(e.call.path);
  if (j.contains("query")) j.at("query").get_to(e.call.query);
  e.call.body = j.value("body", json());
  j.at("created_at").get_to(e.created_at);
  e.attempted = j.value("attempted", false);
  e.local_id = j.value("local_id", int64_t{0});
  e.local_revision = j.value("local_revision", int64_t{0});
  e.refused_code = j.value("refused_code", std::string());
  e.refused_zh = j.value("refused_zh", std::string());
  e.refused_en = j.value("refused_en", std::string());
  if (e.change_id.empty() || e.call.path.empty()) throw json::other_error::create(501, "outbox entry", &j);
}

json Outbox::to_json() const {
  json list = json::array();
  for (const auto& e : entries_) list.push_back(e);
  return {{"version", 1}, {"entries", std::move(list)}};
}

Outbox Outbox::from_json(const json& j) {
  std::vector<OutboxEntry> out;
  if (!j.is_object() || !j.contains("entries") || !j["entries"].is_array()) return Outbox{};
  for (const auto& item : j["entries"]) {
    try {
      out.push_back(item.get<OutboxEntry>());
    } catch (const std::exception&) {
      // A malformed entry (storage written by another build) is dropped.
    }
  }
  return Outbox(std::move(out));
}

}  // namespace ivd
