// bench/routing/routing_bench.cpp: issue 2's routing benchmarks.
//  - RouteQuery/<case>: RouterQuery::route (+ summarize) on the embedded default network, loaded once.
//  - OneToAll/<graph>/<impl>: a full shortest-path tree from one source, ours (routing::DijkstraQuery)
//    next to Boost Graph Library's dijkstra_shortest_paths on the same graph, weights and sources.
// Graphs (all arcs have integer weights; see docs/benchmarks.md):
//  - grid1000: 1000 x 1000 lattice, 4 neighbours, both directions, each arc weight uniform in 1..1000.
//  - road1M: a road-like 1000 x 1000 lattice (see make_road_like below).
//  - chicago: TNTP ChicagoRegional (the largest network in ../shared/data/tntp/), free-flow time in
//    thousandths of a minute.
//  - eurasia: the embedded network (178 nodes), generalized cost in cents; `ours` uses the 4-ary heap
//    there (small graph), `ours_radix` the radix heap.
// Every iteration runs one source of a fixed list of 20 random sources, in turn; each repetition
// covers the list a whole number of times. Before timing, the three implementations' distance
// arrays are compared on a few sources and the benchmark fails on any difference.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// GCC 12 at -O2 reports a false -Wmaybe-uninitialized inside BGL's adjacency_list edge iterator
// (boost::optional in adj_list_edge_iterator.hpp); it is third-party code, so silence it there only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#pragma GCC diagnostic pop

#include "io/network_geojson.hpp"
#include "network/graph.hpp"
#include "network/model.hpp"
#include "routing/dijkstra.hpp"
#include "routing/node_search.hpp"
#include "routing/route_summary.hpp"
#include "routing/router.hpp"

namespace {

using landbridge::ArcId;
using landbridge::NodeId;
using landbridge::network::CsrGraph;
using landbridge::routing::Distance;
using landbridge::routing::Weight;

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers (splitmix64), the same on every platform and standard library.
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t bound) { return static_cast<std::uint32_t>(next() % bound); }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

// An arc list in input order.
struct ArcList {
  std::string name;
  NodeId node_count = 0;
  std::vector<NodeId> tails, heads;
  std::vector<Weight> weights;
  void add(NodeId t, NodeId h, Weight w) {
    tails.push_back(t);
    heads.push_back(h);
    weights.push_back(w);
  }
};

// 1000 x 1000 lattice, 4 neighbours, both directions, weights uniform in 1..1000 (seed fixed).
ArcList make_grid(NodeId side) {
  ArcList g;
  g.name = "grid" + std::to_string(side);
  g.node_count = side * side;
  SplitMix64 rng{20240601};
  auto id = [side](NodeId r, NodeId c) { return r * side + c; };
  for (NodeId r = 0; r < side; ++r) {
    for (NodeId c = 0; c < side; ++c) {
      if (c + 1 < side) {
        g.add(id(r, c), id(r, c + 1), 1 + rng.below(1000));
        g.add(id(r, c + 1), id(r, c), 1 + rng.below(1000));
      }
      if (r + 1 < side) {
        g.add(id(r, c), id(r + 1, c), 1 + rng.below(1000));
        g.add(id(r + 1, c), id(r, c), 1 + rng.below(1000));
      }
    }
  }
  return g;
}

// A road-like graph on a side x side lattice (row-major ids), with a hierarchy of speeds:
//  - local streets between lattice neighbours, each segment missing with probability 0.15
//    (dead ends, blocks), speed 1;
//  - arterials along every 10th row and column (never missing), speed 2;
//  - motorways along every 100th row and column, speed 4;
//  - a diagonal street across a lattice cell with probability 0.15 (length sqrt 2), speed 1.
// Every segment is two-way; each direction's weight is round(100 * length / speed * c) with its own
// congestion factor c uniform in [1, 2). Some nodes end up isolated, as in real road data.
ArcList make_road_like(NodeId side) {
  ArcList g;
  g.name = "road" + std::to_string(side * side / 1000000) + "M";
  g.node_count = side * side;
  SplitMix64 rng{7};
  auto id = [side](NodeId r, NodeId c) { return r * side + c; };
  auto speed_of_line = [](NodeId line) { return line % 100 == 0 ? 4.0 : line % 10 == 0 ? 2.0 : 0.0; };
  auto segment = [&](NodeId a, NodeId b, double length, double speed) {
    g.add(a, b, static_cast<Weight>(std::lround(100.0 * length / speed * (1.0 + rng.unit()))));
    g.add(b, a, static_cast<Weight>(std::lround(100.0 * length / speed * (1.0 + rng.unit()))));
  };
  for (NodeId r = 0; r < side; ++r) {
    for (NodeId c = 0; c < side; ++c) {
      if (c + 1 < side) {  // along row r
        const double fast = speed_of_line(r);
        if (fast > 0 || rng.unit() >= 0.15) segment(id(r, c), id(r, c + 1), 1.0, fast > 0 ? fast : 1.0);
      }
      if (r + 1 < side) {  // along column c
        const double fast = speed_of_line(c);
        if (fast > 0 || rng.unit() >= 0.15) segment(id(r, c), id(r + 1, c), 1.0, fast > 0 ? fast : 1.0);
      }
      if (r + 1 < side && c + 1 < side && rng.unit() < 0.15) {
        if (rng.next() & 1) {
          segment(id(r, c), id(r + 1, c + 1), std::sqrt(2.0), 1.0);
        } else {
          segment(id(r, c + 1), id(r + 1, c), std::sqrt(2.0), 1.0);
        }
      }
    }
  }
  return g;
}

// TNTP network file: reads init_node, term_node and free_flow_time (minutes) of each link; node
// numbers are 1-based. Weight = free-flow time in thousandths of a minute (zone connectors have 0).
ArcList load_tntp(const std::filesystem::path& file, const std::string& name) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot open " + file.string());
  ArcList g;
  g.name = name;
  std::string line;
  bool in_data = false;
  while (std::getline(in, line)) {
    if (!in_data) {
      if (line.find("<NUMBER OF NODES>") != std::string::npos) {
        g.node_count = static_cast<NodeId>(std::stoul(line.substr(line.find('>') + 1)));
      }
      if (line.find("<END OF METADATA>") != std::string::npos) in_data = true;
      continue;
    }
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '~') continue;
    std::istringstream fields(line);
    unsigned long from = 0, to = 0;
    double capacity = 0, length = 0, free_flow_time = 0;
    if (!(fields >> from >> to >> capacity >> length >> free_flow_time)) continue;
    if (from < 1 || to < 1 || from > g.node_count || to > g.node_count) throw std::runtime_error("bad node in " + line);
    g.add(static_cast<NodeId>(from - 1), static_cast<NodeId>(to - 1),
          static_cast<Weight>(std::lround(free_flow_time * 1000.0)));
  }
  if (g.tails.empty()) throw std::runtime_error("no links in " + file.string());
  return g;
}

// The embedded network (178 nodes), weights = the generalized cost of its links in cents, as the
// freight model's searches use it (graphs this small search with the 4-ary heap, docs/routing.md).
ArcList make_eurasia() {
  const landbridge::network::Network network = landbridge::io::load_network(std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia");
  const landbridge::routing::Router router(network);
  const auto& graph = router.graph();
  const auto& weights = router.default_weights(landbridge::routing::Criterion::generalized);
  ArcList g;
  g.name = "eurasia";
  g.node_count = graph.topology.node_count();
  for (ArcId a = 0; a < graph.arc_count(); ++a) g.add(graph.topology.tail[a], graph.topology.head[a], weights[a]);
  return g;
}

std::filesystem::path largest_tntp_net() {
  // The issue names the largest network there; ChicagoRegional (12,982 nodes, 39,018 links).
  return std::filesystem::path(LANDBRIDGE_SHARED_DIR) / "data/tntp/ChicagoRegional/ChicagoRegional_net.tntp";
}

// ---------------------------------------------------------------------------------------------
// The same graph in the three representations.
struct BoostEdge {
  Weight weight;
};
using BoostCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, BoostEdge>;
using BoostAdj = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                       boost::property<boost::edge_weight_t, Weight>>;

constexpr std::size_t source_count = 20;

struct Fixture {
  std::string name;
  NodeId node_count = 0;
  CsrGraph ours;
  std::vector<Weight> ours_weights;  // in CSR arc order
  std::unique_ptr<landbridge::routing::DijkstraQuery> query;
  std::unique_ptr<landbridge::routing::DijkstraQuery> radix_query;  // the radix heap whatever the size
  BoostCsr boost_csr;
  BoostAdj boost_adj;
  std::vector<NodeId> sources;
  // Output buffers for Boost, allocated once (as a caller reusing them would).
  std::vector<Distance> distance;
  std::vector<BoostCsr::vertex_descriptor> csr_pred;
  std::vector<BoostAdj::vertex_descriptor> adj_pred;

  explicit Fixture(ArcList list) : name(list.name), node_count(list.node_count) {
    std::vector<ArcId> order;
    ours = CsrGraph::from_arcs(node_count, list.tails, list.heads, &order);
    ours_weights.resize(order.size());
    for (std::size_t a = 0; a < order.size(); ++a) ours_weights[a] = list.weights[order[a]];
    query = std::make_unique<landbridge::routing::DijkstraQuery>(ours);
    radix_query = std::make_unique<landbridge::routing::DijkstraQuery>(ours, landbridge::routing::DijkstraQuery::HeapKind::radix);

    std::vector<std::pair<std::size_t, std::size_t>> pairs(list.tails.size());
    std::vector<BoostEdge> props(list.tails.size());
    for (std::size_t a = 0; a < pairs.size(); ++a) {
      pairs[a] = {list.tails[a], list.heads[a]};
      props[a] = {list.weights[a]};
    }
    boost_csr = BoostCsr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), props.begin(), node_count);
    boost_adj = BoostAdj(pairs.begin(), pairs.end(), list.weights.begin(), node_count);

    // Sources: random nodes with at least one outgoing arc.
    SplitMix64 rng{42};
    while (sources.size() < source_count) {
      const NodeId s = rng.below(node_count);
      if (ours.first_out[s + 1] > ours.first_out[s]) sources.push_back(s);
    }
    distance.resize(node_count);
    csr_pred.resize(node_count);
    adj_pred.resize(node_count);
  }
};

// The one fixture alive (graphs of a million nodes are built when first needed and dropped when the
// benchmarks move on to the next graph).
Fixture& fixture(const std::string& name, const std::function<ArcList()>& make) {
  static std::unique_ptr<Fixture> current;
  if (!current || current->name != name) {
    current.reset();
    current = std::make_unique<Fixture>(make());
  }
  return *current;
}

enum class Impl { ours, ours_radix, boost_csr, boost_csr_no_color, boost_adj, boost_adj_no_color };
constexpr const char* impl_name(Impl impl) {
  switch (impl) {
    case Impl::ours: return "ours";
    case Impl::ours_radix: return "ours_radix";
    case Impl::boost_csr: return "boost_csr";
    case Impl::boost_csr_no_color: return "boost_csr_nocolor";
    case Impl::boost_adj: return "boost_adjlist";
    case Impl::boost_adj_no_color: return "boost_adjlist_nocolor";
  }
  return "?";
}

template <class Graph, class Pred>
void boost_dijkstra(const Graph& g, NodeId s, Distance* distance, Pred* pred, bool no_color) {
  // The two graph types keep their weights differently (bundled property vs edge_weight_t).
  const auto weight = [&g] {
    if constexpr (std::is_same_v<Graph, BoostCsr>) {
      return boost::get(&BoostEdge::weight, g);
    } else {
      return boost::get(boost::edge_weight, g);
    }
  }();
  const auto index = boost::get(boost::vertex_index, g);
  auto params = boost::predecessor_map(boost::make_iterator_property_map(pred, index))
                    .distance_map(boost::make_iterator_property_map(distance, index))
                    .weight_map(weight);
  if (no_color) {
    boost::dijkstra_shortest_paths_no_color_map(g, s, params);
  } else {
    boost::dijkstra_shortest_paths(g, s, params);
  }
}

// Runs one implementation from `s`; afterwards f.distance holds the distances (for ours only when
// `copy_out`, which the timed loop does not ask for).
void run_once(Fixture& f, Impl impl, NodeId s, bool copy_out) {
  switch (impl) {
    case Impl::ours:
    case Impl::ours_radix: {
      landbridge::routing::DijkstraQuery& q = impl == Impl::ours ? *f.query : *f.radix_query;
      q.run(std::span<const NodeId>(&s, 1), f.ours_weights);
      if (copy_out) {
        for (NodeId v = 0; v < f.node_count; ++v) f.distance[v] = q.distance(v);
      }
      break;
    }
    case Impl::boost_csr:
    case Impl::boost_csr_no_color:
      boost_dijkstra(f.boost_csr, s, f.distance.data(), f.csr_pred.data(), impl == Impl::boost_csr_no_color);
      break;
    case Impl::boost_adj:
    case Impl::boost_adj_no_color:
      boost_dijkstra(f.boost_adj, s, f.distance.data(), f.adj_pred.data(), impl == Impl::boost_adj_no_color);
      break;
  }
}

// All implementations must give the same distance array (unreachable = max for all of them).
void verify(Fixture& f, std::size_t source_checks) {
  for (std::size_t i = 0; i < source_checks; ++i) {
    const NodeId s = f.sources[i];
    run_once(f, Impl::ours, s, true);
    const std::vector<Distance> expected = f.distance;
    for (Impl impl : {Impl::ours_radix, Impl::boost_csr, Impl::boost_csr_no_color, Impl::boost_adj, Impl::boost_adj_no_color}) {
      std::fill(f.distance.begin(), f.distance.end(), 0);
      run_once(f, impl, s, true);
      if (f.distance != expected) {
        throw std::runtime_error(f.name + ": " + impl_name(impl) + " disagrees with ours from source " + std::to_string(s));
      }
    }
  }
}

void BM_OneToAll(benchmark::State& state, const std::string& graph, const std::function<ArcList()>& make, Impl impl) {
  Fixture* f = nullptr;
  try {
    f = &fixture(graph, make);
    static std::string verified;
    if (verified != graph) {
      verify(*f, 3);
      verified = graph;
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  std::size_t next = 0;
  for (auto _ : state) {
    run_once(*f, impl, f->sources[next], false);
    next = next + 1 == f->sources.size() ? 0 : next + 1;
    benchmark::ClobberMemory();
  }
  state.counters["nodes"] = static_cast<double>(f->node_count);
  state.counters["arcs"] = static_cast<double>(f->ours.arc_count());
}

// ---------------------------------------------------------------------------------------------
// Route queries on the embedded network.
struct RouteCase {
  const char* name;
  const char* from;
  const char* to;
  landbridge::routing::Criterion criterion;
  const char* avoid_country;  // "" for none
  int alternatives;
};

constexpr RouteCase route_cases[] = {
    {"Chongqing-Duisburg/time", "Chongqing", "Duisburg", landbridge::routing::Criterion::time, "", 1},
    {"Xian-Hamburg/cost", "Xi'an", "Hamburg", landbridge::routing::Criterion::cost, "", 1},
    {"Shanghai-Rotterdam/co2", "Shanghai", "Rotterdam", landbridge::routing::Criterion::co2, "", 1},
    {"Yiwu-Madrid/generalized", "Yiwu", "Madrid", landbridge::routing::Criterion::generalized, "", 1},
    {"Chongqing-Duisburg/time/avoid-RU", "Chongqing", "Duisburg", landbridge::routing::Criterion::time, "RU", 1},
    {"Chengdu-Lodz/time/3-alternatives", "Chengdu", "Łódź", landbridge::routing::Criterion::time, "", 3},
};

struct RouteWorld {
  landbridge::network::Network network;
  std::unique_ptr<landbridge::routing::Router> router;
  std::unique_ptr<landbridge::routing::RouterQuery> query;
  RouteWorld() : network(landbridge::io::load_network(std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia")) {
    router = std::make_unique<landbridge::routing::Router>(network);
    query = std::make_unique<landbridge::routing::RouterQuery>(*router);
  }
};

RouteWorld& route_world() {
  static RouteWorld world;
  return world;
}

void BM_RouteQuery(benchmark::State& state, const RouteCase& c, bool with_summary) {
  landbridge::routing::RouteRequest request;
  try {
    RouteWorld& w = route_world();
    request.origins = landbridge::routing::resolve_nodes(w.network, c.from, "from");
    request.destinations = landbridge::routing::resolve_nodes(w.network, c.to, "to");
    request.criterion = c.criterion;
    request.alternatives = c.alternatives;
    if (*c.avoid_country != '\0') request.avoid.countries.insert(c.avoid_country);
    if (w.query->route(request).status != landbridge::routing::RouteStatus::found) {
      state.SkipWithError("no route");
      return;
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  RouteWorld& w = route_world();
  for (auto _ : state) {
    landbridge::routing::RouteResult result = w.query->route(request);
    if (with_summary) {
      for (const auto& path : result.routes) {
        landbridge::routing::RouteSummary summary = landbridge::routing::summarize(*w.router, path);
        benchmark::DoNotOptimize(summary);
      }
    }
    benchmark::DoNotOptimize(result);
  }
}

// The fastest repetition: on a shared machine it is the least disturbed one (docs/benchmarks.md).
double min_of(const std::vector<double>& values) { return *std::min_element(values.begin(), values.end()); }

void register_all() {
  for (const RouteCase& c : route_cases) {
    for (bool summary : {false, true}) {
      const std::string name = std::string("RouteQuery/") + c.name + (summary ? "/+summary" : "");
      benchmark::RegisterBenchmark(name.c_str(), BM_RouteQuery, c, summary)
          ->Unit(benchmark::kMicrosecond)
          ->Repetitions(5)
          ->ComputeStatistics("min", min_of)
          ->ReportAggregatesOnly(true);
    }
  }
  struct GraphSpec {
    std::string name;
    std::function<ArcList()> make;
    int rounds;  // passes over the 20 sources per repetition
  };
  const std::vector<GraphSpec> graphs = {
      {"grid1000", [] { return make_grid(1000); }, 1},
      {"road1M", [] { return make_road_like(1000); }, 1},
      {"chicago", [] { return load_tntp(largest_tntp_net(), "chicago"); }, 25},
      {"eurasia", make_eurasia, 2000},
  };
  for (const GraphSpec& g : graphs) {
    for (Impl impl : {Impl::ours, Impl::ours_radix, Impl::boost_csr, Impl::boost_csr_no_color, Impl::boost_adj, Impl::boost_adj_no_color}) {
      const std::string name = "OneToAll/" + g.name + "/" + impl_name(impl);
      benchmark::RegisterBenchmark(name.c_str(), BM_OneToAll, g.name, g.make, impl)
          ->Unit(g.name == "eurasia" ? benchmark::kMicrosecond : benchmark::kMillisecond)
          ->Iterations(static_cast<benchmark::IterationCount>(source_count) * g.rounds)
          ->Repetitions(5)
          ->ComputeStatistics("min", min_of)
          ->ReportAggregatesOnly(true);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
