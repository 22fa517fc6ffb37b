#include "routing/dijkstra.hpp"

#include <gtest/gtest.h>

#include <queue>
#include <random>

namespace landbridge::routing {
namespace {

using network::CsrGraph;

CsrGraph make_graph(NodeId n, const std::vector<std::pair<NodeId, NodeId>>& arcs, std::vector<ArcId>* order = nullptr) {
  std::vector<NodeId> tails, heads;
  for (const auto& [t, h] : arcs) tails.push_back(t), heads.push_back(h);
  return CsrGraph::from_arcs(n, tails, heads, order);
}

// Weights given in input-arc order, permuted into CSR order.
std::vector<Weight> in_csr_order(const std::vector<Weight>& weights, const std::vector<ArcId>& order) {
  std::vector<Weight> w(weights.size());
  for (std::size_t a = 0; a < order.size(); ++a) w[a] = weights[order[a]];
  return w;
}

//  0 --2--> 1 --2--> 3
//   \--5--> 2 --1--/      best 0->3 costs 4, via node 1
TEST(Dijkstra, PicksCheaperOfTwoRoutes) {
  std::vector<ArcId> order;
  const CsrGraph g = make_graph(4, {{0, 1}, {1, 3}, {0, 2}, {2, 3}}, &order);
  const auto w = in_csr_order({2, 2, 5, 1}, order);
  DijkstraQuery q(g);
  const NodeId target = 3;
  EXPECT_EQ(q.run(std::vector<NodeId>{0}, w, {}, std::span<const NodeId>(&target, 1)), 3u);
  EXPECT_EQ(q.distance(3), 4u);
  const auto path = q.path_to(3);
  ASSERT_EQ(path.size(), 2u);
  EXPECT_EQ(g.head[path[0]], 1u);
}

TEST(Dijkstra, EdgeCases) {
  // Empty graph of one node; source == target; unreachable node; self loop; parallel arcs; zero weights.
  std::vector<ArcId> order;
  const CsrGraph g = make_graph(4, {{0, 0}, {0, 1}, {0, 1}, {1, 2}}, &order);
  const auto w = in_csr_order({7, 9, 3, 0}, order);
  DijkstraQuery q(g);
  q.run(std::vector<NodeId>{0}, w);
  EXPECT_EQ(q.distance(0), 0u);
  EXPECT_TRUE(q.path_to(0).empty());
  EXPECT_EQ(q.distance(1), 3u);  // the cheaper parallel arc
  EXPECT_EQ(q.distance(2), 3u);  // zero-weight arc
  EXPECT_EQ(q.distance(3), unreachable);
  EXPECT_EQ(q.parent_arc(3), invalid_id);
  EXPECT_TRUE(q.path_to(3).empty());
  // A second run on the same query object forgets the first.
  q.run(std::vector<NodeId>{2}, w);
  EXPECT_EQ(q.distance(1), unreachable);
  EXPECT_EQ(q.distance(2), 0u);
}

TEST(Dijkstra, NearMaximumWeightsDoNotOverflow) {
  const CsrGraph g = make_graph(3, {{0, 1}, {1, 2}});
  const std::vector<Weight> w = {std::numeric_limits<Weight>::max() - 1, std::numeric_limits<Weight>::max() - 1};
  DijkstraQuery q(g);
  q.run(std::vector<NodeId>{0}, w);
  EXPECT_EQ(q.distance(2), 2 * static_cast<Distance>(std::numeric_limits<Weight>::max() - 1));
}

// Bellman-Ford as the independent reference (CLRS 24.1).
std::vector<Distance> bellman_ford(NodeId n, const std::vector<std::pair<NodeId, NodeId>>& arcs, const std::vector<Weight>& w,
                                   const std::vector<NodeId>& sources, const std::vector<std::uint8_t>& blocked) {
  std::vector<Distance> d(n, unreachable);
  for (NodeId s : sources) d[s] = 0;
  for (NodeId round = 0; round < n; ++round) {
    bool changed = false;
    for (std::size_t a = 0; a < arcs.size(); ++a) {
      if (blocked[a]) continue;
      const auto [t, h] = arcs[a];
      if (d[t] != unreachable && d[t] + w[a] < d[h]) d[h] = d[t] + w[a], changed = true;
    }
    if (!changed) break;
  }
  return d;
}

TEST(Dijkstra, AgreesWithBellmanFordOnRandomGraphs) {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    std::mt19937 rng(seed);
    const NodeId n = static_cast<NodeId>(1 + rng() % 40);
    const std::size_t m = rng() % (4 * n + 1);
    const Weight max_weight = seed % 3 == 0 ? 3 : seed % 3 == 1 ? 1000 : 4'000'000'000u;
    std::vector<std::pair<NodeId, NodeId>> arcs;
    std::vector<Weight> w;
    std::vector<std::uint8_t> blocked;
    for (std::size_t i = 0; i < m; ++i) {
      arcs.emplace_back(rng() % n, rng() % n);
      w.push_back(static_cast<Weight>(rng() % (static_cast<std::uint64_t>(max_weight) + 1)));
      blocked.push_back(rng() % 5 == 0 ? 1 : 0);
    }
    std::vector<NodeId> sources = {static_cast<NodeId>(rng() % n)};
    if (seed % 4 == 0) sources.push_back(static_cast<NodeId>(rng() % n));
    std::vector<ArcId> order;
    const CsrGraph g = make_graph(n, arcs, &order);
    const auto csr_w = in_csr_order(w, order);
    std::vector<std::uint8_t> csr_blocked(m);
    for (std::size_t a = 0; a < m; ++a) csr_blocked[a] = blocked[order[a]];
    const auto expected = bellman_ford(n, arcs, w, sources, blocked);
    // Both heaps (the radix heap is the default on large graphs only).
    for (const auto heap : {DijkstraQuery::HeapKind::radix, DijkstraQuery::HeapKind::four_ary}) {
      DijkstraQuery q(g, heap);
      q.run(sources, csr_w, csr_blocked);
      for (NodeId v = 0; v < n; ++v) {
        ASSERT_EQ(q.distance(v), expected[v]) << "seed " << seed << " node " << v;
        // Certificate: the tree arc into v is tight and not blocked.
        if (q.distance(v) != unreachable && q.distance(v) != 0) {
          const ArcId a = q.parent_arc(v);
          ASSERT_NE(a, invalid_id) << "seed " << seed;
          ASSERT_FALSE(csr_blocked[a]);
          ASSERT_EQ(q.distance(g.tail[a]) + csr_w[a], q.distance(v)) << "seed " << seed;
        }
      }
    }
    // Early stop at a target gives the same distance for that target.
    const NodeId target = static_cast<NodeId>(rng() % n);
    DijkstraQuery early(g, seed % 2 == 0 ? DijkstraQuery::HeapKind::radix : DijkstraQuery::HeapKind::four_ary);
    const NodeId reached = early.run(sources, csr_w, csr_blocked, std::span<const NodeId>(&target, 1));
    if (expected[target] == unreachable) {
      EXPECT_EQ(reached, invalid_id) << "seed " << seed;
    } else {
      EXPECT_EQ(reached, target) << "seed " << seed;
      EXPECT_EQ(early.distance(target), expected[target]) << "seed " << seed;
    }
  }
}

template <typename Heap>
void expect_priority_queue_order() {
  std::mt19937_64 rng(42);
  Heap heap;
  std::priority_queue<std::uint64_t, std::vector<std::uint64_t>, std::greater<>> reference;
  std::uint64_t last = 0;
  for (int step = 0; step < 20000; ++step) {
    if (reference.empty() || rng() % 3 != 0) {
      const std::uint64_t key = last + rng() % (step % 2 ? 10 : 1'000'000'000'000ull);
      heap.push(key, step);
      reference.push(key);
    } else {
      const auto [key, value] = heap.pop();
      ASSERT_EQ(key, reference.top());
      reference.pop();
      last = key;
    }
  }
  EXPECT_EQ(heap.size(), reference.size());
}

TEST(RadixHeap, PopsInTheOrderOfAPriorityQueue) { expect_priority_queue_order<RadixHeap<std::uint64_t, int>>(); }
TEST(DaryHeap, PopsInTheOrderOfAPriorityQueue) { expect_priority_queue_order<DaryHeap<std::uint64_t, int>>(); }

}  // namespace
}  // namespace landbridge::routing
