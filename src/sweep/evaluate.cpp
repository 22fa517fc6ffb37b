#include "sweep/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "freight/summary.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::sweep {

void Outcome::add_scaled(const Outcome& other, double weight) {
  logistics_cost_usd += weight * other.logistics_cost_usd;
  perceived_cost_usd += weight * other.perceived_cost_usd;
  freight_charges_usd += weight * other.freight_charges_usd;
  co2_tonnes += weight * other.co2_tonnes;
  served_teu += weight * other.served_teu;
  rail_teu += weight * other.rail_teu;
  teu_days += weight * other.teu_days;
  unserved_teu += weight * other.unserved_teu;
  transit_teu_by_country.resize(std::max(transit_teu_by_country.size(), other.transit_teu_by_country.size()), 0.0);
  for (std::size_t c = 0; c < other.transit_teu_by_country.size(); ++c) transit_teu_by_country[c] += weight * other.transit_teu_by_country[c];
}

Evaluator::Evaluator(const routing::Router& base_router, const freight::Demand& demand, const freight::FreightParameters& parameters,
                     const RiskModel& model, EvaluatorOptions options)
    : base_router_(base_router), demand_(demand), parameters_(parameters), model_(model), options_(options) {
  std::set<std::string> countries;
  const network::Network& net = base_router.network();
  for (NodeId v = 0; v < net.node_count(); ++v)
    if (!net.node(v).country.empty()) countries.insert(net.node(v).country);
  countries_.assign(countries.begin(), countries.end());
  // Every element must name something: apply each one's rules once (errors carry file, line, key).
  for (const RiskElement& e : model.elements) {
    scenario::Scenario check;
    check.name = e.name;
    check.rules = disruption_rules(e, e.effect == EffectKind::close ? 1.0 : e.severity.upper());
    (void)scenario::apply_scenarios({check}, net, base_router.graph(), demand, parameters);
  }
  const freight::FreightModel base(base_router, demand, parameters);
  baseline_result_ = base.solve();
  baseline_ = outcome_of(base, baseline_result_);
}

Outcome Evaluator::outcome_of(const freight::FreightModel& model, const freight::FreightResult& result) const {
  const freight::FreightSummary summary = freight::summarize(model, result);
  Outcome o;
  o.logistics_cost_usd = summary.logistics_cost_usd;
  o.freight_charges_usd = summary.freight_charges_usd;
  o.co2_tonnes = summary.co2_tonnes;
  for (const auto& [mode, teu] : summary.teu_by_mode) {
    o.served_teu += teu;
    const auto days = summary.avg_days_by_mode.find(mode);
    if (days != summary.avg_days_by_mode.end()) o.teu_days += teu * days->second;
  }
  const auto rail = summary.teu_by_mode.find("rail");
  o.rail_teu = rail == summary.teu_by_mode.end() ? 0 : rail->second;
  for (std::size_t r : result.unroutable_rows) o.unserved_teu += model.demand().rows[r].teu_per_year;
  for (std::size_t r = 0; r < result.row_logsum_usd.size(); ++r) {
    if (!std::isnan(result.row_logsum_usd[r])) o.perceived_cost_usd += model.demand().rows[r].teu_per_year * result.row_logsum_usd[r];
  }
  o.transit_teu_by_country.assign(countries_.size(), 0.0);
  for (std::size_t c = 0; c < countries_.size(); ++c) {
    const auto it = summary.transit_teu_by_country.find(countries_[c]);
    if (it != summary.transit_teu_by_country.end()) o.transit_teu_by_country[c] = it->second;
  }
  o.states = 1;
  o.iterations = result.iterations;
  o.converged = result.converged;
  o.worst_gap = result.relative_gap;
  return o;
}

Evaluator::Solved Evaluator::solve(std::vector<scenario::Rule> rules, std::span<const double> start_flows) const {
  scenario::Scenario s;
  s.name = model_.name;
  s.rules = std::move(rules);
  const scenario::AppliedScenario applied =
      scenario::apply_scenarios({s}, base_router_.network(), base_router_.graph(), demand_, parameters_);
  const routing::Router router(applied.network);
  const freight::FreightModel model(router, applied.demand, applied.parameters, &applied.restrictions);
  const freight::FreightResult result = start_flows.empty() ? model.solve() : model.solve_from(start_flows);
  solved_.fetch_add(1, std::memory_order_relaxed);
  iterations_.fetch_add(static_cast<std::uint64_t>(result.iterations), std::memory_order_relaxed);
  return Solved{outcome_of(model, result), result.arc_flow_teu_per_day};
}

Outcome Evaluator::evaluate_rules(std::vector<scenario::Rule> rules) const {
  return solve(std::move(rules), options_.warm_start ? std::span<const double>(baseline_result_.arc_flow_teu_per_day) : std::span<const double>())
      .outcome;
}

std::shared_ptr<const Evaluator::Solved> Evaluator::closed_state(const std::vector<std::uint32_t>& elements) const {
  std::promise<std::shared_ptr<const Solved>> promise;
  {
    const std::lock_guard lock(cache_mutex_);
    const auto it = closed_cache_.find(elements);
    if (it != closed_cache_.end()) {
      const auto known = it->second;  // solved, or being solved by another thread: wait for it
      reused_.fetch_add(1, std::memory_order_relaxed);
      return known.get();
    }
    closed_cache_.emplace(elements, promise.get_future().share());
  }
  try {
    std::vector<scenario::Rule> rules;
    for (std::uint32_t e : elements) {
      const auto more = disruption_rules(model_.elements[e], 1.0, /*closed=*/true);
      rules.insert(rules.end(), more.begin(), more.end());
    }
    auto solved = std::make_shared<const Solved>(solve(std::move(rules), options_.warm_start ? std::span<const double>(baseline_result_.arc_flow_teu_per_day)
                                                                                             : std::span<const double>()));
    promise.set_value(solved);
    return solved;
  } catch (...) {
    promise.set_exception(std::current_exception());
    throw;
  }
}

Outcome Evaluator::evaluate_closed(const std::vector<std::uint32_t>& elements) const { return closed_state(elements)->outcome; }

EvaluatorCounts Evaluator::counts() const {
  return EvaluatorCounts{solved_.load(), reused_.load(), iterations_.load()};
}

Outcome Evaluator::evaluate(const SampleDraw& draw) const {
  Outcome total;
  total.transit_teu_by_country.assign(countries_.size(), 0.0);
  total.states = 0;
  std::vector<std::uint32_t> closed;
  for (const State& state : states_of(draw, model_.period_days)) {
    const double weight = state.days / model_.period_days;
    if (state.active.empty()) {
      total.add_scaled(baseline_, weight);
      continue;
    }
    std::vector<scenario::Rule> rules;
    closed.clear();
    for (std::uint32_t j : state.active) {
      const Disruption& d = draw.disruptions[j];
      const RiskElement& e = model_.elements[d.element];
      if (e.effect == EffectKind::close) closed.push_back(d.element);
      const auto more = disruption_rules(e, d.severity);
      rules.insert(rules.end(), more.begin(), more.end());
    }
    Outcome o;
    if (closed.size() == state.active.size()) {
      o = closed_state(closed)->outcome;  // recurs across samples: solved once
    } else {
      // Closures move the flows most: start from their equilibrium, when there are any.
      const std::shared_ptr<const Solved> start = closed.empty() || !options_.warm_start ? nullptr : closed_state(closed);
      o = solve(std::move(rules), start != nullptr                ? std::span<const double>(start->flows)
                                  : options_.warm_start           ? std::span<const double>(baseline_result_.arc_flow_teu_per_day)
                                                                  : std::span<const double>())
              .outcome;
    }
    total.add_scaled(o, weight);
    total.states += 1;
    total.iterations += o.iterations;
    total.converged = total.converged && o.converged;
    total.worst_gap = std::max(total.worst_gap, o.worst_gap);
  }
  return total;
}

}  // namespace landbridge::sweep
