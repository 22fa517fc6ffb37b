// fuzz/scenario_toml.cpp: the scenario reader (scenario/scenario, TOML through toml++), then the
// accepted scenario applied to the embedded Eurasia network, demand and parameters (rules naming
// what the network lacks are InputErrors too). The applied network keeps the base's links.
#include "common/input_error.hpp"
#include "fixtures.hpp"
#include "fuzz_target.hpp"
#include "scenario/scenario.hpp"

LANDBRIDGE_FUZZ_TARGET(scenario_toml) {
  using namespace landbridge;
  const fuzz::Eurasia& eurasia = fuzz::eurasia();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const scenario::Scenario s = scenario::parse_scenario(text, "scenario.toml");
    fuzz::check(!s.name.empty() && !s.rules.empty(), "an accepted scenario has a name and rules");
    const scenario::AppliedScenario applied =
        scenario::apply_scenarios({s}, eurasia.network, eurasia.graph, eurasia.demand, eurasia.parameters);
    fuzz::check(applied.network.link_count() == eurasia.network.link_count(), "the applied network keeps every link");
  } catch (const InputError&) {
  }
  return 0;
}
