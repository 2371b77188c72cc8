#include "core/api/response_cache.hpp"

namespace ivd {

std::string dump_json(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ResponseCache::Bytes ResponseCache::find(const std::string& key, const std::string& version) {
  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end() || it->second->version != version) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);  // now the most recently used
  return it->second->bytes;
}

void ResponseCache::erase(std::list<Entry>::iterator it) {
  bytes_ -= it->bytes->size() + it->key.size() + it->version.size();
  index_.erase(it->key);
  lru_.erase(it);
}

void ResponseCache::put(const std::string& key, const std::string& version, Bytes bytes) {
  if (!bytes || limits_.max_entries == 0) return;
  const size_t size = bytes->size() + key.size() + version.size();
  std::lock_guard lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) erase(it->second);  // an older version goes
  if (size > limits_.max_bytes / 4) return;
  lru_.push_front({key, version, std::move(bytes)});
  index_.emplace(key, lru_.begin());
  bytes_ += size;
  while (lru_.size() > limits_.max_entries || bytes_ > limits_.max_bytes) erase(std::prev(lru_.end()));
}

void ResponseCache::clear() {
  std::lock_guard lock(mu_);
  lru_.clear();
  index_.clear();
  bytes_ = 0;
}

size_t ResponseCache::entries() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}

size_t ResponseCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace ivd
