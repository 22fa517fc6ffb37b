// The freight model on the tiny network: the nested logit against its closed form, the effect of
// cargo value, and congestion at a crossing whose capacity is halved.
#include <gtest/gtest.h>

#include <cmath>

#include "freight/model.hpp"
#include "freight/summary.hpp"
#include "io/network_geojson.hpp"

namespace landbridge::freight {
namespace {

const std::filesystem::path folder = std::filesystem::path(LANDBRIDGE_TEST_DATA_DIR) / "tiny-freight";

struct Fixture {
  explicit Fixture(network::Network net) : network(std::move(net)), router(network) {
    demand = load_demand(folder / "demand.csv", network);
    parameters = load_freight_parameters(folder / "freight-parameters.json");
  }
  Fixture() : Fixture(io::load_network(folder)) {}
  network::Network network;
  routing::Router router;
  Demand demand;
  FreightParameters parameters;

  FreightResult solve() const { return FreightModel(router, demand, parameters).solve(); }
  double rail_share(const FreightResult& result) const {
    double rail = 0;
    for (const RowOption& o : result.row_options(0)) if (result.corridor_modes[o.corridor] == "rail") rail += o.probability;
    return rail;
  }
  double option_probability(const FreightResult& result, const std::string& corridor) const {
    for (const RowOption& o : result.row_options(0)) if (result.corridor_names[o.corridor] == corridor) return o.probability;
    return 0;
  }
};

// Hand-worked route figures (tests/data/tiny/README.md): north 4,050 USD / 146 h, Baltic 4,710 / 175,
// Suez 2,080 / 560, Cape 2,780 / 860. An hour of electronics worth $100,000 at 40 % a year costs
// 100,000 x 0.4 / 8,760 USD, plus the reliability buffer (20 % rail, 15 % sea).
TEST(FreightModel, MatchesTheClosedFormNestedLogit) {
  const Fixture f;
  const FreightResult result = f.solve();
  ASSERT_TRUE(result.converged);
  const double h = 100000.0 * 0.4 / 8760.0;
  const double cost[4] = {4050 + h * 1.2 * 146, 4710 + h * 1.2 * 175, 2080 + h * 1.15 * 560, 2780 + h * 1.15 * 860};
  const double mu = 0.005, theta = 0.002, rail_constant = -300;
  const double rail_sum = std::exp(-mu * cost[0]) + std::exp(-mu * cost[1]);
  const double sea_sum = std::exp(-mu * cost[2]) + std::exp(-mu * cost[3]);
  const double rail_logsum = -std::log(rail_sum) / mu + rail_constant, sea_logsum = -std::log(sea_sum) / mu;
  const double p_rail = 1.0 / (1.0 + std::exp(-theta * (sea_logsum - rail_logsum)));
  const double expected[4] = {p_rail * std::exp(-mu * cost[0]) / rail_sum, p_rail * std::exp(-mu * cost[1]) / rail_sum,
                              (1 - p_rail) * std::exp(-mu * cost[2]) / sea_sum, (1 - p_rail) * std::exp(-mu * cost[3]) / sea_sum};
  const char* names[4] = {"northern", "baltic", "sea-suez", "sea-cape"};
  ASSERT_EQ(result.row_options(0).size(), 4u);
  for (int k = 0; k < 4; ++k) {
    EXPECT_NEAR(f.option_probability(result, names[k]), expected[k], 1e-9) << names[k];
  }
  for (const RowOption& o : result.row_options(0)) {
    const int k = o.corridor == 0 ? 0 : o.corridor == 1 ? 1 : o.corridor == 2 ? 2 : 3;
    EXPECT_NEAR(o.generalized_usd, cost[k], 1e-6) << names[k];
  }
  // The loading puts the row's TEU per day on each option's links.
  const FreightSummary s = summarize(FreightModel(f.router, f.demand, f.parameters), result);
  EXPECT_NEAR(s.teu_by_mode.at("rail"), 3650 * p_rail, 1e-6);
  EXPECT_NEAR(s.teu_by_corridor.at("baltic"), 3650 * expected[1], 1e-6);
}

TEST(FreightModel, DearerCargoMovesToRail) {
  Fixture f;
  double previous = -1;
  for (double value : {5000.0, 20000.0, 50000.0, 100000.0, 200000.0}) {
    f.demand.rows[0].value_usd_per_teu = value;
    const double share = f.rail_share(f.solve());
    EXPECT_GT(share, previous) << "value " << value;
    previous = share;
  }
  EXPECT_GT(previous, 0.5);  // $200,000 a TEU: rail wins
}

TEST(FreightModel, HalvingACrossingsCapacityMovesTrafficAway) {
  // Enough demand to use the Brest -> Małaszewicze transfer (t2) near its capacity.
  auto with_capacity = [](double t2_capacity) {
    const network::Network base = io::load_network(folder);
    std::vector<network::Link> links = base.links();
    links[base.find_link("t2")].capacity_teu_per_day = t2_capacity;
    return network::Network(base.nodes(), links);
  };
  auto run = [&](double t2_capacity) {
    Fixture f(with_capacity(t2_capacity));
    f.demand.rows[0].teu_per_year = 365.0 * 1000;  // 1,000 TEU a day
    f.parameters.mode_constant_usd["rail"]["*"] = -4000;   // make rail the main mode
    f.parameters.relative_gap = 1e-5;
    const FreightResult result = f.solve();
    EXPECT_TRUE(result.converged) << "gap " << result.relative_gap << " after " << result.iterations;
    const FreightSummary s = summarize(FreightModel(f.router, f.demand, f.parameters), result);
    return std::make_pair(s, result);
  };
  const auto [full, full_result] = run(1200);
  const auto [half, half_result] = run(600);
  auto t2 = [](const FreightSummary& s) {
    for (const CrossingUse& c : s.crossings) if (c.id == "t2" && c.from == "BYBRS") return c;
    return CrossingUse{};
  };
  EXPECT_LT(t2(half).teu_per_day, t2(full).teu_per_day);
  EXPECT_GT(t2(half).delay_hours, t2(full).delay_hours);
  EXPECT_GT(half.teu_by_corridor.at("baltic"), full.teu_by_corridor.at("baltic"));
  EXPECT_GT(t2(half).utilization, 0.5);  // still used, with a queue
}

TEST(FreightModel, IsDeterministic) {
  const Fixture f;
  const FreightResult a = f.solve(), b = f.solve();
  EXPECT_EQ(a.arc_flow_teu_per_day, b.arc_flow_teu_per_day);
  EXPECT_EQ(a.iterations, b.iterations);
}

TEST(FreightModel, RowsNoCorridorCanCarryAreReported) {
  Fixture f;
  f.parameters.corridors.resize(1);  // northern only
  f.demand.rows.push_back(f.demand.rows[0]);
  f.demand.rows[1].destination = f.network.find_node("SEA-CAPE");  // only sea links lead there
  const FreightResult result = f.solve();
  EXPECT_EQ(result.unroutable_rows, (std::vector<std::size_t>{1}));
}

TEST(FreightModel, CorridorsThatMatchNoLinkAreAnError) {
  Fixture f;
  f.parameters.corridors[0].tags = {"nowhere"};
  try {
    (void)FreightModel(f.router, f.demand, f.parameters);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "field \"corridors\": corridor \"northern\": no link carries any of its tags (nowhere)");
  }
}

}  // namespace
}  // namespace landbridge::freight
