// routing/radix_heap.hpp: a monotone priority queue for integer keys (radix heap).
// Ahuja, Mehlhorn, Orlin & Tarjan, "Faster algorithms for the shortest path problem", JACM 1990;
// this is the one-level variant with buckets by the highest bit in which a key differs from the
// last extracted minimum (as in Cherkassky, Goldberg & Radzik 1996). Keys pushed must be >= the last
// popped key, which Dijkstra guarantees for non-negative weights. Duplicates are allowed (lazy
// deletion: the caller skips stale entries).
#pragma once
#include <array>
#include <bit>
#include <cassert>
#include <concepts>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace landbridge::routing {

template <std::unsigned_integral Key, typename Value>
class RadixHeap {
 public:
  static constexpr int bucket_count = std::numeric_limits<Key>::digits + 1;

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }

  void push(Key key, Value value) {
    assert(key >= last_);
    buckets_[bucket_of(key)].emplace_back(key, value);
    ++size_;
  }

  // Removes and returns an entry with the smallest key.
  std::pair<Key, Value> pop() {
    assert(size_ > 0);
    if (buckets_[0].empty()) refill();
    --size_;
    auto top = buckets_[0].back();
    buckets_[0].pop_back();
    return top;
  }

  // Empties the heap and restarts the key sequence at zero; keeps the buckets' memory.
  void clear() {
    for (auto& bucket : buckets_) bucket.clear();
    size_ = 0;
    last_ = 0;
  }

 private:
  [[nodiscard]] int bucket_of(Key key) const { return static_cast<int>(std::bit_width(static_cast<Key>(key ^ last_))); }

  // Moves the smallest non-empty bucket's entries down around its minimum; bucket 0 then holds
  // every entry whose key equals the new minimum.
  void refill() {
    int i = 1;
    while (buckets_[i].empty()) ++i;
    Key smallest = std::numeric_limits<Key>::max();
    for (const auto& entry : buckets_[i]) smallest = entry.first < smallest ? entry.first : smallest;
    last_ = smallest;
    for (const auto& entry : buckets_[i]) buckets_[bucket_of(entry.first)].push_back(entry);
    buckets_[i].clear();
  }

  std::array<std::vector<std::pair<Key, Value>>, bucket_count> buckets_{};
  std::size_t size_ = 0;
  Key last_ = 0;
};

}  // namespace landbridge::routing
