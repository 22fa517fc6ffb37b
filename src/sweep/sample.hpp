// sweep/sample.hpp: one Monte Carlo sample of a risk model — which elements fail in the period,
// when, for how long and how badly — and the year cut into states: stretches of time during which
// the same disruptions are in force, each evaluated once by the freight model.
#pragma once
#include <cstdint>
#include <vector>

#include "sweep/risk_model.hpp"

namespace landbridge::sweep {

struct Disruption {
  std::uint32_t element = 0;  // index into RiskModel::elements
  double start_day = 0;       // from the start of the period
  double end_day = 0;         // cut at the period's end: a longer disruption belongs partly to the next period
  double severity = 0;        // the element's effect (unused for closures)
};

struct SampleDraw {
  std::uint64_t index = 0;
  std::vector<Disruption> disruptions;  // in element order
};

// The disruptions of sample `index`. Uses only (seed, index): the same whatever the thread, rank
// or order of evaluation. Each element consumes the same random numbers whether or not it fails,
// so changing one element's probability leaves the others' draws alone.
[[nodiscard]] SampleDraw draw_sample(const RiskModel& model, std::uint64_t seed, std::uint64_t index);

struct State {
  std::vector<std::uint32_t> active;  // indices into SampleDraw::disruptions, ascending; empty = no disruption
  double days = 0;                    // total time in this state within the period
};

// The distinct sets of disruptions in force during the period, with the days spent in each, in
// order of first appearance; the days add up to period_days.
[[nodiscard]] std::vector<State> states_of(const SampleDraw& draw, double period_days);

}  // namespace landbridge::sweep
