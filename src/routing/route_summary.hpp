// routing/route_summary.hpp: a route as people read it: legs between named places, totals,
// countries and passages crossed, gauge changes.
#pragma once
#include <string>
#include <vector>

#include "network/graph.hpp"
#include "routing/driving_time.hpp"
#include "routing/router.hpp"

namespace landbridge::routing {

struct Totals {
  double km = 0, hours = 0, usd = 0, co2_kg = 0;
  double customs_hours = 0, customs_usd = 0;  // included in hours and usd
  double rest_hours = 0;  // truck drivers' breaks and rests (driving_time.hpp), included in hours
  [[nodiscard]] double days() const { return hours / 24.0; }
};

// Consecutive arcs of one mode between two places (junctions and chokepoints merge into the leg).
struct Leg {
  NodeId from = invalid_id, to = invalid_id;
  network::Mode mode = network::Mode::rail;
  network::TransferKind transfer = network::TransferKind::none;
  Totals totals;
  std::vector<std::string> countries;  // ISO2 in order, each once per stretch
  std::vector<std::string> passages;   // chokepoint tags in order
  std::vector<ArcId> arcs;
};

struct RouteSummary {
  NodeId origin = invalid_id, destination = invalid_id;
  Totals total;
  std::vector<Leg> legs;
  int gauge_changes = 0;
  std::vector<std::string> countries;
  std::vector<std::string> passages;
  double criterion_value = 0;
};

// Road stretches (road links, with the border posts between them) take their driving time plus the
// drivers' breaks and rests under `rules`, counted from the start of each stretch.
[[nodiscard]] RouteSummary summarize(const Router& router, const RoutePath& path, const DrivingRules& rules = {});

}  // namespace landbridge::routing
