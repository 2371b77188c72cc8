#pragma once
// What turns an export job into a file: one producer per kind (core/exports/export_kinds.hpp), kept in
// a registry the job runner looks the kind up in. A producer goes through the same core functions as
// the routes behind the screens, with the job owner as the actor, so the same scope checks apply; a
// refusal becomes the job's 失败 reason. A new kind plugs in with one registry.add line.
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/store/db.hpp"

namespace ivd {

// Given to a producer: where to report progress, and a file it may write a large result into directly
// (then it answers Document::written_to_temp). The runner renames that file into place only on success.
struct ExportProgress {
  std::filesystem::path temp_file;
  std::function<void(int percent)> report;
  void set(int percent) const {
    if (report) report(percent);
  }
};

struct Document {
  std::string file_name;     // the download's name (UTF-8)
  std::string content_type;
  std::string bytes;         // the content, unless written_to_temp
  bool written_to_temp = false;
};

using Producer = std::function<Result<Document>(Db&, Services&, const Actor&, const nlohmann::json& params,
                                                ExportProgress&)>;

class ProducerRegistry {
 public:
  void add(std::string kind, Producer p) { producers_[std::move(kind)] = std::move(p); }
  void remove(const std::string& kind) { producers_.erase(kind); }
  const Producer* find(const std::string& kind) const {
    auto it = producers_.find(kind);
    return it == producers_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, Producer> producers_;
};

// Every export kind of core/exports with its document producer (server/documents/producers.hpp).
void register_builtin_producers(ProducerRegistry& registry);

}  // namespace ivd
