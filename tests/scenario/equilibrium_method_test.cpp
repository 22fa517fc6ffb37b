// The default equilibrium method (Anderson acceleration) against the method of successive averages
// on the embedded network, at the relative gap of 1e-4: the baseline and every built-in scenario
// give the same mode shares within 0.1 percentage point and the same crossing flows within 1 %.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "freight/summary.hpp"
#include "scenario/fixture.hpp"

namespace landbridge::scenario {
namespace {

struct Solved {
  freight::FreightResult result;
  freight::FreightSummary summary;
};

Solved solve(const std::vector<Scenario>& scenarios, freight::EquilibriumMethod method) {
  const testing::Eurasia& e = testing::eurasia();
  const AppliedScenario applied = apply_scenarios(scenarios, e.network, e.router->graph(), e.demand, e.parameters);
  freight::FreightParameters parameters = applied.parameters;
  parameters.equilibrium_method = method;
  parameters.relative_gap = 1e-4;
  const routing::Router router(applied.network);
  const freight::FreightModel model(router, applied.demand, parameters, &applied.restrictions);
  Solved run;
  run.result = model.solve();
  run.summary = freight::summarize(model, run.result);
  return run;
}

class EquilibriumMethods : public ::testing::TestWithParam<std::string> {};

TEST_P(EquilibriumMethods, AndersonAgreesWithSuccessiveAveragesAtTheGap) {
  std::vector<Scenario> scenarios;
  if (GetParam() != "baseline") scenarios.push_back(resolve_scenario(GetParam(), LANDBRIDGE_DATA_DIR));
  const Solved msa = solve(scenarios, freight::EquilibriumMethod::msa);
  const Solved anderson = solve(scenarios, freight::EquilibriumMethod::anderson);
  ASSERT_TRUE(msa.result.converged);
  ASSERT_TRUE(anderson.result.converged);
  EXPECT_LE(anderson.result.iterations, msa.result.iterations);
  for (const auto& [mode, share] : msa.summary.share_by_mode)
    EXPECT_NEAR(anderson.summary.share_by_mode.at(mode), share, 0.001) << mode;  // 0.1 percentage point
  // Crossing flows (capacity links and direction) within 1 %; flows under 1 TEU a day within 0.01 TEU.
  ASSERT_EQ(msa.summary.crossings.size(), anderson.summary.crossings.size());
  for (const freight::CrossingUse& old : msa.summary.crossings) {
    const auto same = std::find_if(anderson.summary.crossings.begin(), anderson.summary.crossings.end(),
                                   [&](const freight::CrossingUse& c) { return c.id == old.id && c.from == old.from; });
    ASSERT_NE(same, anderson.summary.crossings.end()) << old.id;
    EXPECT_NEAR(same->teu_per_day, old.teu_per_day, std::max(0.01 * old.teu_per_day, 0.01)) << old.id << " from " << old.from;
  }
}

INSTANTIATE_TEST_SUITE_P(BaselineAndBuiltins, EquilibriumMethods,
                         ::testing::Values("baseline", "alashankou-dostyk-closure", "carbon-price-100", "eu-belarus-border-closure",
                                           "lithuania-transit-closed", "malaszewicze-expansion", "middle-corridor-upgrade",
                                           "red-sea-closure", "suez-blockage"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// Every built-in scenario is in the list above.
TEST(EquilibriumMethods, CoverEveryBuiltinScenario) {
  const std::vector<std::string> tested = {"alashankou-dostyk-closure", "carbon-price-100", "eu-belarus-border-closure",
                                           "lithuania-transit-closed", "malaszewicze-expansion", "middle-corridor-upgrade",
                                           "red-sea-closure", "suez-blockage"};
  std::vector<std::string> builtin;
  for (const Scenario& s : builtin_scenarios(LANDBRIDGE_DATA_DIR)) builtin.push_back(s.name);
  EXPECT_EQ(builtin, tested);
}

}  // namespace
}  // namespace landbridge::scenario
