// sweep/evaluate.hpp: the outcome of a risk sample — the freight model (docs/freight.md) solved for
// each state of the period (warm-started from the baseline's flows, or from those of the state's
// closures alone), weighted by the state's days. States made only of closures recur from sample to
// sample; each is solved once per run and kept.
#pragma once
#include <atomic>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <span>
#include <vector>

#include "freight/demand.hpp"
#include "freight/model.hpp"
#include "freight/parameters.hpp"
#include "routing/router.hpp"
#include "sweep/risk_model.hpp"
#include "sweep/sample.hpp"

namespace landbridge::sweep {

// Figures for one period (a year by default): TEU are per period; costs in USD per period.
struct Outcome {
  double logistics_cost_usd = 0;  // generalized cost: rates, transfers, customs, time, reliability, CO2 price
  // What shippers expect to pay, as the nested logit sees it: per row the logsum (expected minimum
  // of the options' costs with their calibrated constants) times its TEU. Its rise is the welfare
  // loss of a disruption (Small & Rosen 1981); unlike logistics_cost_usd it cannot fall when an
  // option closes.
  double perceived_cost_usd = 0;
  double freight_charges_usd = 0;
  double co2_tonnes = 0;
  double served_teu = 0, rail_teu = 0;
  double teu_days = 0;            // sum of TEU x days in transit (congestion included)
  double unserved_teu = 0;        // demand that no corridor could carry
  std::vector<double> transit_teu_by_country;  // Evaluator::countries() order
  int states = 0;                 // freight-model solves behind the figures
  int iterations = 0;             // equilibrium iterations, summed over the states
  bool converged = true;          // every state's equilibrium reached its gap
  double worst_gap = 0;           // the largest final relative gap of the states' equilibria

  [[nodiscard]] double rail_share() const { return served_teu > 0 ? rail_teu / served_teu : 0; }
  [[nodiscard]] double avg_days() const { return served_teu > 0 ? teu_days / served_teu : 0; }
  void add_scaled(const Outcome& other, double weight);
};

struct EvaluatorOptions {
  // Start each state's equilibrium from the flows of its closures alone (solved once and kept), or
  // from the baseline's for a state without closures; false: from an empty network.
  bool warm_start = true;
};

// Work behind the outcomes so far (all threads): equilibria solved, and states taken from the cache
// of closure-only states instead.
struct EvaluatorCounts {
  std::uint64_t solved = 0, reused = 0, iterations = 0;
};

// Immutable once built: evaluate() may be called from many threads at once.
class Evaluator {
 public:
  // Solves the baseline and checks that every element's rules match the network (InputError with
  // the risk file's line and key otherwise). Keeps references to all four arguments.
  Evaluator(const routing::Router& base_router, const freight::Demand& demand, const freight::FreightParameters& parameters,
            const RiskModel& model, EvaluatorOptions options = {});

  [[nodiscard]] const Outcome& baseline() const { return baseline_; }
  [[nodiscard]] const freight::FreightResult& baseline_result() const { return baseline_result_; }
  [[nodiscard]] const std::vector<std::string>& countries() const { return countries_; }
  [[nodiscard]] const RiskModel& model() const { return model_; }

  // The period's outcome: each state solved once (the undisrupted state is the baseline), weighted
  // by its share of the period.
  [[nodiscard]] Outcome evaluate(const SampleDraw& draw) const;
  // The outcome with these rules in force for the whole period (always solved, from the baseline).
  [[nodiscard]] Outcome evaluate_rules(std::vector<scenario::Rule> rules) const;
  // The outcome with these elements closed outright for the whole period (their `also` rules
  // applied); `elements` ascending. Solved once per Evaluator, then taken from its cache.
  [[nodiscard]] Outcome evaluate_closed(const std::vector<std::uint32_t>& elements) const;

  [[nodiscard]] EvaluatorCounts counts() const;

 private:
  struct Solved {
    Outcome outcome;
    std::vector<double> flows;  // arc flows of the equilibrium (TEU/day), a warm start for others
  };
  [[nodiscard]] Outcome outcome_of(const freight::FreightModel& model, const freight::FreightResult& result) const;
  [[nodiscard]] Solved solve(std::vector<scenario::Rule> rules, std::span<const double> start_flows) const;
  [[nodiscard]] std::shared_ptr<const Solved> closed_state(const std::vector<std::uint32_t>& elements) const;

  const routing::Router& base_router_;
  const freight::Demand& demand_;
  const freight::FreightParameters& parameters_;
  const RiskModel& model_;
  EvaluatorOptions options_;
  std::vector<std::string> countries_;
  freight::FreightResult baseline_result_;
  Outcome baseline_;
  // Closure-only states by their closed elements. A state's outcome depends on nothing else, so
  // reusing it gives the same bytes as solving it again, on any thread.
  mutable std::mutex cache_mutex_;
  mutable std::map<std::vector<std::uint32_t>, std::shared_future<std::shared_ptr<const Solved>>> closed_cache_;
  mutable std::atomic<std::uint64_t> solved_{0}, reused_{0}, iterations_{0};
};

}  // namespace landbridge::sweep
