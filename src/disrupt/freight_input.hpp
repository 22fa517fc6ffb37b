// disrupt/freight_input.hpp: a disruption of the freight model's network, day by day: the
// baseline equilibrium's paths and flows (TEU a year -> TEU a day) fill the network at day 0, the
// scenario's closures and capacity changes act from the start day to the end, and after a decision
// lag the departures follow the scenario equilibrium's paths (docs/disruptions.md).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "disrupt/simulation.hpp"
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "routing/router.hpp"
#include "scenario/compare.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::disrupt {

// A train carries 108 TEU on average (China Railway 2023: 16,145 trains, 1.749 M TEU;
// data/eurasia/SOURCES.md [cr-2023-trains]), as the network counts capacities in trains.
inline constexpr double default_teu_per_train = 108;
// Days from the closure until departures follow the scenario's routes. Poland announced the
// September 2025 closure three days ahead (9 -> 12 Sep), yet trains that left after 12 Sep still ran
// to Brest and operators paused trains and opened rail-sea services only in the following days
// (New Silk Road Intermodal via Yicai, 22-24 Sep 2025): an estimate, docs/disruptions.md.
inline constexpr int default_decision_lag_days = 5;

struct DisruptionSettings {
  int start_day = 0;
  int days = 0;             // closure length; 0: none
  int horizon_days = 60;
  int decision_lag_days = default_decision_lag_days;
  double teu_per_train = default_teu_per_train;
};

struct DisruptionRun {
  std::unique_ptr<scenario::Comparison> comparison;  // both equilibria, the scenarios and their effects
  DisruptionSettings settings;
  SimulationInput input;
  SimulationResult result;
};

// Throws InputError naming the option (--days, --start, --horizon, --decision-lag, --teu-per-train).
void validate(const DisruptionSettings& settings);

// Builds the simulation from the two equilibria (only from public results: the options' arcs and
// probabilities, the graphs' hours and capacities). Throws InputError for a scenario whose demand
// has other rows than the baseline (an [[avoid]] rule splits rows) or settings out of range.
[[nodiscard]] SimulationInput build_input(const routing::Router& base_router, const freight::Demand& demand,
                                          const freight::FreightParameters& parameters,
                                          const scenario::Comparison& comparison, const DisruptionSettings& settings);

// Runs both equilibria (scenario::compare), builds the input and simulates.
[[nodiscard]] DisruptionRun run_disruption(const routing::Router& base_router, const freight::Demand& demand,
                                           const freight::FreightParameters& parameters,
                                           std::vector<scenario::Scenario> scenarios, const DisruptionSettings& settings);

}  // namespace landbridge::disrupt
