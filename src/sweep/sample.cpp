#include "sweep/sample.hpp"

#include <algorithm>
#include <cmath>

#include "sweep/random.hpp"

namespace landbridge::sweep {

SampleDraw draw_sample(const RiskModel& model, std::uint64_t seed, std::uint64_t index) {
  RandomStream random(seed, index);
  SampleDraw draw;
  draw.index = index;
  // One common factor and one common start per group (a one-factor Gaussian copula).
  std::vector<double> group_factor(model.groups.size()), group_start(model.groups.size());
  for (std::size_t g = 0; g < model.groups.size(); ++g) {
    group_factor[g] = random.normal();
    group_start[g] = random.uniform() * model.period_days;
  }
  for (std::uint32_t i = 0; i < model.elements.size(); ++i) {
    const RiskElement& e = model.elements[i];
    const double own = random.normal(), u_start = random.uniform(), u_duration = random.uniform(), u_severity = random.uniform();
    double latent = own;
    bool common_timing = false;
    if (e.group >= 0) {
      const RiskGroup& group = model.groups[static_cast<std::size_t>(e.group)];
      latent = std::sqrt(group.correlation) * group_factor[static_cast<std::size_t>(e.group)] + std::sqrt(1 - group.correlation) * own;
      common_timing = group.common_timing;
    }
    // latent is standard normal, so P(cdf(latent) < p) = p: the marginal probability is kept.
    if (!(normal_cdf(latent) < e.probability)) continue;
    Disruption d;
    d.element = i;
    d.start_day = common_timing ? group_start[static_cast<std::size_t>(e.group)] : u_start * model.period_days;
    d.end_day = std::min(model.period_days, d.start_day + e.duration_days.quantile(u_duration));
    d.severity = e.effect == EffectKind::close ? 1.0 : e.severity.quantile(u_severity);
    if (d.end_day > d.start_day) draw.disruptions.push_back(d);
  }
  return draw;
}

std::vector<State> states_of(const SampleDraw& draw, double period_days) {
  std::vector<double> cuts = {0, period_days};
  for (const Disruption& d : draw.disruptions) cuts.push_back(d.start_day), cuts.push_back(d.end_day);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<State> states;
  std::vector<std::uint32_t> active;
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    const double from = cuts[k], to = std::min(cuts[k + 1], period_days);
    if (!(to > from)) continue;
    active.clear();
    for (std::uint32_t j = 0; j < draw.disruptions.size(); ++j) {
      if (draw.disruptions[j].start_day <= from && draw.disruptions[j].end_day >= to) active.push_back(j);
    }
    auto same = std::find_if(states.begin(), states.end(), [&](const State& s) { return s.active == active; });
    if (same == states.end()) states.push_back(State{active, 0}), same = states.end() - 1;
    same->days += to - from;
  }
  return states;
}

}  // namespace landbridge::sweep
