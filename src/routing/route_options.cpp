#include "routing/route_options.hpp"

#include <cctype>
#include <cmath>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "routing/node_search.hpp"

namespace landbridge::routing {

OptionNames OptionNames::command_line() {
  return {"--optimize",   "--value-of-time", "--co2-price",  "--alternatives", "--avoid-country", "--avoid-passage",
          "--avoid-mode", "--avoid-node",    "--avoid-link", "--mode",         "FROM",            "TO"};
}

OptionNames OptionNames::http() {
  return {"optimize",   "value_of_time", "co2_price",  "alternatives", "avoid_country", "avoid_passage",
          "avoid_mode", "avoid_node",    "avoid_link", "mode",         "from",          "to"};
}

std::string OptionNames::rename(const std::string& library_field) const {
  if (library_field == "avoid_country") return avoid_country;
  if (library_field == "avoid_passage") return avoid_passage;
  if (library_field == "avoid_mode") return avoid_mode;
  if (library_field == "avoid_node") return avoid_node;
  if (library_field == "avoid_link") return avoid_link;
  if (library_field == "mode") return mode;
  if (library_field == "from") return from;
  if (library_field == "to") return to;
  return library_field;
}

namespace {

InputError renamed(const InputError& e, const OptionNames& names) {
  return InputError(e.file(), e.place(), names.rename(e.field()), e.problem());
}

}  // namespace

Criterion RouteOptions::criterion(const OptionNames& names) const {
  const auto c = parse_criterion(optimize);
  if (!c) throw InputError("", "", names.optimize, fmt::format("expected time, cost, co2 or generalized, got \"{}\"", optimize));
  return *c;
}

CostParameters RouteOptions::parameters(const OptionNames& names) const {
  if (!(usd_per_teu_hour >= 0) || usd_per_teu_hour > 1e6) {
    throw InputError("", "", names.value_of_time, fmt::format("expected 0 to 1e6 USD per TEU-hour, got {}", usd_per_teu_hour));
  }
  if (!(usd_per_tonne_co2 >= 0) || usd_per_tonne_co2 > 1e6) {
    throw InputError("", "", names.co2_price, fmt::format("expected 0 to 1e6 USD per tonne, got {}", usd_per_tonne_co2));
  }
  return {usd_per_teu_hour, usd_per_tonne_co2};
}

AvoidRules RouteOptions::avoid_rules(const OptionNames& names) const {
  AvoidRules rules;
  for (const std::string& c : avoid_country) {
    std::string code = c;
    for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (code.size() != 2) {
      throw InputError("", "", names.avoid_country, fmt::format("expected a two-letter ISO code such as BY, got \"{}\"", c));
    }
    rules.countries.insert(code);
  }
  for (const std::string& p : avoid_passage) rules.passages.insert(p);
  for (const std::string& m : avoid_mode) {
    const auto parsed = network::parse_mode(m);
    if (!parsed) {
      throw InputError("", "", names.avoid_mode, fmt::format("expected rail, road, sea, ferry, air or transfer, got \"{}\"", m));
    }
    rules.modes.insert(*parsed);
  }
  // --mode M: every mode but M (and the transfers that join M's links) is avoided.
  std::set<network::Mode> only;
  for (const std::string& m : mode) {
    const auto parsed = network::parse_mode(m);
    if (!parsed || *parsed == network::Mode::transfer) {
      throw InputError("", "", names.mode, fmt::format("expected rail, road, sea, ferry or air, got \"{}\"", m));
    }
    only.insert(*parsed);
  }
  if (!only.empty()) {
    for (int m = 0; m < network::mode_count; ++m) {
      const auto candidate = static_cast<network::Mode>(m);
      if (candidate != network::Mode::transfer && !only.contains(candidate)) rules.modes.insert(candidate);
    }
  }
  rules.nodes.insert(avoid_node.begin(), avoid_node.end());
  rules.links.insert(avoid_link.begin(), avoid_link.end());
  return rules;
}

void check_alternatives(int alternatives, int max_alternatives, const OptionNames& names) {
  if (alternatives < 1 || alternatives > max_alternatives) {
    throw InputError("", "", names.alternatives, fmt::format("expected 1 to {}, got {}", max_alternatives, alternatives));
  }
}

std::vector<RouteSummary> find_routes(const Router& router, RouterQuery& query, std::string_view from, std::string_view to,
                                      const RouteOptions& options, int alternatives, const OptionNames& names) {
  RouteRequest request;
  request.criterion = options.criterion(names);
  request.parameters = options.parameters(names);
  request.avoid = options.avoid_rules(names);
  request.alternatives = alternatives;
  RouteResult result;
  try {
    request.origins = resolve_nodes(router.network(), from, "from");
    request.destinations = resolve_nodes(router.network(), to, "to");
    result = query.route(request);
  } catch (const InputError& e) {
    throw renamed(e, names);
  }
  std::vector<RouteSummary> summaries;
  if (result.status == RouteStatus::no_route) return summaries;
  summaries.reserve(result.routes.size());
  for (const RoutePath& path : result.routes) summaries.push_back(summarize(router, path));
  return summaries;
}

Matrix route_matrix(const Router& router, RouterQuery& query, const std::vector<std::string>& from, std::vector<std::string> to,
                    const RouteOptions& options, std::size_t max_cells, const OptionNames& names) {
  if (to.empty()) to = from;
  if (from.size() * to.size() > max_cells) {
    throw InputError("", "", names.to,
                     fmt::format("a matrix of {} x {} exceeds the limit of {} cells", from.size(), to.size(), max_cells));
  }
  const network::Network& net = router.network();
  Matrix matrix;
  matrix.criterion = options.criterion(names);
  const CostParameters parameters = options.parameters(names);
  const AvoidRules avoid = options.avoid_rules(names);
  try {
    for (const auto& f : from) matrix.origins.push_back(resolve_nodes(net, f, "from"));
    for (const auto& t : to) matrix.destinations.push_back(resolve_nodes(net, t, "to"));
  } catch (const InputError& e) {
    throw renamed(e, names);
  }
  const network::Graph& g = router.graph();
  const std::size_t rows = matrix.origins.size(), columns = matrix.destinations.size();
  matrix.cells.resize(rows * columns);
  try {
    for (std::size_t i = 0; i < rows; ++i) {
      query.grow_tree(matrix.origins[i], matrix.criterion, parameters, avoid);
      const DijkstraQuery& tree = query.tree();
      for (std::size_t j = 0; j < columns; ++j) {
        NodeId best = invalid_id;
        for (NodeId v : matrix.destinations[j]) {
          if (tree.distance(v) != unreachable && (best == invalid_id || tree.distance(v) < tree.distance(best))) best = v;
        }
        std::array<double, 5>& cell = matrix.cells[i * columns + j];
        if (best == invalid_id) {
          cell.fill(std::numeric_limits<double>::quiet_NaN());
          continue;
        }
        cell.fill(0);
        for (ArcId a : tree.path_to(best)) {
          cell[0] += router.arc_value(a, matrix.criterion, parameters);
          cell[1] += g.arc_hours[a], cell[2] += g.arc_usd[a], cell[3] += g.arc_length_km[a], cell[4] += g.arc_co2_kg[a];
        }
      }
    }
  } catch (const InputError& e) {
    throw renamed(e, names);
  }
  return matrix;
}

}  // namespace landbridge::routing
