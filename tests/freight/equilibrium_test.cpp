// The outer fixed point x = y(x) on small maps worked out by hand or by bisection: both methods
// reach the same point, Anderson in fewer loadings; warm and cold starts; a loading that jumps
// (no fixed point) ends at the iteration limit near the mixture, as the method of averages does.
#include "freight/equilibrium.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "freight/parameters.hpp"
#include "common/input_error.hpp"

namespace landbridge::freight {
namespace {

// Two routes between one pair, 100 TEU/day, logit choice with scale 1/10 or 2 per hour (`tenths`)
// over congested times t_i(x) = t0_i (1 + 0.15 (x / c_i)^4) (BPR). "Arcs" are the two routes.
//   route 0: 10 h, capacity 40        route 1: 12 h, capacity 80
template <int tenths>
struct TwoRoutes {
  static constexpr double demand = 100, scale = tenths / 10.0;
  static double time(int route, double x) {
    const double t0 = route == 0 ? 10 : 12, c = route == 0 ? 40 : 80;
    return t0 * (1 + 0.15 * std::pow(x / c, 4));
  }
  // y(x): the logit split at the times the flows x cause.
  static void load(std::span<const double> x, std::span<double> y) {
    const double t0 = time(0, x[0]), t1 = time(1, x[1]);
    const double p0 = 1 / (1 + std::exp(-scale * (t1 - t0)));
    y[0] = demand * p0;
    y[1] = demand * (1 - p0);
  }
  // Reference by bisection on x0 (x1 = demand - x0): x0 - y0(x0) is increasing.
  static double fixed_point_x0() {
    double low = 0, high = demand;
    for (int i = 0; i < 200; ++i) {
      const double mid = (low + high) / 2;
      std::vector<double> x = {mid, demand - mid}, y(2);
      load(x, y);
      (mid - y[0] > 0 ? high : low) = mid;
    }
    return (low + high) / 2;
  }
};

struct Solved {
  EquilibriumRun run;
  std::vector<double> flow, loading;
  bool ever_negative = false;
};

template <typename Map>
Solved solve(EquilibriumMethod method, std::vector<double> start, bool warm, double gap = 1e-8, int max_iterations = 500) {
  Solved s;
  s.flow = std::move(start);
  s.loading.assign(s.flow.size(), 0.0);
  const auto load = [&] {
    for (double v : s.flow) s.ever_negative |= v < 0;
    Map::load(s.flow, s.loading);
  };
  s.run = solve_equilibrium(s.flow, s.loading, load, EquilibriumSettings{method, max_iterations, gap, warm});
  return s;
}

template <typename Map>
void expect_both_reach_the_fixed_point(int most_anderson_iterations, int least_msa_iterations) {
  const double reference = Map::fixed_point_x0();
  // Congestion makes it a compromise: the faster route does not take everything.
  EXPECT_GT(reference, 40);
  EXPECT_LT(reference, 70);
  const Solved msa = solve<Map>(EquilibriumMethod::msa, {0, 0}, false, 1e-6, 5000);
  const Solved anderson = solve<Map>(EquilibriumMethod::anderson, {0, 0}, false, 1e-6, 5000);
  for (const Solved* s : {&msa, &anderson}) {
    ASSERT_TRUE(s->run.converged);
    EXPECT_TRUE(s->run.loading_is_current);
    EXPECT_LE(s->run.relative_gap, 1e-6);
    // At this gap both are within a thousandth of a TEU of the bisection's fixed point.
    EXPECT_NEAR(s->flow[0], reference, 1e-3);
    EXPECT_NEAR(s->loading[0], reference, 1e-3);
  }
  EXPECT_LE(anderson.run.iterations, most_anderson_iterations);
  EXPECT_GE(msa.run.iterations, least_msa_iterations);
  EXPECT_FALSE(anderson.ever_negative);
}

// A flat logit: plain iteration would contract fast, averaging steps of 1/k crawl (499 loadings).
TEST(Equilibrium, BothMethodsReachTheFixedPointAndersonSoonerOnAFlatLogit) { expect_both_reach_the_fixed_point<TwoRoutes<1>>(12, 200); }
// A steep logit: plain iteration would oscillate; averaging needs 15 loadings, Anderson 10.
TEST(Equilibrium, BothMethodsReachTheFixedPointOnASteepLogit) { expect_both_reach_the_fixed_point<TwoRoutes<20>>(12, 12); }

TEST(Equilibrium, AWarmStartAtTheFixedPointStopsAfterOneLoading) {
  using Map = TwoRoutes<5>;
  const double x0 = Map::fixed_point_x0();
  for (const auto method : {EquilibriumMethod::msa, EquilibriumMethod::anderson}) {
    const Solved s = solve<Map>(method, {x0, Map::demand - x0}, true);
    EXPECT_TRUE(s.run.converged);
    EXPECT_EQ(s.run.iterations, 1);
    EXPECT_TRUE(s.run.loading_is_current);
    // Cold, the same flows are not trusted: a cold start loads at least twice.
    const Solved cold = solve<Map>(method, {x0, Map::demand - x0}, false);
    EXPECT_GE(cold.run.iterations, 2);
  }
}

// Nothing to carry: the gap is 0 from the first loading, and a cold start still loads twice.
struct Nothing {
  static void load(std::span<const double>, std::span<double> y) { std::fill(y.begin(), y.end(), 0.0); }
};

TEST(Equilibrium, NoDemandConvergesOnTheSecondLoadingFromCold) {
  for (const auto method : {EquilibriumMethod::msa, EquilibriumMethod::anderson}) {
    const Solved s = solve<Nothing>(method, {0, 0, 0}, false);
    EXPECT_TRUE(s.run.converged);
    EXPECT_EQ(s.run.iterations, 2);
    EXPECT_EQ(s.run.relative_gap, 0);
  }
}

// All-or-nothing between two routes at times 10 + x0/10 and 12 + x1/10: the loading jumps at
// x0 = 60, so no x has y(x) = x. The method of averages settles near the mixture x0 = 60 with a gap
// that stays near |y - x| / 100 = 2 x 40 / 100; the iteration limit ends both methods.
struct Jump {
  static void load(std::span<const double> x, std::span<double> y) {
    const bool first = 10 + x[0] / 10 <= 12 + x[1] / 10;
    y[0] = first ? 100 : 0;
    y[1] = first ? 0 : 100;
  }
};

TEST(Equilibrium, AJumpingLoadingStopsAtTheLimitNearTheMixture) {
  const Solved msa = solve<Jump>(EquilibriumMethod::msa, {0, 0}, false, 1e-4, 100);
  const Solved anderson = solve<Jump>(EquilibriumMethod::anderson, {0, 0}, false, 1e-4, 100);
  for (const Solved* s : {&msa, &anderson}) {
    EXPECT_FALSE(s->run.converged);
    EXPECT_EQ(s->run.iterations, 100);
    EXPECT_FALSE(s->run.loading_is_current);  // the flows moved after the last loading
    EXPECT_NEAR(s->flow[0], 60, 3);
    EXPECT_NEAR(s->flow[0] + s->flow[1], 100, 1e-9);
  }
  EXPECT_FALSE(anderson.ever_negative);
}

TEST(Equilibrium, MethodNamesRoundTripAndTheParametersFileChoosesOne) {
  for (const auto method : {EquilibriumMethod::msa, EquilibriumMethod::anderson})
    EXPECT_EQ(parse_equilibrium_method(to_string(method)), method);
  EXPECT_FALSE(parse_equilibrium_method("frank-wolfe"));
  const std::string base = R"({"carrying_rate_per_year": {"electronics": 0.4, "machinery": 0.2, "consumer-goods": 0.2,
    "auto-parts": 0.3, "chemicals-plastics": 0.2, "bulk-in-containers": 0.15}, "reliability_buffer_share": {"rail": 0.2, "sea": 0.15},
    "mode_scale_per_usd": 0.001, "corridor_scale_per_usd": 0.002, "mode_constant_usd": {"rail": {"*": 0}}, "conical_alpha": 8,
    "corridors": [{"name": "north", "mode": "rail", "tags": ["north"]}], "feeder_tags": [])";
  EXPECT_EQ(parse_freight_parameters(base + "}", "p.json").equilibrium_method, EquilibriumMethod::anderson);
  EXPECT_EQ(parse_freight_parameters(base + R"(, "equilibrium_method": "msa"})", "p.json").equilibrium_method, EquilibriumMethod::msa);
  try {
    (void)parse_freight_parameters(base + R"(, "equilibrium_method": "fw"})", "p.json");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("equilibrium_method"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("expected \"anderson\" or \"msa\", got \"fw\""), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace landbridge::freight
