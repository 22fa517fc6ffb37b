#include "routing/router.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/input_error.hpp"

namespace landbridge::routing {

using network::Mode;

std::string_view to_string(Criterion criterion) {
  switch (criterion) {
    case Criterion::time: return "time";
    case Criterion::cost: return "cost";
    case Criterion::co2: return "co2";
    case Criterion::generalized: return "generalized";
  }
  return "?";
}

std::optional<Criterion> parse_criterion(std::string_view text) {
  for (Criterion c : {Criterion::time, Criterion::cost, Criterion::co2, Criterion::generalized}) {
    if (to_string(c) == text) return c;
  }
  return std::nullopt;
}

namespace {

Weight to_fixed_point(double value, double scale) {
  const double scaled = std::round(value * scale);
  constexpr double max_weight = static_cast<double>(std::numeric_limits<Weight>::max() - 1);
  return scaled <= 0 ? 0 : scaled >= max_weight ? std::numeric_limits<Weight>::max() - 1 : static_cast<Weight>(scaled);
}

// Scale from the criterion's unit to its fixed-point unit (hours -> s, USD -> cents, kg -> g).
double fixed_point_scale(Criterion criterion) {
  switch (criterion) {
    case Criterion::time: return 3600.0;
    case Criterion::cost: return 100.0;
    case Criterion::co2: return 1000.0;
    case Criterion::generalized: return 100.0;
  }
  return 1.0;
}

bool same_parameters(const CostParameters& a, const CostParameters& b) {
  return a.usd_per_teu_hour == b.usd_per_teu_hour && a.usd_per_tonne_co2 == b.usd_per_tonne_co2;
}

}  // namespace

Router::Router(const network::Network& network) : network_(network), graph_(network::compile(network)) {
  for (const auto& n : network.nodes()) {
    if (!n.country.empty()) countries_.insert(n.country);
    if (!n.passage.empty()) passages_.insert(n.passage);
  }
  for (const auto& l : network.links()) {
    if (!l.passage.empty()) passages_.insert(l.passage);
  }
  for (Criterion c : {Criterion::time, Criterion::cost, Criterion::co2, Criterion::generalized}) {
    default_weights_.push_back(weights(c, CostParameters{}));
  }
}

double Router::arc_value(ArcId arc, Criterion criterion, const CostParameters& parameters) const {
  switch (criterion) {
    case Criterion::time: return graph_.arc_hours[arc];
    case Criterion::cost: return graph_.arc_usd[arc];
    case Criterion::co2: return graph_.arc_co2_kg[arc];
    case Criterion::generalized:
      return graph_.arc_usd[arc] + graph_.arc_hours[arc] * parameters.usd_per_teu_hour +
             graph_.arc_co2_kg[arc] / 1000.0 * parameters.usd_per_tonne_co2;
  }
  return 0;
}

std::vector<Weight> Router::weights(Criterion criterion, const CostParameters& parameters) const {
  std::vector<Weight> w(graph_.arc_count());
  const double scale = fixed_point_scale(criterion);
  for (ArcId a = 0; a < graph_.arc_count(); ++a) w[a] = to_fixed_point(arc_value(a, criterion, parameters), scale);
  return w;
}

bool Router::node_avoided(NodeId v, const AvoidRules& rules) const {
  const network::Node& node = network_.node(v);
  return rules.countries.contains(node.country) || rules.nodes.contains(node.id) ||
         (!node.passage.empty() && rules.passages.contains(node.passage));
}

void Router::build_mask(const AvoidRules& rules, std::vector<std::uint8_t>& arc_blocked) const {
  arc_blocked.assign(graph_.arc_count(), 0);
  if (rules.empty()) return;
  // A rule that names nothing in the network is almost always a typo: say so.
  for (const std::string& country : rules.countries) {
    if (!countries_.contains(country)) throw InputError("", "", "avoid_country", fmt::format("no node of the network lies in \"{}\" (use ISO 3166-1 alpha-2 codes such as BY)", country));
  }
  for (const std::string& passage : rules.passages) {
    if (!passages_.contains(passage)) {
      throw InputError("", "", "avoid_passage", fmt::format("no passage \"{}\" in the network; known: {}", passage, fmt::join(passages_, ", ")));
    }
  }
  for (const std::string& id : rules.nodes) {
    if (network_.find_node(id) == invalid_id) throw InputError("", "", "avoid_node", fmt::format("no node with id \"{}\"", id));
  }
  for (const std::string& id : rules.links) {
    if (network_.find_link(id) == invalid_id) throw InputError("", "", "avoid_link", fmt::format("no link with id \"{}\"", id));
  }
  // Per node and per link once, then per arc by index: no string lookups in the arc loop.
  std::vector<std::uint8_t> node_blocked(graph_.node_count());
  for (NodeId v = 0; v < graph_.node_count(); ++v) node_blocked[v] = node_avoided(v, rules) ? 1 : 0;
  std::vector<std::uint8_t> link_blocked(network_.link_count());
  const bool any_link_rule = !rules.modes.empty() || !rules.links.empty() || !rules.passages.empty();
  for (LinkId l = 0; any_link_rule && l < network_.link_count(); ++l) {
    const network::Link& link = network_.link(l);
    link_blocked[l] = rules.modes.contains(link.mode) || rules.links.contains(link.id) ||
                      (!link.passage.empty() && rules.passages.contains(link.passage));
  }
  for (ArcId a = 0; a < graph_.arc_count(); ++a) {
    arc_blocked[a] = node_blocked[graph_.topology.tail[a]] | node_blocked[graph_.topology.head[a]] | link_blocked[graph_.arc_link[a]];
  }
}

RouterQuery::RouterQuery(const Router& router) : router_(router), dijkstra_(router.graph().topology) {}

void RouterQuery::grow_tree(const std::vector<NodeId>& origins, Criterion criterion, const CostParameters& parameters,
                            const AvoidRules& avoid) {
  router_.build_mask(avoid, arc_blocked_);
  const bool defaults = same_parameters(parameters, CostParameters{});
  if (!defaults) penalized_ = router_.weights(criterion, parameters);
  const std::vector<Weight>& weights = defaults ? router_.default_weights(criterion) : penalized_;
  dijkstra_.run(origins, weights, avoid.empty() ? std::span<const std::uint8_t>{} : arc_blocked_);
}

RouteResult RouterQuery::route(const RouteRequest& request) {
  const network::Network& net = router_.network();
  const network::Graph& graph = router_.graph();
  for (const auto& [field, nodes] : {std::pair{"from", &request.origins}, std::pair{"to", &request.destinations}}) {
    if (nodes->empty()) throw InputError("", "", field, "no node given");
    for (NodeId v : *nodes) {
      if (router_.node_avoided(v, request.avoid)) {
        throw InputError("", "", field, fmt::format("\"{}\" ({}) is itself excluded by the avoid-rules", net.node(v).name, net.node(v).id));
      }
    }
  }
  const bool masked = !request.avoid.empty();
  if (masked) router_.build_mask(request.avoid, arc_blocked_);
  const std::span<const std::uint8_t> mask = masked ? std::span<const std::uint8_t>(arc_blocked_) : std::span<const std::uint8_t>{};

  std::vector<Weight> custom;
  const bool defaults = same_parameters(request.parameters, CostParameters{});
  if (!defaults) custom = router_.weights(request.criterion, request.parameters);
  const std::vector<Weight>& weights = defaults ? router_.default_weights(request.criterion) : custom;

  RouteResult result;
  auto make_path = [&](NodeId target) {
    RoutePath path;
    path.arcs = dijkstra_.path_to(target);
    path.destination = target;
    path.origin = path.arcs.empty() ? target : graph.topology.tail[path.arcs.front()];
    for (ArcId a : path.arcs) path.criterion_value += router_.arc_value(a, request.criterion, request.parameters);
    return path;
  };
  const NodeId target = dijkstra_.run(request.origins, weights, mask, request.destinations);
  if (target == invalid_id) return result;
  result.status = RouteStatus::found;
  result.routes.push_back(make_path(target));
  if (request.alternatives <= 1 || result.routes.front().arcs.empty()) return result;

  // Alternatives by the penalty method (de la Barra et al. 1993; as in OSRM-style "choice routing"
  // surveys by Bader et al. 2011): repeatedly make the links of each path found dearer and search
  // again; keep a path only if it shares at most max_overlap of its weight with every kept path
  // and costs at most max_stretch times the best.
  auto weight_of = [&](const std::vector<ArcId>& arcs) {
    double total = 0;
    for (ArcId a : arcs) total += weights[a];
    return total;
  };
  std::vector<std::vector<LinkId>> kept_links;  // sorted link ids of each kept route
  auto links_of = [&](const std::vector<ArcId>& arcs) {
    std::vector<LinkId> links;
    for (ArcId a : arcs) links.push_back(graph.arc_link[a]);
    std::sort(links.begin(), links.end());
    return links;
  };
  kept_links.push_back(links_of(result.routes.front().arcs));
  const double best_weight = weight_of(result.routes.front().arcs);
  penalized_.assign(weights.begin(), weights.end());
  // Both directions of a link share the penalty: an alternative must not just run a link backwards.
  auto penalize = [&](const std::vector<ArcId>& arcs) {
    std::vector<LinkId> links = links_of(arcs);
    for (ArcId a = 0; a < graph.arc_count(); ++a) {
      if (std::binary_search(links.begin(), links.end(), graph.arc_link[a])) {
        const double raised = static_cast<double>(penalized_[a]) * 1.5 + 1.0;
        penalized_[a] = raised >= 4e9 ? static_cast<Weight>(4e9) : static_cast<Weight>(raised);
      }
    }
  };
  std::vector<ArcId> last = result.routes.front().arcs;
  const int max_tries = 10 * request.alternatives + 10;
  for (int attempt = 0; attempt < max_tries && static_cast<int>(result.routes.size()) < request.alternatives; ++attempt) {
    penalize(last);
    const NodeId t = dijkstra_.run(request.origins, penalized_, mask, request.destinations);
    if (t == invalid_id) break;
    RoutePath candidate = make_path(t);
    last = candidate.arcs;
    const double candidate_weight = weight_of(candidate.arcs);
    if (candidate_weight > request.max_stretch * best_weight) continue;
    const std::vector<LinkId> candidate_links = links_of(candidate.arcs);
    bool distinct = true;
    for (const auto& kept : kept_links) {
      double shared = 0;
      for (ArcId a : candidate.arcs) {
        if (std::binary_search(kept.begin(), kept.end(), graph.arc_link[a])) shared += weights[a];
      }
      if ((shared + 1.0) / (candidate_weight + 1.0) > request.max_overlap) {
        distinct = false;
        break;
      }
    }
    if (!distinct) continue;
    kept_links.push_back(candidate_links);
    result.routes.push_back(std::move(candidate));
  }
  std::stable_sort(result.routes.begin() + 1, result.routes.end(),
                   [](const RoutePath& a, const RoutePath& b) { return a.criterion_value < b.criterion_value; });
  return result;
}

}  // namespace landbridge::routing
