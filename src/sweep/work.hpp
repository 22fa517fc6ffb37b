// sweep/work.hpp: items of work dealt out one at a time to every thread of every process, with no
// barrier: a thread takes the next item as soon as it finishes one, and a process asks the root for
// more while its threads still have some queued. Results reach the root's calling thread, which can
// store them while the others work. What an item gives must not depend on where or when it ran.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "sweep/parallel.hpp"

namespace landbridge::sweep {

struct WorkSettings {
  int threads = 1;                 // worker threads per process (the calling thread only coordinates)
  std::size_t deliver_every = 64;  // the root hands results on in groups of at least this many, and at the end
};

// Every process of `group` calls it with the same `order` (the items, in the order to deal them
// out). `evaluate(item)` runs on any thread of any process and returns the item's result as bytes;
// `deliver(results)` runs on the root's calling thread with some results, in no particular order
// (each the bytes of one item). After an error on any thread the first one is rethrown on that
// process; the caller decides what becomes of the others (ProcessGroup::abort).
void share_work(ProcessGroup& group, std::span<const std::uint64_t> order, const WorkSettings& settings,
                const std::function<std::string(std::uint64_t item)>& evaluate,
                const std::function<void(std::vector<std::string>& results)>& deliver);

}  // namespace landbridge::sweep
