// server/answer_cache.hpp: answers kept by request, for a server whose data never changes while
// it runs (the same request always gives the same bytes), within a byte budget.
#pragma once
#include <array>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/messages.hpp"

namespace landbridge::server {

// Shards with a lock each. A shard that would outgrow its share of the budget is emptied first:
// crude, but bounded, O(1) and fine for a working set of repeated queries. Thread-safe.
class AnswerCache {
 public:
  explicit AnswerCache(std::size_t bytes);

  [[nodiscard]] std::optional<Response> find(const std::string& key) const;
  void add(const std::string& key, const Response& answer);

 private:
  static constexpr std::size_t shard_count = 16;
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Response> answers;
    std::size_t bytes = 0;
  };
  std::size_t shard_bytes_;
  std::array<Shard, shard_count> shards_;
};

}  // namespace landbridge::server
