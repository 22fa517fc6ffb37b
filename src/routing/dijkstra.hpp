// routing/dijkstra.hpp: shortest-path trees on a CsrGraph with integer arc weights.
// Dijkstra (1959) with a radix heap, or a 4-ary heap on small graphs (below small_graph_nodes);
// multi-source, optional arc mask, optional early stop.
// Speed (docs/benchmarks.md): per-node state in one record, the loop instantiated per option (no
// per-arc test of unused options), and 32-bit heap keys while distances stay below 2^32.
#pragma once
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "network/graph.hpp"
#include "routing/dary_heap.hpp"
#include "routing/radix_heap.hpp"

namespace landbridge::routing {

using Weight = std::uint32_t;    // arc weight in fixed-point units of the criterion (s, cents, g)
using Distance = std::uint64_t;  // path sums; cannot overflow for < 2^32 arcs on a path
inline constexpr Distance unreachable = std::numeric_limits<Distance>::max();

// Holds per-node scratch space for one graph; build one per thread and reuse it. run() does not
// allocate once the heap's buckets have grown to their working size. Not thread-safe.
class DijkstraQuery {
 public:
  // Graphs with fewer nodes use the 4-ary heap: a search there holds a few hundred entries at most,
  // too few for the radix heap's buckets to pay (the freight model's searches on the 178-node
  // Eurasia network run in about half the time). Both heaps give the same distances.
  static constexpr NodeId small_graph_nodes = 4096;
  enum class HeapKind : std::uint8_t { by_graph_size, radix, four_ary };

  explicit DijkstraQuery(const network::CsrGraph& graph, HeapKind heap = HeapKind::by_graph_size);

  // Grows a shortest-path tree from all `sources` (distance 0). Arcs with arc_blocked[a] != 0 are
  // skipped (pass an empty span for none). If `targets` is not empty the search stops as soon as one
  // of them is settled, and returns it; otherwise it settles everything reachable and returns
  // invalid_id. weights.size() must equal the graph's arc count.
  NodeId run(std::span<const NodeId> sources, std::span<const Weight> weights,
             std::span<const std::uint8_t> arc_blocked = {}, std::span<const NodeId> targets = {});

  // Results of the last run; distance() is `unreachable` for nodes not reached.
  [[nodiscard]] Distance distance(NodeId node) const {
    return state_[node].round == round_ ? state_[node].distance : unreachable;
  }
  // The tree arc into `node`, or invalid_id for sources and unreached nodes.
  [[nodiscard]] ArcId parent_arc(NodeId node) const {
    return state_[node].round == round_ ? state_[node].parent : invalid_id;
  }
  // Arcs from a source to `node` in order; empty if node is a source or unreached.
  [[nodiscard]] std::vector<ArcId> path_to(NodeId node) const;
  [[nodiscard]] std::size_t settled_count() const { return settled_count_; }

 private:
  // Everything a relaxation touches about a node, in one 16-byte record (one cache line access).
  struct NodeState {
    Distance distance;
    ArcId parent;
    std::uint32_t round;  // distance and parent are valid only where round == round_
  };
  static_assert(sizeof(NodeState) == 16);

  void next_round();
  // The search loop, one instantiation per key width and option; returns false if a distance did
  // not fit in Key (the caller then runs again with 64-bit keys).
  template <typename Heap, bool stop_early, bool masked>
  bool grow(Heap& heap, std::span<const NodeId> sources, std::span<const Weight> weights,
            std::span<const std::uint8_t> arc_blocked, NodeId& reached_target);
  template <typename Heap>
  bool grow_with(Heap& heap, std::span<const NodeId> sources, std::span<const Weight> weights,
                 std::span<const std::uint8_t> arc_blocked, std::span<const NodeId> targets, NodeId& reached_target);

  const network::CsrGraph& graph_;
  std::vector<NodeState> state_;
  std::vector<std::uint32_t> target_round_;
  std::uint32_t round_ = 0;
  std::size_t settled_count_ = 0;
  bool small_heap_ = false;  // the 4-ary heaps, not the radix heaps
  RadixHeap<std::uint32_t, NodeId> narrow_heap_;  // 8-byte entries, used while distances fit in 32 bits
  RadixHeap<Distance, NodeId> wide_heap_;
  DaryHeap<std::uint32_t, NodeId> narrow_small_heap_;  // the same pair for small graphs
  DaryHeap<Distance, NodeId> wide_small_heap_;
};

}  // namespace landbridge::routing
