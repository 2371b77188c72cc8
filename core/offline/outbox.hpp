#pragma once
// Changes made while the server cannot be reached (issue 12, SPEC §4): which writes the browser may
// keep and send later, and the queue (outbox) it keeps them in until the server accepted them.
//
// Decisions:
// * Queued offline: 暂存 of a sheet (POST /ivd/projects/{pid}/sheet/draft) and a supply-feedback draft
//   (保存: POST /supply/feedback and PUT /supply/feedback/{id} without submit). Everything else (提交,
//   review actions, uploads, user management, exports) needs the server and is refused offline with
//   offline.needs_server; nothing half-done is kept.
// * Every queued change is sent as it was made, in order, with its base revision and a change id; the
//   server answers a change id it already applied with the answer it gave then (nothing applied twice).
// * Queued bodies are whole states (a sheet's patch holds every cell edited since its base; a feedback
//   input is whole), so when the server accepts a change at a new revision, the later changes of the
//   same target that started from the same base revision are sent at the new one (chain_revision).
//   A draft created offline gets the server's id on sync; later changes of it are sent to that id.
// * A change the server refuses stays in the queue with the refusal (code and message) until the user
//   acts on it: later changes of the same target wait behind it ("blocked"), other targets go on.
//   Opening the sheet shows the differing cells (the working copy holds the edits); a successful save
//   of the target (online) supersedes its refused and waiting changes.
// * A change not yet sent is replaced by a newer one of the same target (coalesced): only the last
//   state goes up.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/api/api_call.hpp"
#include "core/base/i18n.hpp"

namespace ivd {

enum class OfflineWrite { read, queued, needs_server };

// What happens to a request while offline (the decisions above); GET is a read, answered by the copy.
OfflineWrite offline_write_kind(const ApiCall& call);
// The refusal of a write that needs the server, for the local transport to answer (503 with it).
inline constexpr const char* kNeedsServerCode = "offline.needs_server";
// What the browser keeps is bounded: at most this many changes wait (each target's unsent changes are
// coalesced, so a clerk reaches it only with that many drafts); beyond, offline.outbox_full.
inline constexpr size_t kMaxOutboxEntries = 200;
inline constexpr const char* kOutboxFullCode = "offline.outbox_full";

struct OutboxEntry {
  std::string change_id;     // random, unique per entry: sent as X-Change-Id
  ApiCall call;              // as the screen made it (path rewritten to the server's id once known)
  int64_t created_at = 0;    // unix seconds
  bool attempted = false;    // sent at least once (the answer may have been lost): never coalesced
  int64_t local_id = 0;      // a draft created offline: the id the local copy gave it (0 = none)
  int64_t local_revision = 0;  // the revision the local copy answered (later changes may start from it)
  // Set when the server refused it: the refusal's code and words (error_to_json's fields).
  std::string refused_code, refused_zh, refused_en;
  bool refused() const { return !refused_code.empty(); }
  bool operator==(const OutboxEntry&) const = default;
};

void to_json(nlohmann::json& j, const OutboxEntry& e);
void from_json(const nlohmann::json& j, OutboxEntry& e);  // throws on a malformed entry

class Outbox {
 public:
  Outbox() = default;
  explicit Outbox(std::vector<OutboxEntry> entries) : entries_(std::move(entries)) {}
  const std::vector<OutboxEntry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }

  // Adds a change the local copy accepted; replaces the last not-yet-sent change of the same target.
  // false (nothing added) when it would be a new entry beyond kMaxOutboxEntries.
  bool add(OutboxEntry e);
  // The next change to send: the first one neither refused nor waiting behind a refused change of its
  // target. nullopt = nothing can go up now.
  std::optional<size_t> next() const;
  // The server accepted entry i with reply (its answer body): removed, and later changes of its target
  // follow it (new revision, server id).
  void accepted(size_t i, const nlohmann::json& reply);
  // The same for replaying the queue over the local copy: later changes follow entry i's answer, and
  // entry i stays (it is not on the server yet).
  void follow(size_t i, const nlohmann::json& reply);
  // The server refused entry i (a 4xx): kept with the refusal.
  void refused(size_t i, const nlohmann::json& error_body);
  // A save of call's target succeeded online: its refused and waiting changes are superseded.
  void superseded_by(const ApiCall& call);
  // Drops entry i (the user chose to give the change up).
  void discard(size_t i);
  // The user asks to send a refused entry again (after fixing what the refusal named elsewhere).
  void retry(size_t i);
  // Entry i goes onto the wire: from now on its answer may be lost, so it is never replaced.
  void mark_attempted(size_t i);
  // The local copy accepted entry i with reply: the id it gave a new draft and the revision it answered.
  void note_local_answer(size_t i, const nlohmann::json& reply);
  std::optional<size_t> find(const std::string& change_id) const;
  // Whether entry i waits behind a refused change of its target.
  bool blocked(size_t i) const;
  size_t refused_count() const;

  nlohmann::json to_json() const;
  static Outbox from_json(const nlohmann::json& j);  // malformed entries are dropped, never throws

 private:
  std::vector<OutboxEntry> entries_;
};

// The target a write changes: the sheet of a project, or one feedback ("/supply/feedback" for a new one).
std::string outbox_target(const ApiCall& call);
// What the outbox list shows for an entry: "报量表暂存（项目 3）", "新增供应问题反馈（草稿）", ...
std::string outbox_entry_label(Lang lang, const OutboxEntry& e);
// Its state: 待上传, 等待前一项处理, or 服务器未接受：<reason>.
std::string outbox_entry_state(Lang lang, const Outbox& box, size_t i);

// What this browser keeps, in bytes (the copy, the outbox; the browser's own estimate of all it stores
// for the site and the quota it grants), and its line in the outbox list.
struct StorageUse {
  int64_t copy = 0, outbox = 0, used = 0, quota = 0;
};
std::string storage_text(Lang lang, const StorageUse& use);
// "512 B", "764 KB", "1.2 MB", "3.4 GB" (1 KB = 1024 B).
std::string byte_size_text(int64_t bytes);

}  // namespace ivd
