#include "disrupt/freight_input.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "common/input_error.hpp"

namespace landbridge::disrupt {

namespace {

struct Builder {
  const network::Network& net;
  const network::Graph& base;
  const network::Graph& scen;
  const std::vector<std::uint8_t>& blocked;
  SimulationInput& in;
  std::vector<int> arc_station;  // -1: not a station (yet)
  std::map<std::pair<std::uint32_t, std::vector<ArcId>>, std::uint32_t> path_of;

  [[nodiscard]] bool is_blocked(ArcId a) const { return !blocked.empty() && blocked[a] != 0; }

  // Capacity links, links the scenario closes and links whose capacity it changes wait cargo.
  [[nodiscard]] bool is_station(ArcId a) const {
    return std::isfinite(base.arc_capacity_teu_per_day[a]) || std::isfinite(scen.arc_capacity_teu_per_day[a]) || is_blocked(a);
  }

  std::uint32_t station(ArcId a) {
    if (arc_station[a] >= 0) return static_cast<std::uint32_t>(arc_station[a]);
    const network::Link& link = net.links()[base.arc_link[a]];
    const network::Node& from = net.nodes()[base.topology.tail[a]];
    const network::Node& to = net.nodes()[base.topology.head[a]];
    Station s;
    s.link_id = link.id;
    s.arc = a;
    s.name = fmt::format("{} → {}", from.name.empty() ? from.id : from.name, to.name.empty() ? to.id : to.name);
    s.lon = (from.lon + to.lon) / 2;
    s.lat = (from.lat + to.lat) / 2;
    s.rail = link.mode == network::Mode::rail || link.transfer == network::TransferKind::gauge;
    s.capacity_teu_per_day = base.arc_capacity_teu_per_day[a];
    s.background_teu_per_day = base.arc_background_teu_per_day[a];
    s.disrupted_capacity_teu_per_day = is_blocked(a) ? 0.0 : scen.arc_capacity_teu_per_day[a];
    // Other traffic stops coming to a closed link once its senders know (the same decision lag).
    s.disrupted_background_teu_per_day = is_blocked(a) ? 0.0 : scen.arc_background_teu_per_day[a];
    arc_station[a] = static_cast<int>(in.stations.size());
    in.stations.push_back(std::move(s));
    return static_cast<std::uint32_t>(arc_station[a]);
  }

  // The path of `arcs` for `row`, made once: whole days between stations from the graph's hours.
  Path& path(std::uint32_t row, std::uint16_t corridor, std::span<const ArcId> arcs, const network::Graph& hours_of,
             double time_value_usd_per_teu_day) {
    auto key = std::make_pair(row, std::vector<ArcId>(arcs.begin(), arcs.end()));
    const auto [it, inserted] = path_of.emplace(std::move(key), static_cast<std::uint32_t>(in.paths.size()));
    if (!inserted) return in.paths[it->second];
    Path p;
    p.row = row;
    p.corridor = corridor;
    p.time_value_usd_per_teu_day = time_value_usd_per_teu_day;
    double hours = 0;
    std::uint32_t previous = 0;  // offset of the last station in days (0: the origin)
    for (ArcId a : arcs) {
      if (is_station(a)) {
        const auto rounded = static_cast<std::uint32_t>(std::lround(hours / 24.0));
        const std::uint32_t offset = p.stations.empty() ? rounded : std::max(previous + 1, rounded);
        p.stations.push_back(station(a));
        p.days_to.push_back(offset - previous);
        previous = offset;
      }
      hours += hours_of.arc_hours[a];
    }
    const auto total = static_cast<std::uint32_t>(std::lround(hours / 24.0));
    p.days_to_destination = std::max(previous, total) - previous;
    in.paths.push_back(std::move(p));
    return in.paths.back();
  }
};

}  // namespace

void validate(const DisruptionSettings& settings) {
  if (settings.days < 0) throw InputError("", "", "--days", fmt::format("expected a number of days >= 0, got {}", settings.days));
  if (settings.start_day < 0) throw InputError("", "", "--start", fmt::format("expected a day >= 0, got {}", settings.start_day));
  if (settings.horizon_days < 1) throw InputError("", "", "--horizon", fmt::format("expected a number of days >= 1, got {}", settings.horizon_days));
  if (settings.decision_lag_days < 0) throw InputError("", "", "--decision-lag", fmt::format("expected a number of days >= 0, got {}", settings.decision_lag_days));
  if (!(settings.teu_per_train > 0)) throw InputError("", "", "--teu-per-train", fmt::format("expected a number > 0, got {}", settings.teu_per_train));
}

SimulationInput build_input(const routing::Router& base_router, const freight::Demand& demand,
                            const freight::FreightParameters& parameters, const scenario::Comparison& comparison,
                            const DisruptionSettings& settings) {
  validate(settings);
  const freight::Demand& scenario_demand = comparison.applied.demand;
  if (scenario_demand.rows.size() != demand.rows.size()) {
    throw InputError(comparison.scenarios.empty() ? "" : comparison.scenarios.front().file, "", "scenario",
                     "disrupt needs a scenario that keeps the demand's rows (an [[avoid]] rule splits them)");
  }
  SimulationInput in;
  in.start_day = settings.start_day;
  in.end_day = settings.start_day + settings.days;
  in.decision_lag_days = settings.decision_lag_days;
  in.horizon_days = settings.horizon_days;
  in.teu_per_train = settings.teu_per_train;
  in.clear_slack_teu = settings.teu_per_train;
  in.delay_usd_per_teu_day = parameters.delay_usd_per_teu_day;
  const freight::FreightResult& b = comparison.baseline_result;
  const freight::FreightResult& s = comparison.scenario_result;
  in.corridor_names = b.corridor_names;
  Builder builder{base_router.network(), base_router.graph(), comparison.scenario_router->graph(),
                  comparison.applied.restrictions.blocked, in, std::vector<int>(base_router.graph().arc_count(), -1), {}};
  const std::size_t rows = demand.rows.size();
  in.row_held_teu_per_day.assign(rows, 0.0);
  in.row_time_value_usd_per_teu_day.assign(rows, 0.0);
  in.row_reroute_usd_per_teu.assign(rows, 0.0);
  const auto rate = [&](const freight::DemandRow& row) {
    return parameters.carrying_rate_per_year[static_cast<std::size_t>(row.commodity)] / 365.0;
  };
  std::vector<std::uint8_t> scenario_unroutable(rows, 0);
  for (std::size_t r : s.unroutable_rows) scenario_unroutable[r] = 1;
  std::vector<std::uint8_t> baseline_unroutable(rows, 0);
  for (std::size_t r : b.unroutable_rows) baseline_unroutable[r] = 1;
  for (std::uint32_t r = 0; r < rows; ++r) {
    const freight::DemandRow& row = demand.rows[r];
    in.row_time_value_usd_per_teu_day[r] = row.value_usd_per_teu * rate(row);
    if (baseline_unroutable[r]) continue;
    for (const freight::RowOption& o : b.row_options(r)) {
      const double tv = o.value_usd_per_teu * rate(row);
      Path& p = builder.path(r, o.corridor, b.arcs_of(o), base_router.graph(), tv);
      p.baseline_teu_per_day += row.teu_per_year * o.probability / 365.0;
    }
    if (scenario_unroutable[r]) {
      in.row_held_teu_per_day[r] = row.teu_per_year / 365.0;
      continue;
    }
    const freight::DemandRow& scenario_row = scenario_demand.rows[r];
    if (r < b.row_logsum_usd.size() && r < s.row_logsum_usd.size() && std::isfinite(b.row_logsum_usd[r]) && std::isfinite(s.row_logsum_usd[r])) {
      in.row_reroute_usd_per_teu[r] = s.row_logsum_usd[r] - b.row_logsum_usd[r];
    }
    for (const freight::RowOption& o : s.row_options(r)) {
      const double tv = o.value_usd_per_teu * rate(scenario_row);
      Path& p = builder.path(r, o.corridor, s.arcs_of(o), comparison.scenario_router->graph(), tv);
      p.disrupted_teu_per_day += scenario_row.teu_per_year * o.probability / 365.0;
    }
  }
  // The annual equilibrium may load a link beyond its nominal capacity (the volume-delay function
  // allows it, at a delay): such a link serves at least its equilibrium load a day, so that normal
  // times (and the scenario's steady state) have no queue that grows without end.
  std::vector<double> load(in.stations.size(), 0.0), disrupted_load(in.stations.size(), 0.0);
  for (const Path& p : in.paths) {
    for (std::uint32_t st : p.stations) {
      load[st] += p.baseline_teu_per_day;
      disrupted_load[st] += p.disrupted_teu_per_day;
    }
  }
  constexpr double margin = 1 + 1e-9;  // sums in another order must not leave a queue of rounding dust
  for (std::size_t st = 0; st < in.stations.size(); ++st) {
    Station& x = in.stations[st];
    x.capacity_teu_per_day = std::max(x.capacity_teu_per_day, (load[st] + x.background_teu_per_day) * margin);
    if (x.disrupted_capacity_teu_per_day > 0) {
      x.disrupted_capacity_teu_per_day =
          std::max(x.disrupted_capacity_teu_per_day, (disrupted_load[st] + x.disrupted_background_teu_per_day) * margin);
    }
  }
  return in;
}

DisruptionRun run_disruption(const routing::Router& base_router, const freight::Demand& demand,
                             const freight::FreightParameters& parameters, std::vector<scenario::Scenario> scenarios,
                             const DisruptionSettings& settings) {
  validate(settings);  // before the equilibria, which take seconds
  DisruptionRun run;
  run.settings = settings;
  run.comparison = scenario::compare(base_router, demand, parameters, std::move(scenarios));
  run.input = build_input(base_router, demand, parameters, *run.comparison, settings);
  run.result = simulate(run.input);
  return run;
}

}  // namespace landbridge::disrupt
