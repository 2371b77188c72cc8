#pragma once
// A small, bounded cache of serialised answers (issue 8: a 300-line sheet read must cost about what
// serving the same bytes as a static file costs). Only the data part of an answer is cached: the route
// still checks the session, the menus and the scope on every request, then asks the cache with a key
// (what was asked: route, record, query) and a version (what the answer was built from: the revisions
// read in the same snapshot). An entry answers only a lookup with the same key AND the same version,
// so a save, a status change or a catalog import that moves a revision makes the next read rebuild.
// The versions are read from the database on each request, so writes by any connection or process
// count; nothing has to remember to clear the cache.
//
// Bounded in entries and in bytes (least recently used goes first); an answer larger than a quarter of
// the byte budget is not kept, so one huge answer cannot flush everything else. Thread-safe.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

namespace ivd {

// The one serialisation of an API answer (compact; an invalid UTF-8 byte echoed from input becomes
// U+FFFD instead of an exception).
std::string dump_json(const nlohmann::json& j);

struct ResponseCacheLimits {
  size_t max_entries = 256;  // a 300-line sheet answers about 100 KB
  size_t max_bytes = 32u * 1024u * 1024u;
};

class ResponseCache {
 public:
  using Limits = ResponseCacheLimits;
  ResponseCache() = default;
  explicit ResponseCache(Limits limits) : limits_(limits) {}

  using Bytes = std::shared_ptr<const std::string>;
  // The bytes stored under key when they were built from `version`; null otherwise.
  Bytes find(const std::string& key, const std::string& version);
  // Stores (replaces) the answer for key, then evicts down to the limits.
  void put(const std::string& key, const std::string& version, Bytes bytes);
  void clear();

  size_t entries() const;
  size_t bytes() const;
  const Limits& limits() const { return limits_; }

 private:
  struct Entry {
    std::string key;
    std::string version;
    Bytes bytes;
  };
  void erase(std::list<Entry>::iterator it);

  Limits limits_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace ivd
