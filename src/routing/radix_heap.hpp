// routing/radix_heap.hpp: a monotone priority queue for integer keys (radix heap).
// Ahuja, Mehlhorn, Orlin & Tarjan, "Faster algorithms for the shortest path problem", JACM 1990;
// this is the one-level variant with buckets by the highest bit in which a key differs from the
// last extracted minimum (as in Cherkassky, Goldberg & Radzik 1996). Keys pushed must be >= the last
// popped key, which Dijkstra guarantees for non-negative weights. Duplicates are allowed (lazy
// deletion: the caller skips stale entries).
//
// Entries are {key, value} pairs stored by value in per-bucket arrays that keep their memory across
// clear(), so a warmed-up heap does not allocate. With 32-bit keys and 32-bit values an entry is
// 8 bytes (DijkstraQuery uses that width whenever its distances fit, see dijkstra.cpp). A bit mask
// of the non-empty buckets finds the next bucket to split with one count-trailing-zeros.
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
  using key_type = Key;
  static constexpr int bucket_count = std::numeric_limits<Key>::digits + 1;

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }

  void push(Key key, Value value) {
    assert(key >= last_);
    const int b = bucket_of(key);
    buckets_[b].push_back(Entry{key, value});
    mark(b);
    ++size_;
  }

  // Removes and returns an entry with the smallest key.
  std::pair<Key, Value> pop() {
    assert(size_ > 0);
    if (buckets_[0].empty()) refill();
    --size_;
    const Entry top = buckets_[0].back();
    buckets_[0].pop_back();
    return {top.key, top.value};
  }

  // The value pop() returns next if that is known without reorganizing the heap (nullptr if not);
  // lets a caller prefetch what it will need for it.
  [[nodiscard]] const Value* peek_ready() const {
    return buckets_[0].empty() ? nullptr : &buckets_[0].back().value;
  }

  // Empties the heap and restarts the key sequence at zero; keeps the buckets' memory.
  void clear() {
    if (size_ != 0) {
      for (auto& bucket : buckets_) bucket.clear();
    }
    nonempty_ = 0;
    size_ = 0;
    last_ = 0;
  }

 private:
  struct Entry {
    Key key;
    Value value;
  };

  [[nodiscard]] int bucket_of(Key key) const { return static_cast<int>(std::bit_width(static_cast<Key>(key ^ last_))); }

  // Buckets 1..64 have mask bits 0..63 (bucket 0 is tested directly, it is where pop() looks).
  void mark(int bucket) {
    if (bucket > 0) nonempty_ |= std::uint64_t{1} << (bucket - 1);
  }

  // Moves the smallest non-empty bucket's entries down around its minimum; bucket 0 then holds
  // every entry whose key equals the new minimum.
  void refill() {
    assert(nonempty_ != 0);
    const int i = std::countr_zero(nonempty_) + 1;
    nonempty_ &= nonempty_ - 1;
    std::vector<Entry>& from = buckets_[i];
    Key smallest = std::numeric_limits<Key>::max();
    for (const Entry& entry : from) smallest = entry.key < smallest ? entry.key : smallest;
    last_ = smallest;
    // Every entry of bucket i shares the bits above i-1 with the new minimum, so each goes to a
    // bucket below i.
    for (const Entry& entry : from) {
      const int b = bucket_of(entry.key);
      buckets_[b].push_back(entry);
      mark(b);
    }
    from.clear();
  }

  std::array<std::vector<Entry>, bucket_count> buckets_{};
  std::uint64_t nonempty_ = 0;  // bit b-1 set if bucket b (b >= 1) may be non-empty
  std::size_t size_ = 0;
  Key last_ = 0;
};

}  // namespace landbridge::routing
