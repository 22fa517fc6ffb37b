// assignment/graph.hpp: CSR forward and backward star over a problem's links, and a reusable Dijkstra query.
#pragma once
#include "assignment/problem.hpp"

#include <span>
#include <vector>

namespace landbridge::assignment {

// Topology of a problem whose links are sorted by tail (the solver sorts them once), so the
// forward star of node v is the contiguous link range [first_out[v], first_out[v + 1]).
// The backward star lists link ids by head in in_link[first_in[v] .. first_in[v + 1]).
struct AssignmentGraph {
  std::uint32_t num_nodes = 0;
  std::vector<std::uint32_t> first_out;  // n + 1
  std::vector<std::uint32_t> first_in;   // n + 1
  std::vector<LinkId> in_link;           // m
  std::vector<NodeId> tail, head;        // m
  std::vector<std::uint8_t> through;     // n: 1 if paths may pass through the node

  // Requires problem.tail to be sorted ascending (asserted).
  explicit AssignmentGraph(const AssignmentProblem& problem);
  [[nodiscard]] std::uint32_t num_links() const { return static_cast<std::uint32_t>(tail.size()); }
};

inline constexpr double infinite_cost = std::numeric_limits<double>::infinity();

// One-to-all Dijkstra (4-ary heap with keys stored inline, decrease-key). Owns its per-node buffers; run() does not
// allocate. Nodes without through traffic are settled but never expanded (except the source).
class ShortestPathQuery {
 public:
  explicit ShortestPathQuery(const AssignmentGraph& graph);

  // Labels every node reachable from source by cost (link costs must be >= 0). With targets, stops
  // as soon as all of them are settled: their distances and tree paths are then final, other nodes'
  // labels may be missing or tentative.
  void run(NodeId source, std::span<const double> link_cost, std::span<const NodeId> targets = {});

  [[nodiscard]] double distance(NodeId v) const { return distance_[v]; }
  [[nodiscard]] LinkId predecessor(NodeId v) const { return pred_link_[v]; }  // invalid_id at source/unreached
  // Reached nodes in the order they were settled (source first).
  [[nodiscard]] std::span<const NodeId> settled() const { return settled_; }

 private:
  void heap_push_or_decrease(NodeId v, double key);
  NodeId heap_pop();

  const AssignmentGraph& graph_;
  std::vector<double> distance_;
  std::vector<LinkId> pred_link_;
  std::vector<NodeId> settled_;
  struct HeapEntry {
    double key;
    NodeId node;
  };
  std::vector<HeapEntry> heap_;
  std::vector<std::uint32_t> heap_pos_;  // invalid_id when not in heap
  std::vector<std::uint32_t> target_mark_;  // == run_stamp_ for targets not yet settled
  std::uint32_t run_stamp_ = 0;
};

}  // namespace landbridge::assignment
