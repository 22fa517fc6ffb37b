#include "assignment/graph.hpp"

#include <algorithm>
#include <cassert>

namespace landbridge::assignment {

AssignmentGraph::AssignmentGraph(const AssignmentProblem& problem)
    : num_nodes(problem.num_nodes), tail(problem.tail), head(problem.head) {
  assert(std::is_sorted(tail.begin(), tail.end()));
  const std::uint32_t n = num_nodes, m = problem.num_links();
  first_out.assign(n + 1, 0);
  first_in.assign(n + 1, 0);
  for (LinkId a = 0; a < m; ++a) {
    ++first_out[tail[a] + 1];
    ++first_in[head[a] + 1];
  }
  for (NodeId v = 0; v < n; ++v) {
    first_out[v + 1] += first_out[v];
    first_in[v + 1] += first_in[v];
  }
  in_link.resize(m);
  std::vector<std::uint32_t> next(first_in.begin(), first_in.end() - 1);
  for (LinkId a = 0; a < m; ++a) in_link[next[head[a]]++] = a;
  through.resize(n);
  for (NodeId v = 0; v < n; ++v) through[v] = problem.allows_through(v) ? 1 : 0;
}

ShortestPathQuery::ShortestPathQuery(const AssignmentGraph& graph)
    : graph_(graph),
      distance_(graph.num_nodes, infinite_cost),
      pred_link_(graph.num_nodes, invalid_id),
      heap_pos_(graph.num_nodes, invalid_id),
      target_mark_(graph.num_nodes, 0) {
  settled_.reserve(graph.num_nodes);
  heap_.reserve(graph.num_nodes);
}

void ShortestPathQuery::heap_push_or_decrease(NodeId v, double key) {
  distance_[v] = key;
  std::uint32_t i = heap_pos_[v];
  if (i == invalid_id) {
    i = static_cast<std::uint32_t>(heap_.size());
    heap_.push_back({key, v});
  }
  while (i > 0) {
    const std::uint32_t parent = (i - 1) / 4;
    if (heap_[parent].key <= key) break;
    heap_[i] = heap_[parent];
    heap_pos_[heap_[i].node] = i;
    i = parent;
  }
  heap_[i] = {key, v};
  heap_pos_[v] = i;
}

NodeId ShortestPathQuery::heap_pop() {
  const NodeId top = heap_[0].node;
  heap_pos_[top] = invalid_id;
  const HeapEntry last = heap_.back();
  heap_.pop_back();
  const std::uint32_t size = static_cast<std::uint32_t>(heap_.size());
  if (size == 0) return top;
  std::uint32_t i = 0;
  for (;;) {
    const std::uint32_t first = 4 * i + 1;
    if (first >= size) break;
    std::uint32_t best = first;
    const std::uint32_t end = std::min(first + 4, size);
    for (std::uint32_t c = first + 1; c < end; ++c) {
      if (heap_[c].key < heap_[best].key) best = c;
    }
    if (heap_[best].key >= last.key) break;
    heap_[i] = heap_[best];
    heap_pos_[heap_[i].node] = i;
    i = best;
  }
  heap_[i] = last;
  heap_pos_[last.node] = i;
  return top;
}

void ShortestPathQuery::run(NodeId source, std::span<const double> link_cost, std::span<const NodeId> targets) {
  // Reset only what the previous run touched (settled nodes and those left in the heap).
  for (const NodeId v : settled_) {
    distance_[v] = infinite_cost;
    pred_link_[v] = invalid_id;
  }
  for (const HeapEntry& e : heap_) {
    distance_[e.node] = infinite_cost;
    pred_link_[e.node] = invalid_id;
    heap_pos_[e.node] = invalid_id;
  }
  settled_.clear();
  heap_.clear();
  std::size_t targets_left = 0;
  if (!targets.empty()) {
    if (++run_stamp_ == 0) {  // wrapped: clear the marks once every 2^32 runs
      std::fill(target_mark_.begin(), target_mark_.end(), 0);
      run_stamp_ = 1;
    }
    for (const NodeId t : targets) {
      if (target_mark_[t] != run_stamp_) {
        target_mark_[t] = run_stamp_;
        ++targets_left;
      }
    }
  }
  const auto& first_out = graph_.first_out;
  const auto& head = graph_.head;
  heap_push_or_decrease(source, 0.0);
  while (!heap_.empty()) {
    const NodeId v = heap_pop();
    settled_.push_back(v);
    if (targets_left > 0 && target_mark_[v] == run_stamp_) {
      target_mark_[v] = 0;
      if (--targets_left == 0) break;
    }
    if (v != source && !graph_.through[v]) continue;
    const double dv = distance_[v];
    for (LinkId a = first_out[v]; a < first_out[v + 1]; ++a) {
      const NodeId w = head[a];
      const double candidate = dv + link_cost[a];
      if (candidate < distance_[w]) {
        // With non-negative costs a settled node never improves, so only unsettled nodes get here.
        pred_link_[w] = a;
        heap_push_or_decrease(w, candidate);
      }
    }
  }
}

}  // namespace landbridge::assignment
