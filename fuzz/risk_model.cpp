// fuzz/risk_model.cpp: the risk-model reader (sweep/risk_model, TOML through toml++), then each
// accepted element's rules applied to the embedded Eurasia network (as the sweep checks them), and
// a few samples drawn and cut into states: starts and ends inside the period, states covering it.
#include <cmath>

#include "common/input_error.hpp"
#include "fixtures.hpp"
#include "fuzz_target.hpp"
#include "scenario/scenario.hpp"
#include "sweep/risk_model.hpp"
#include "sweep/sample.hpp"

LANDBRIDGE_FUZZ_TARGET(risk_model) {
  using namespace landbridge;
  const fuzz::Eurasia& eurasia = fuzz::eurasia();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const sweep::RiskModel model = sweep::parse_risk_model(text, "risk.toml");
    fuzz::check(!model.name.empty() && !model.elements.empty(), "an accepted risk model has a name and elements");
    for (const sweep::RiskElement& e : model.elements) {
      fuzz::check(e.probability >= 0 && e.probability <= 1, "probabilities lie in [0, 1]");
      scenario::Scenario s;
      s.name = e.name;
      s.rules = sweep::disruption_rules(e, e.effect == sweep::EffectKind::close ? 1.0 : e.severity.upper());
      (void)scenario::apply_scenarios({s}, eurasia.network, eurasia.graph, eurasia.demand, eurasia.parameters);
    }
    for (std::uint64_t i = 0; i < 4; ++i) {
      const sweep::SampleDraw draw = sweep::draw_sample(model, 1, i);
      for (const sweep::Disruption& d : draw.disruptions) {
        fuzz::check(d.start_day >= 0 && d.end_day <= model.period_days && d.end_day > d.start_day, "disruptions lie inside the period");
        fuzz::check(std::isfinite(d.severity), "severities are finite");
      }
      double days = 0;
      for (const sweep::State& state : sweep::states_of(draw, model.period_days)) days += state.days;
      fuzz::check(std::fabs(days - model.period_days) <= 1e-9 * model.period_days, "the states cover the period");
    }
  } catch (const InputError&) {
  }
  return 0;
}
