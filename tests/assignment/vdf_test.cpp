#include "assignment/vdf.hpp"

#include <gtest/gtest.h>

#include <cmath>

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

// Checks c' and c'' against central differences and the integral against Simpson's rule.
void check_consistency(const LinkCostModel& m, double x) {
  const double h = 1e-4 * std::max(1.0, x);
  const double numeric_d = (m.cost(0, x + h) - m.cost(0, x - h)) / (2 * h);
  EXPECT_NEAR(m.derivative(0, x), numeric_d, 1e-5 * std::max(1.0, std::abs(numeric_d))) << "x = " << x;
  const double numeric_dd = (m.derivative(0, x + h) - m.derivative(0, x - h)) / (2 * h);
  EXPECT_NEAR(m.second_derivative(0, x), numeric_dd, 1e-5 * std::max(1.0, std::abs(numeric_dd))) << "x = " << x;
  const int n = 2000;
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

TEST(Vdf, MarginalCostForSystemOptimum) {
  const LinkCostModel m(one_link(VdfKind::bpr, 10, 100, 0.15, 4));
  double c = 0, d = 0;
  m.evaluate(0, 100, Objective::system_optimum, c, d);
  EXPECT_DOUBLE_EQ(c, m.cost(0, 100) + 100 * m.derivative(0, 100));
  EXPECT_DOUBLE_EQ(d, 2 * m.derivative(0, 100) + 100 * m.second_derivative(0, 100));
}

}  // namespace
}  // namespace landbridge::assignment
