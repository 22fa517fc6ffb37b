#include "server/answer_cache.hpp"

#include <functional>

namespace landbridge::server {

AnswerCache::AnswerCache(std::size_t bytes) : shard_bytes_(bytes / shard_count) {}

std::optional<Response> AnswerCache::find(const std::string& key) const {
  const Shard& shard = shards_[std::hash<std::string>{}(key) % shard_count];
  const std::lock_guard lock(shard.mutex);
  const auto it = shard.answers.find(key);
  if (it == shard.answers.end()) return std::nullopt;
  return it->second;
}

void AnswerCache::add(const std::string& key, const Response& answer) {
  const std::size_t size = key.size() + answer.body.size() + answer.content_type.size() + 64;
  if (size > shard_bytes_) return;
  Shard& shard = shards_[std::hash<std::string>{}(key) % shard_count];
  const std::lock_guard lock(shard.mutex);
  if (shard.bytes + size > shard_bytes_) {
    shard.answers.clear();
    shard.bytes = 0;
  }
  if (shard.answers.emplace(key, answer).second) shard.bytes += size;
}

}  // namespace landbridge::server
