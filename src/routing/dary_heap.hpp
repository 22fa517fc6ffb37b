// routing/dary_heap.hpp: an implicit 4-ary min-heap of {key, value} pairs with lazy deletion (the
// caller skips stale entries), the same interface as RadixHeap. On graphs of a few hundred nodes it
// pops about twice as fast as the radix heap, whose per-bucket arrays cost more than they save when
// a search holds a hundred entries (measured on the freight model's searches, docs/benchmarks.md).
// Williams 1964 (binary heaps); d-ary variant as in Johnson 1975.
#pragma once
#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace landbridge::routing {

template <typename Key, typename Value>
class DaryHeap {
 public:
  using key_type = Key;
  static constexpr std::size_t arity = 4;

  [[nodiscard]] bool empty() const { return entries_.empty(); }
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

  // Inlined into the search loop: a call per push and pop costs a tenth of a search this small.
  [[gnu::always_inline]] void push(Key key, Value value) {
    std::size_t i = entries_.size();
    entries_.push_back(Entry{key, value});
    while (i > 0) {
      const std::size_t parent = (i - 1) / arity;
      if (!(key < entries_[parent].key)) break;
      entries_[i] = entries_[parent];
      i = parent;
    }
    entries_[i] = Entry{key, value};
  }

  // Removes and returns an entry with the smallest key.
  [[gnu::always_inline]] std::pair<Key, Value> pop() {
    assert(!entries_.empty());
    const Entry top = entries_.front();
    const Entry last = entries_.back();
    entries_.pop_back();
    const std::size_t n = entries_.size();
    if (n > 0) {
      std::size_t i = 0;
      for (;;) {
        const std::size_t first = arity * i + 1;
        if (first >= n) break;
        const std::size_t end = first + arity < n ? first + arity : n;
        std::size_t smallest = first;
        for (std::size_t c = first + 1; c < end; ++c)
          if (entries_[c].key < entries_[smallest].key) smallest = c;
        if (!(entries_[smallest].key < last.key)) break;
        entries_[i] = entries_[smallest];
        i = smallest;
      }
      entries_[i] = last;
    }
    return {top.key, top.value};
  }

  // The value pop() returns next (nullptr when empty); for prefetching, like RadixHeap's.
  [[nodiscard]] const Value* peek_ready() const { return entries_.empty() ? nullptr : &entries_.front().value; }

  void clear() { entries_.clear(); }  // keeps the memory

 private:
  struct Entry {
    Key key;
    Value value;
  };
  std::vector<Entry> entries_;
};

}  // namespace landbridge::routing
