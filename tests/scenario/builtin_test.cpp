// Each built-in scenario on the embedded network: the direction and rough size of its effect.
// Figures in comments are what the model gave when the test was written (docs/scenarios.md).
#include <algorithm>
#include <gtest/gtest.h>

#include "scenario/fixture.hpp"

namespace landbridge::scenario {
namespace {

using testing::run;

const Comparison& red_sea() {
  static const auto c = run({"red-sea-closure"});
  return *c;
}

double rail_westbound(const freight::FreightSummary& s) { return s.teu_by_direction_mode.at("CN->EU").at("rail"); }

// TEU-weighted km of the sea options of rows from China.
double sea_km_from_china(const Comparison& c, bool scenario) {
  const auto& r = scenario ? c.scenario_result : c.baseline_result;
  const auto& demand = scenario ? c.applied.demand : testing::eurasia().demand;
  double km = 0, teu = 0;
  for (std::size_t row = 0; row < demand.rows.size(); ++row) {
    if (testing::eurasia().network.node(demand.rows[row].origin).country != "CN") continue;
    for (const auto& o : r.row_options(row)) {
      if (r.corridor_modes[o.corridor] != "sea") continue;
      km += demand.rows[row].teu_per_year * o.probability * o.km;
      teu += demand.rows[row].teu_per_year * o.probability;
    }
  }
  return km / teu;
}

TEST(BuiltinScenario, RedSeaClosureSendsShipsRoundTheCapeAndDoublesRail) {
  const Comparison& c = red_sea();
  EXPECT_LT(c.scenario.teu_by_corridor.at("sea-suez"), 1.0);
  // +7-14 days published; model 28.6 -> 39.2 days.
  const double extra_days = c.scenario.avg_days_by_mode.at("sea") - c.baseline.avg_days_by_mode.at("sea");
  EXPECT_GT(extra_days, 7.0);
  EXPECT_LT(extra_days, 14.0);
  // ~+3,500 nm = 6,482 km published.
  const double extra_km = sea_km_from_china(c, true) - sea_km_from_china(c, false);
  EXPECT_GT(extra_km, 5000.0);
  EXPECT_LT(extra_km, 8000.0);
  // 2024 published: rail China->EU 412,000 TEU westbound, about twice 2023. Model: 138,000 -> ~467,000.
  EXPECT_GT(rail_westbound(c.scenario), 2.0 * rail_westbound(c.baseline));
  EXPECT_GT(rail_westbound(c.scenario), 300000.0);
  EXPECT_LT(rail_westbound(c.scenario), 650000.0);
  // High-value cargo moves first: electronics gain more rail share than bulk.
  const auto share = [](const freight::FreightSummary& s, const char* commodity) {
    const double rail = s.teu_by_mode_commodity.at("rail").at(commodity);
    return rail / (rail + s.teu_by_mode_commodity.at("sea").at(commodity));
  };
  EXPECT_GT(share(c.scenario, "electronics") - share(c.baseline, "electronics"),
            share(c.scenario, "bulk-in-containers") - share(c.baseline, "bulk-in-containers"));
  // Up to the capacity of the crossings: the busiest runs at >= 70 % of capacity with queues many
  // times the baseline's, and the equilibrium settles.
  double busiest = 0, baseline_delay = 0, scenario_delay = 0;
  for (const auto& x : c.scenario.crossings) {
    busiest = std::max(busiest, x.utilization);
    if (x.id == "T-BRS-MAL" && x.from == "BYBRS") scenario_delay = x.delay_hours;
  }
  for (const auto& x : c.baseline.crossings) {
    if (x.id == "T-BRS-MAL" && x.from == "BYBRS") baseline_delay = x.delay_hours;
  }
  EXPECT_GE(busiest, 0.7);
  EXPECT_GT(scenario_delay, 5 * baseline_delay);
  EXPECT_TRUE(c.scenario_result.converged);
}

TEST(BuiltinScenario, EuBelarusBorderClosureShiftsRailToTheBalticRouteAndCutsIt) {
  const auto c = run({"eu-belarus-border-closure"});
  for (const auto& x : c->scenario.crossings) {
    if (x.id == "T-BRS-MAL") {
      EXPECT_LT(x.teu_per_day, 0.5);
    }
  }
  const double rail_b = c->baseline.teu_by_mode.at("rail"), rail_s = c->scenario.teu_by_mode.at("rail");
  EXPECT_LT(rail_s, 0.95 * rail_b);  // model: 216,000 -> 181,000
  EXPECT_GT(rail_s, 0.5 * rail_b);
  EXPECT_GT(c->scenario.transit_teu_by_country.at("LT"), 0.5 * rail_s);  // via Kaliningrad / Šeštokai
}

TEST(BuiltinScenario, LithuaniaTransitClosedMattersOnlyOnceBelarusIsClosed) {
  const auto alone = run({"lithuania-transit-closed"});
  EXPECT_NEAR(alone->scenario.teu_by_mode.at("rail"), alone->baseline.teu_by_mode.at("rail"), 0.02 * alone->baseline.teu_by_mode.at("rail"));
  const auto both = run({"eu-belarus-border-closure", "lithuania-transit-closed"});
  const auto by_only = run({"eu-belarus-border-closure"});
  EXPECT_FALSE(both->scenario.transit_teu_by_country.contains("LT") && both->scenario.transit_teu_by_country.at("LT") > 1.0);
  EXPECT_LT(both->scenario.teu_by_mode.at("rail"), 0.7 * by_only->scenario.teu_by_mode.at("rail"));
}

TEST(BuiltinScenario, MalaszewiczeExpansionRelievesBrestWhenRailIsBusy) {
  const auto alone = run({"malaszewicze-expansion"});
  EXPECT_NEAR(alone->scenario.teu_by_mode.at("rail"), alone->baseline.teu_by_mode.at("rail"), 0.02 * alone->baseline.teu_by_mode.at("rail"));
  const auto both = run({"red-sea-closure", "malaszewicze-expansion"});
  auto delay = [](const freight::FreightSummary& s) {
    for (const auto& x : s.crossings) if (x.id == "T-BRS-MAL" && x.from == "BYBRS") return x.delay_hours;
    return -1.0;
  };
  EXPECT_LT(delay(both->scenario), 0.5 * delay(red_sea().scenario));
  EXPECT_GT(both->scenario.teu_by_mode.at("rail"), red_sea().scenario.teu_by_mode.at("rail"));
}

TEST(BuiltinScenario, MiddleCorridorUpgradeMultipliesItsTraffic) {
  const auto c = run({"middle-corridor-upgrade"});
  EXPECT_GT(c->scenario.teu_by_corridor.at("middle"), 5.0 * c->baseline.teu_by_corridor.at("middle"));  // model: 41 -> 652
  EXPECT_NEAR(c->scenario.teu_by_mode.at("rail"), c->baseline.teu_by_mode.at("rail"), 0.02 * c->baseline.teu_by_mode.at("rail"));
}

TEST(BuiltinScenario, CarbonPriceCutsCo2AndRaisesCost) {
  const auto c = run({"carbon-price-100"});
  EXPECT_LT(c->scenario.co2_tonnes, c->baseline.co2_tonnes);
  EXPECT_GT(c->scenario.logistics_cost_usd, 1.05 * c->baseline.logistics_cost_usd);
  // Rail emits more per TEU than the ship on this network's figures, so it loses share (model: -13 %).
  EXPECT_LT(c->scenario.teu_by_mode.at("rail"), 0.95 * c->baseline.teu_by_mode.at("rail"));
}

TEST(BuiltinScenario, AlashankouDostykClosureShiftsTheKazakhCorridorToKhorgosAndMongolia) {
  const auto c = run({"alashankou-dostyk-closure"});
  for (const auto& x : c->scenario.crossings) {
    if (x.id == "T-AKA-DOS") {
      EXPECT_LT(x.teu_per_day, 0.5);
    }
  }
  // Model: northern 140,500 -> 111,600 (Khorgos takes the rest), Mongolia 69,300 -> 87,400, rail -5 %.
  EXPECT_LT(c->scenario.teu_by_corridor.at("northern"), c->baseline.teu_by_corridor.at("northern"));
  EXPECT_GT(c->scenario.teu_by_corridor.at("northern"), 0.5 * c->baseline.teu_by_corridor.at("northern"));
  EXPECT_GT(c->scenario.teu_by_corridor.at("mongolia"), c->baseline.teu_by_corridor.at("mongolia"));
  EXPECT_LT(c->scenario.teu_by_mode.at("rail"), c->baseline.teu_by_mode.at("rail"));
  EXPECT_GT(c->scenario.teu_by_mode.at("rail"), 0.8 * c->baseline.teu_by_mode.at("rail"));
}

TEST(BuiltinScenario, SuezBlockageForAYearSendsShipsRoundTheCape) {
  const auto c = run({"suez-blockage"});
  EXPECT_LT(c->scenario.teu_by_corridor.at("sea-suez"), 1.0);
  EXPECT_GT(c->scenario.teu_by_corridor.at("sea-cape"), 0.9 * c->baseline.teu_by_mode.at("sea"));
  // Without the Red Sea scenario's rate rise the rail gain is smaller than under red-sea-closure.
  EXPECT_GT(c->scenario.teu_by_mode.at("rail"), 1.5 * c->baseline.teu_by_mode.at("rail"));
  EXPECT_LT(c->scenario.teu_by_mode.at("rail"), red_sea().scenario.teu_by_mode.at("rail"));
}

}  // namespace
}  // namespace landbridge::scenario
