#include "routing/dijkstra.hpp"

#include <algorithm>
#include <cassert>

namespace landbridge::routing {

DijkstraQuery::DijkstraQuery(const network::CsrGraph& graph, HeapKind heap)
    : graph_(graph),
      state_(graph.node_count(), NodeState{0, invalid_id, 0}),
      target_round_(graph.node_count(), 0),
      small_heap_(heap == HeapKind::four_ary || (heap == HeapKind::by_graph_size && graph.node_count() < small_graph_nodes)) {}

void DijkstraQuery::next_round() {
  if (++round_ == 0) {  // the round counter wrapped: forget every old mark
    for (NodeState& s : state_) s.round = 0;
    std::fill(target_round_.begin(), target_round_.end(), 0);
    round_ = 1;
  }
}

template <typename Heap, bool stop_early, bool masked>
bool DijkstraQuery::grow(Heap& heap, std::span<const NodeId> sources, std::span<const Weight> weights,
                         std::span<const std::uint8_t> arc_blocked, NodeId& reached_target) {
  using Key = typename Heap::key_type;
  constexpr Distance key_limit = std::numeric_limits<Key>::max();
  heap.clear();
  std::size_t settled = 0;
  reached_target = invalid_id;
  const std::uint32_t round = round_;
  NodeState* const state = state_.data();
  for (NodeId s : sources) {
    if (state[s].round == round) continue;  // listed twice
    state[s] = NodeState{0, invalid_id, round};
    heap.push(0, s);
  }
  const ArcId* const first_out = graph_.first_out.data();
  const NodeId* const head = graph_.head.data();
  const Weight* const weight = weights.data();
  const std::uint8_t* const blocked = arc_blocked.data();
  const std::uint32_t* const target_round = target_round_.data();
  while (!heap.empty()) {
    const auto [key, v] = heap.pop();
    const Distance d = key;
    if (d != state[v].distance) continue;  // stale entry: v was settled with a smaller distance
    ++settled;
    // The next node to settle is often known already (an equal key): start loading its record and
    // arc range while this node's arcs are relaxed. Large graphs are bound by these cache misses.
    if (const NodeId* next = heap.peek_ready()) {
      __builtin_prefetch(&state[*next]);
      __builtin_prefetch(&first_out[*next]);
    }
    if constexpr (stop_early) {
      if (target_round[v] == round) {
        reached_target = v;
        settled_count_ = settled;
        return true;
      }
    }
    for (ArcId a = first_out[v], end = first_out[v + 1]; a < end; ++a) {
      if constexpr (masked) {
        if (blocked[a]) continue;
      }
      const NodeId w = head[a];
      const Distance candidate = d + weight[a];
      NodeState& s = state[w];
      if (s.round != round || candidate < s.distance) {
        if constexpr (key_limit < std::numeric_limits<Distance>::max()) {
          if (candidate > key_limit) [[unlikely]] {
            settled_count_ = settled;
            return false;
          }
        }
        s = NodeState{candidate, a, round};
        heap.push(static_cast<Key>(candidate), w);
      }
    }
  }
  settled_count_ = settled;
  return true;
}

template <typename Heap>
bool DijkstraQuery::grow_with(Heap& heap, std::span<const NodeId> sources,
                              std::span<const Weight> weights, std::span<const std::uint8_t> arc_blocked,
                              std::span<const NodeId> targets, NodeId& reached_target) {
  // Choose the loop once, outside it (STYLE.md section 6).
  const bool stop_early = !targets.empty();
  const bool masked = !arc_blocked.empty();
  if (stop_early) {
    return masked ? grow<Heap, true, true>(heap, sources, weights, arc_blocked, reached_target)
                  : grow<Heap, true, false>(heap, sources, weights, arc_blocked, reached_target);
  }
  return masked ? grow<Heap, false, true>(heap, sources, weights, arc_blocked, reached_target)
                : grow<Heap, false, false>(heap, sources, weights, arc_blocked, reached_target);
}

NodeId DijkstraQuery::run(std::span<const NodeId> sources, std::span<const Weight> weights,
                          std::span<const std::uint8_t> arc_blocked, std::span<const NodeId> targets) {
  assert(weights.size() == graph_.arc_count());
  assert(arc_blocked.empty() || arc_blocked.size() == graph_.arc_count());
  NodeId reached = invalid_id;
  next_round();
  for (NodeId t : targets) target_round_[t] = round_;
  const bool small = small_heap_;
  if (small ? grow_with(narrow_small_heap_, sources, weights, arc_blocked, targets, reached)
            : grow_with(narrow_heap_, sources, weights, arc_blocked, targets, reached))
    return reached;
  // Some distance reached 2^32: start again with 64-bit keys (rare: needs very long paths or huge
  // weights). A fresh round discards the partial tree.
  next_round();
  for (NodeId t : targets) target_round_[t] = round_;
  if (small) grow_with(wide_small_heap_, sources, weights, arc_blocked, targets, reached);
  else grow_with(wide_heap_, sources, weights, arc_blocked, targets, reached);
  return reached;
}

std::vector<ArcId> DijkstraQuery::path_to(NodeId node) const {
  std::vector<ArcId> arcs;
  if (distance(node) == unreachable) return arcs;
  for (ArcId a = parent_arc(node); a != invalid_id; a = parent_arc(graph_.tail[a])) arcs.push_back(a);
  std::reverse(arcs.begin(), arcs.end());
  return arcs;
}

}  // namespace landbridge::routing
