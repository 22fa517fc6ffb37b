#include "assignment/vdf.hpp"

#include "common/input_error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>

namespace landbridge::assignment {
namespace {

AssignmentProblem one_link(VdfKind kind, double fft, double capacity, double alpha, double beta) {
  AssignmentProblem p;
  p.num_nodes = 2;
  p.tail = {0};
  p.head = {1};
  p.free_flow_time = {fft};
  p.capacity = {capacity};
  p.alpha = {alpha};
  p.beta = {beta};
  p.toll = {3.0};
  p.length = {2.0};
  p.vdf = {kind};
  p.toll_factor = 0.5;
  p.distance_factor = 0.25;
  return p;
}

// Checks c' and c'' against central differences and the integral against Simpson's rule with n intervals.
void check_consistency(const LinkCostModel& m, double x, int n = 2000) {
  const double h = 1e-4 * std::max(1.0, x);
  const double numeric_d = (m.cost(0, x + h) - m.cost(0, x - h)) / (2 * h);
  EXPECT_NEAR(m.derivative(0, x), numeric_d, 1e-5 * std::max(1.0, std::abs(numeric_d))) << "x = " << x;
  const double numeric_dd = (m.derivative(0, x + h) - m.derivative(0, x - h)) / (2 * h);
  EXPECT_NEAR(m.second_derivative(0, x), numeric_dd, 1e-5 * std::max(1.0, std::abs(numeric_dd))) << "x = " << x;
  double simpson = m.cost(0, 0) + m.cost(0, x);
  for (int k = 1; k < n; ++k) simpson += (k % 2 == 1 ? 4 : 2) * m.cost(0, x * k / n);
  simpson *= x / (3.0 * n);
  EXPECT_NEAR(m.integral(0, x), simpson, 1e-9 * std::max(1.0, simpson)) << "x = " << x;
}

TEST(Vdf, BprValueIncludesTollAndDistance) {
  // t(x) = 10 (1 + 0.15 (x/100)^4); at x = 100: 11.5; plus 0.5*3 + 0.25*2 = 2.
  const LinkCostModel m(one_link(VdfKind::bpr, 10, 100, 0.15, 4));
  EXPECT_DOUBLE_EQ(m.cost(0, 0), 12.0);
  EXPECT_DOUBLE_EQ(m.cost(0, 100), 13.5);
  EXPECT_TRUE(m.flow_dependent(0));
}

TEST(Vdf, BprDerivativesAndIntegralForIntegerAndFractionalPowers) {
  for (const double beta : {1.0, 2.0, 3.0, 4.0, 3.5038, 16.83}) {
    SCOPED_TRACE(beta);
    const LinkCostModel m(one_link(VdfKind::bpr, 2.0, 50.0, 0.8, beta));
    for (const double x : {1.0, 20.0, 50.0, 80.0}) check_consistency(m, x);
  }
}

TEST(Vdf, ZeroPowerOrZeroAlphaIsConstantCost) {
  const LinkCostModel zero_power(one_link(VdfKind::bpr, 2.0, 1.0, 0.0, 0.0));
  EXPECT_FALSE(zero_power.flow_dependent(0));
  EXPECT_DOUBLE_EQ(zero_power.cost(0, 1e6), 4.0);
  EXPECT_DOUBLE_EQ(zero_power.derivative(0, 5), 0.0);
  EXPECT_DOUBLE_EQ(zero_power.integral(0, 10), 40.0);
  const LinkCostModel zero_fft(one_link(VdfKind::bpr, 0.0, 100.0, 0.15, 4.0));
  EXPECT_FALSE(zero_fft.flow_dependent(0));
}

TEST(Vdf, ConicalIsTwiceFreeFlowAtCapacity) {
  // Spiess (1990): t(0) = fft, t(capacity) = 2 fft for every alpha > 1.
  const LinkCostModel m(one_link(VdfKind::conical, 5.0, 100.0, 4.0, 0.0));
  EXPECT_NEAR(m.cost(0, 0) - 2.0, 5.0, 1e-12);
  EXPECT_NEAR(m.cost(0, 100) - 2.0, 10.0, 1e-12);
  for (const double x : {1.0, 60.0, 100.0, 150.0}) check_consistency(m, x);
}

// Akcelik (1991), written out directly: fft + U T/4 [(r - 1) + sqrt((r - 1)^2 + 8 J r / (c T))].
double akcelik_formula(double fft, double capacity, double j, double period, double units, double x) {
  const double r = x / capacity;
  return fft + units * period / 4.0 * ((r - 1) + std::sqrt((r - 1) * (r - 1) + 8 * j * r / (capacity * period)));
}

AssignmentProblem one_akcelik_link(double fft, double capacity, double j, double period) {
  AssignmentProblem p = one_link(VdfKind::akcelik, fft, capacity, j, period);
  p.time_units_per_hour = 60.0;
  return p;
}

TEST(Vdf, AkcelikMatchesItsFormula) {
  const LinkCostModel m(one_akcelik_link(2.0, 100.0, 0.4, 0.5));
  EXPECT_DOUBLE_EQ(m.cost(0, 0) - 2.0, 2.0);  // no delay at zero flow (2 = toll and distance terms)
  for (const double x : {1.0, 30.0, 80.0, 99.0, 100.0, 101.0, 150.0, 400.0}) {
    EXPECT_NEAR(m.cost(0, x) - 2.0, akcelik_formula(2.0, 100.0, 0.4, 0.5, 60.0, x), 1e-12 * m.cost(0, x)) << x;
  }
  // At capacity the delay is U T/4 sqrt(8 J / (c T)) = 7.5 * 0.253 = 1.897 minutes.
  EXPECT_NEAR(m.cost(0, 100) - 2.0 - 2.0, 7.5 * std::sqrt(8 * 0.4 / 50.0), 1e-12);
  EXPECT_TRUE(m.flow_dependent(0));
}

TEST(Vdf, AkcelikDerivativesAndIntegral) {
  // k = 8 J / (c T): 0.064 (a short period on a small link) and 4e-4 (a busy hour on a motorway).
  const LinkCostModel small(one_akcelik_link(2.0, 100.0, 0.4, 0.5));
  for (const double x : {1.0, 40.0, 90.0, 100.0, 110.0, 200.0}) check_consistency(small, x);
  const LinkCostModel big(one_akcelik_link(1.0, 2000.0, 0.1, 1.0));
  for (const double x : {10.0, 1500.0, 1990.0, 2000.0, 2050.0, 3000.0}) check_consistency(big, x, 20000);
}

TEST(Vdf, AkcelikStaysAccurateFarBelowCapacity) {
  // Far below capacity (r - 1) + sqrt(...) cancels in double precision; the derivative must still
  // match its expansion A/c k / (2 (1 - r)^2) (relative error O(k)), A = 15 min, k = 8e-10.
  const LinkCostModel m(one_akcelik_link(1.0, 1e9, 0.1, 1.0));
  const double x = 1000.0, r = 1e-6, k = 8e-10;
  const double expected = 15.0 / 1e9 * k / (2 * (1 - r) * (1 - r));
  EXPECT_NEAR(m.derivative(0, x), expected, 1e-8 * expected);
  EXPECT_GT(m.cost(0, x), m.cost(0, 0));
}

TEST(Vdf, EveryFunctionIsIncreasingAndConvex) {
  const AssignmentProblem problems[] = {one_link(VdfKind::bpr, 2.0, 50.0, 0.15, 4.0),
                                        one_link(VdfKind::bpr, 2.0, 50.0, 0.8, 3.5038),
                                        one_link(VdfKind::conical, 2.0, 50.0, 4.0, 0.0),
                                        one_link(VdfKind::conical, 2.0, 50.0, 1.5, 0.0),
                                        one_akcelik_link(2.0, 50.0, 0.4, 0.25),
                                        one_akcelik_link(2.0, 50.0, 1.6, 1.0)};
  for (const auto& p : problems) {
    SCOPED_TRACE(std::string(vdf_name(p.vdf[0])) + " alpha " + std::to_string(p.alpha[0]));
    const LinkCostModel m(p);
    double previous = m.cost(0, 0);
    for (int i = 1; i <= 300; ++i) {
      const double x = 0.5 * i;  // up to 3x capacity
      EXPECT_GT(m.cost(0, x), previous) << x;
      EXPECT_GT(m.derivative(0, x), 0.0) << x;
      EXPECT_GE(m.second_derivative(0, x), 0.0) << x;
      previous = m.cost(0, x);
    }
  }
}

TEST(Vdf, AkcelikOutOfRangeIsInputError) {
  AssignmentProblem p = one_akcelik_link(2.0, 100.0, 0.4, 0.5);
  p.zone_node = {0, 1};
  p.demand = {0, 1, 0, 0};
  EXPECT_NO_THROW(p.validate());
  p.alpha[0] = 0.0;  // J = 0: the function has a kink at capacity
  EXPECT_THROW(p.validate(), InputError);
  p.alpha[0] = 30.0;  // 8 J / (c T) = 4.8 > 4: no longer convex
  try {
    p.validate();
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("capacity[0]"), std::string::npos) << e.what();
  }
}

TEST(Vdf, ApplyVdfKeepsConstantCostLinks) {
  AssignmentProblem p;
  p.num_nodes = 2;
  for (const auto& [fft, alpha, beta] : {std::tuple{2.0, 0.15, 4.0}, std::tuple{2.0, 0.0, 0.0}, std::tuple{0.0, 0.15, 4.0}}) {
    p.tail.push_back(0);
    p.head.push_back(1);
    p.free_flow_time.push_back(fft);
    p.capacity.push_back(100.0);
    p.alpha.push_back(alpha);
    p.beta.push_back(beta);
    p.toll.push_back(0);
    p.length.push_back(0);
  }
  VdfChoice choice;
  choice.kind = VdfKind::akcelik;
  choice.akcelik_j = 0.2;
  choice.akcelik_period_hours = 0.5;
  choice.time_units_per_hour = 1.0;  // times in hours
  apply_vdf(p, choice);
  ASSERT_EQ(p.vdf.size(), 3u);
  EXPECT_EQ(p.vdf[0], VdfKind::akcelik);
  EXPECT_DOUBLE_EQ(p.alpha[0], 0.2);
  EXPECT_DOUBLE_EQ(p.beta[0], 0.5);
  EXPECT_DOUBLE_EQ(p.time_units_per_hour, 1.0);
  EXPECT_EQ(p.vdf[1], VdfKind::bpr);  // constant cost stays
  EXPECT_EQ(p.vdf[2], VdfKind::bpr);  // zero free-flow time stays
  choice.kind = VdfKind::conical;
  choice.conical_alpha = 1.0;
  EXPECT_THROW(apply_vdf(p, choice), InputError);
}

TEST(Vdf, MarginalCostForSystemOptimum) {
  const LinkCostModel m(one_link(VdfKind::bpr, 10, 100, 0.15, 4));
  double c = 0, d = 0;
  m.evaluate(0, 100, Objective::system_optimum, c, d);
  EXPECT_DOUBLE_EQ(c, m.cost(0, 100) + 100 * m.derivative(0, 100));
  EXPECT_DOUBLE_EQ(d, 2 * m.derivative(0, 100) + 100 * m.second_derivative(0, 100));
}

}  // namespace
}  // namespace landbridge::assignment
