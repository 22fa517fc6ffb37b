#include "routing/dijkstra.hpp"

#include <algorithm>
#include <cassert>

namespace landbridge::routing {

DijkstraQuery::DijkstraQuery(const network::CsrGraph& graph)
    : graph_(graph),
      distance_(graph.node_count()),
      parent_(graph.node_count()),
      reached_round_(graph.node_count(), 0),
      target_round_(graph.node_count(), 0) {}

NodeId DijkstraQuery::run(std::span<const NodeId> sources, std::span<const Weight> weights,
                          std::span<const std::uint8_t> arc_blocked, std::span<const NodeId> targets) {
  assert(weights.size() == graph_.arc_count());
  if (++round_ == 0) {  // the round counter wrapped: forget every old mark
    std::fill(reached_round_.begin(), reached_round_.end(), 0);
    std::fill(target_round_.begin(), target_round_.end(), 0);
    round_ = 1;
  }
  heap_.clear();
  settled_count_ = 0;
  for (NodeId t : targets) target_round_[t] = round_;
  for (NodeId s : sources) {
    reached_round_[s] = round_;
    distance_[s] = 0;
    parent_[s] = invalid_id;
    heap_.push(0, s);
  }
  const bool stop_early = !targets.empty();
  const bool masked = !arc_blocked.empty();
  const ArcId* first_out = graph_.first_out.data();
  const NodeId* head = graph_.head.data();
  const Weight* weight = weights.data();
  while (!heap_.empty()) {
    const auto [d, v] = heap_.pop();
    if (d != distance_[v]) continue;  // stale entry: v was settled with a smaller distance
    ++settled_count_;
    if (stop_early && target_round_[v] == round_) return v;
    for (ArcId a = first_out[v], end = first_out[v + 1]; a < end; ++a) {
      if (masked && arc_blocked[a]) continue;
      const NodeId w = head[a];
      const Distance candidate = d + weight[a];
      if (reached_round_[w] != round_ || candidate < distance_[w]) {
        reached_round_[w] = round_;
        distance_[w] = candidate;
        parent_[w] = a;
        heap_.push(candidate, w);
      }
    }
  }
  return invalid_id;
}

std::vector<ArcId> DijkstraQuery::path_to(NodeId node) const {
  std::vector<ArcId> arcs;
  if (distance(node) == unreachable) return arcs;
  for (ArcId a = parent_arc(node); a != invalid_id; a = parent_arc(graph_.tail[a])) arcs.push_back(a);
  std::reverse(arcs.begin(), arcs.end());
  return arcs;
}

}  // namespace landbridge::routing
