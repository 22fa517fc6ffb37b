// routing/dijkstra.hpp: shortest-path trees on a CsrGraph with integer arc weights.
// Dijkstra (1959) with a radix heap; multi-source, optional arc mask, optional early stop.
#pragma once
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "network/graph.hpp"
#include "routing/radix_heap.hpp"

namespace landbridge::routing {

using Weight = std::uint32_t;    // arc weight in fixed-point units of the criterion (s, cents, g)
using Distance = std::uint64_t;  // path sums; cannot overflow for < 2^32 arcs on a path
inline constexpr Distance unreachable = std::numeric_limits<Distance>::max();

// Holds per-node scratch space for one graph; build one per thread and reuse it. run() does not
// allocate once the heap's buckets have grown to their working size. Not thread-safe.
class DijkstraQuery {
 public:
  explicit DijkstraQuery(const network::CsrGraph& graph);

  // Grows a shortest-path tree from all `sources` (distance 0). Arcs with arc_blocked[a] != 0 are
  // skipped (pass an empty span for none). If `targets` is not empty the search stops as soon as one
  // of them is settled, and returns it; otherwise it settles everything reachable and returns
  // invalid_id. weights.size() must equal the graph's arc count.
  NodeId run(std::span<const NodeId> sources, std::span<const Weight> weights,
             std::span<const std::uint8_t> arc_blocked = {}, std::span<const NodeId> targets = {});

  // Results of the last run; distance() is `unreachable` for nodes not reached.
  [[nodiscard]] Distance distance(NodeId node) const {
    return reached_round_[node] == round_ ? distance_[node] : unreachable;
  }
  // The tree arc into `node`, or invalid_id for sources and unreached nodes.
  [[nodiscard]] ArcId parent_arc(NodeId node) const {
    return reached_round_[node] == round_ ? parent_[node] : invalid_id;
  }
  // Arcs from a source to `node` in order; empty if node is a source or unreached.
  [[nodiscard]] std::vector<ArcId> path_to(NodeId node) const;
  [[nodiscard]] std::size_t settled_count() const { return settled_count_; }

 private:
  const network::CsrGraph& graph_;
  std::vector<Distance> distance_;
  std::vector<ArcId> parent_;
  std::vector<std::uint32_t> reached_round_;  // distance_/parent_ are valid only where == round_
  std::vector<std::uint32_t> target_round_;
  std::uint32_t round_ = 0;
  std::size_t settled_count_ = 0;
  RadixHeap<Distance, NodeId> heap_;
};

}  // namespace landbridge::routing
