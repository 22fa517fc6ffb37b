// routing/router.hpp: routes on the freight network by time, cost, CO2 or generalized cost, with
// avoid-rules and materially different alternatives. One Router per network (immutable, shareable
// across threads); one RouterQuery per thread.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "network/graph.hpp"
#include "network/model.hpp"
#include "routing/dijkstra.hpp"

namespace landbridge::routing {

enum class Criterion : std::uint8_t { time, cost, co2, generalized };
[[nodiscard]] std::string_view to_string(Criterion criterion);
[[nodiscard]] std::optional<Criterion> parse_criterion(std::string_view text);

// Generalized cost of an arc = usd + hours * usd_per_teu_hour + co2_kg / 1000 * usd_per_tonne_co2.
struct CostParameters {
  // Inventory carrying cost of an average container: $54,500 per TEU (UNCTAD via Rodrigue) at 25 %
  // a year / 8,760 h = $1.56 per TEU-hour (docs/routing.md).
  double usd_per_teu_hour = 1.56;
  double usd_per_tonne_co2 = 0;  // no carbon price unless asked for
};

// What a route must not use. Names are external ids and tags as in the network files.
struct AvoidRules {
  std::set<std::string> countries;  // ISO2: no node in these countries
  std::set<std::string> passages;   // chokepoint tags: no link or chokepoint node with this tag
  std::set<network::Mode> modes;
  std::set<std::string> nodes;      // node ids
  std::set<std::string> links;      // link ids
  [[nodiscard]] bool empty() const {
    return countries.empty() && passages.empty() && modes.empty() && nodes.empty() && links.empty();
  }
};

struct RouteRequest {
  std::vector<NodeId> origins;       // any of these (e.g. all nodes named "Rotterdam")
  std::vector<NodeId> destinations;  // any of these
  Criterion criterion = Criterion::time;
  CostParameters parameters;
  AvoidRules avoid;
  int alternatives = 1;         // how many routes to return at most (the best plus K-1 alternatives)
  double max_overlap = 0.8;     // an alternative shares at most this share of its weight with another
  double max_stretch = 3.0;     // and costs at most this multiple of the best
};

// A route as a list of arcs of the compiled graph, with its value in the criterion's units.
struct RoutePath {
  NodeId origin = invalid_id, destination = invalid_id;
  std::vector<ArcId> arcs;
  double criterion_value = 0;  // hours, USD, kg CO2 or generalized USD
};

enum class RouteStatus : std::uint8_t { found, no_route };
struct RouteResult {
  RouteStatus status = RouteStatus::no_route;
  std::vector<RoutePath> routes;  // best first
};

class Router {
 public:
  explicit Router(const network::Network& network);

  [[nodiscard]] const network::Network& network() const { return network_; }
  [[nodiscard]] const network::Graph& graph() const { return graph_; }

  // Fixed-point arc weights of a criterion: seconds, US cents, grams CO2, generalized cents.
  [[nodiscard]] std::vector<Weight> weights(Criterion criterion, const CostParameters& parameters) const;
  // The weights for the default parameters, computed once.
  [[nodiscard]] const std::vector<Weight>& default_weights(Criterion criterion) const {
    return default_weights_[static_cast<std::size_t>(criterion)];
  }
  // Value of an arc in the criterion's units (hours, USD, kg, USD).
  [[nodiscard]] double arc_value(ArcId arc, Criterion criterion, const CostParameters& parameters) const;

  // Marks arcs the rules forbid. Throws InputError (field "avoid_country" etc.) for a rule that
  // names something the network does not have.
  void build_mask(const AvoidRules& rules, std::vector<std::uint8_t>& arc_blocked) const;
  // Nodes forbidden by the rules (as the mask does), for checking origins and destinations.
  [[nodiscard]] bool node_avoided(NodeId node, const AvoidRules& rules) const;

 private:
  const network::Network& network_;
  network::Graph graph_;
  std::set<std::string> countries_, passages_;  // present in the network, for checking avoid-rules
  std::vector<std::vector<Weight>> default_weights_;
};

// Per-thread query state. route() allocates only for its result and, with alternatives, a copy
// of the weights.
class RouterQuery {
 public:
  explicit RouterQuery(const Router& router);
  // Throws InputError for rules naming unknown things, or when an origin or destination is itself
  // avoided (field "from"/"to").
  [[nodiscard]] RouteResult route(const RouteRequest& request);

  // One-to-all tree from `origins` for matrices; valid until the next call.
  void grow_tree(const std::vector<NodeId>& origins, Criterion criterion, const CostParameters& parameters,
                 const AvoidRules& avoid);
  [[nodiscard]] const DijkstraQuery& tree() const { return dijkstra_; }

 private:
  const Router& router_;
  DijkstraQuery dijkstra_;
  std::vector<std::uint8_t> arc_blocked_;
  std::vector<Weight> penalized_;
};

}  // namespace landbridge::routing
