// scenario/compare.hpp: a baseline and a scenario run of the freight model on the same demand,
// and their differences: shares by mode and corridor, TEU through each country, days and USD per
// TEU by mode, crossings that saturate, logistics cost and CO2 (docs/scenarios.md).
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "freight/summary.hpp"
#include "routing/router.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::scenario {

// A crossing counts as saturated from this use of its capacity (flow / capacity).
inline constexpr double saturated_utilization = 0.9;

struct Comparison {
  std::vector<Scenario> scenarios;
  AppliedScenario applied;
  std::unique_ptr<routing::Router> scenario_router;  // on applied.network
  freight::FreightResult baseline_result, scenario_result;
  freight::FreightSummary baseline, scenario;
};

// Runs both. `base_router` is on the base network; demand and parameters are the baseline's.
[[nodiscard]] std::unique_ptr<Comparison> compare(const routing::Router& base_router, const freight::Demand& demand,
                                                  const freight::FreightParameters& parameters,
                                                  std::vector<Scenario> scenarios);

// {"scenarios":[...], "rules":[...], "baseline":{assign JSON}, "scenario":{assign JSON}, "delta":{...}}
[[nodiscard]] nlohmann::ordered_json comparison_json(const Comparison& comparison);

// The deltas as tables for people.
[[nodiscard]] std::string comparison_table(const Comparison& comparison);

// Per-link flows of both runs as GeoJSON (links with flow in either run, or closed).
[[nodiscard]] nlohmann::ordered_json flows_geojson(const routing::Router& base_router, const Comparison& comparison);

// Writes summary.json, flows.geojson, link_flows.csv, modes.csv, corridors.csv, markets.csv, countries.csv,
// crossings.csv and report.html into an existing folder, each atomically. `countries_geojson` is
// the text of the country shapes inlined into the report's map (may be empty: no background).
void write_comparison(const std::filesystem::path& folder, const routing::Router& base_router, const Comparison& comparison,
                      const std::string& countries_geojson);

}  // namespace landbridge::scenario
