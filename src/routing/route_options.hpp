// routing/route_options.hpp: route and matrix requests as people give them (text options from the
// command line or an HTTP query) turned into RouteRequests, and the searches both front ends share.
// Every InputError names the option as the caller spells it (OptionNames), so the CLI says
// "--avoid-country" and the HTTP API "avoid_country".
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "network/model.hpp"
#include "routing/route_summary.hpp"
#include "routing/router.hpp"

namespace landbridge::routing {

// How the caller spells each option, for error messages.
struct OptionNames {
  std::string optimize, value_of_time, co2_price, alternatives;
  std::string avoid_country, avoid_passage, avoid_mode, avoid_node, avoid_link, mode;
  std::string from, to;
  static OptionNames command_line();  // --optimize, --avoid-country, ..., FROM, TO
  static OptionNames http();          // optimize, avoid_country, ..., from, to
  // The caller's name for a field named by the router or node search ("avoid_country", "from").
  [[nodiscard]] std::string rename(const std::string& library_field) const;
};

// Options shared by routes and matrices, as text and numbers not yet checked.
struct RouteOptions {
  std::string optimize = "time";
  std::vector<std::string> avoid_country, avoid_passage, avoid_mode, avoid_node, avoid_link;
  std::vector<std::string> mode;  // travel only by these modes (and transfers between them); empty: any
  double usd_per_teu_hour = CostParameters{}.usd_per_teu_hour;
  double usd_per_tonne_co2 = CostParameters{}.usd_per_tonne_co2;

  // Each throws InputError naming the option (names.optimize etc.) when a value is bad.
  [[nodiscard]] Criterion criterion(const OptionNames& names) const;
  [[nodiscard]] CostParameters parameters(const OptionNames& names) const;  // each in 0..1e6
  [[nodiscard]] AvoidRules avoid_rules(const OptionNames& names) const;    // syntax only; the router checks names
};

// Throws InputError (names.alternatives) unless 1 <= alternatives <= max_alternatives.
void check_alternatives(int alternatives, int max_alternatives, const OptionNames& names);

// The routes from one place to another (ids or names, see resolve_nodes). Throws InputError with
// the caller's field names for unknown places and bad avoid-rules; no route is a value
// (an empty vector).
[[nodiscard]] std::vector<RouteSummary> find_routes(const Router& router, RouterQuery& query, std::string_view from,
                                                    std::string_view to, const RouteOptions& options, int alternatives,
                                                    const OptionNames& names);

// A matrix of best routes between groups of nodes (each group = the nodes one text means).
struct Matrix {
  Criterion criterion = Criterion::time;
  std::vector<std::vector<NodeId>> origins, destinations;
  // Per cell (row-major, origins x destinations): criterion value, hours, usd, km, kg CO2 of the
  // best path; all NaN when there is no route.
  std::vector<std::array<double, 5>> cells;
  [[nodiscard]] const std::array<double, 5>& cell(std::size_t origin, std::size_t destination) const {
    return cells[origin * destinations.size() + destination];
  }
};

// Throws InputError (names.to) when from.size() x to.size() exceeds max_cells, and for unknown
// places or bad rules as find_routes. An empty `to` means the origins.
[[nodiscard]] Matrix route_matrix(const Router& router, RouterQuery& query, const std::vector<std::string>& from,
                                  std::vector<std::string> to, const RouteOptions& options, std::size_t max_cells,
                                  const OptionNames& names);

}  // namespace landbridge::routing
