#include "assignment/assign.hpp"

#include "common/input_error.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace landbridge::assignment {
namespace {

using testing::braess;
using testing::two_parallel_links;

constexpr Method all_methods[] = {Method::frank_wolfe, Method::conjugate_frank_wolfe,
                                  Method::biconjugate_frank_wolfe, Method::bush};

AssignmentOptions options_for(Method method, Objective objective = Objective::user_equilibrium) {
  AssignmentOptions o;
  o.method = method;
  o.objective = objective;
  o.relative_gap = 1e-10;
  o.max_iterations = 20000;
  return o;
}

TEST(SmallNetworks, TwoParallelLinksUserEquilibrium) {
  for (const Method method : all_methods) {
    SCOPED_TRACE(std::string(method_name(method)));
    const AssignmentResult r = assign(two_parallel_links(), options_for(method));
    EXPECT_EQ(r.status, AssignmentStatus::converged);
    EXPECT_NEAR(r.link_flow[0], 10.0, 1e-6);
    EXPECT_NEAR(r.link_flow[1], 10.0, 1e-6);
    EXPECT_NEAR(r.link_cost[0], 20.0, 1e-6);
    EXPECT_NEAR(r.tstt, 400.0, 1e-5);
    EXPECT_NEAR(r.beckmann_objective, 325.0, 1e-5);  // 150 + 175
    EXPECT_LE(r.relative_gap, 1e-10);
  }
}

TEST(SmallNetworks, TwoParallelLinksSystemOptimum) {
  for (const Method method : all_methods) {
    SCOPED_TRACE(std::string(method_name(method)));
    const AssignmentResult r = assign(two_parallel_links(), options_for(method, Objective::system_optimum));
    EXPECT_EQ(r.status, AssignmentStatus::converged);
    EXPECT_NEAR(r.link_flow[0], 25.0 / 3.0, 1e-6);
    EXPECT_NEAR(r.link_flow[1], 35.0 / 3.0, 1e-6);
  }
}

TEST(SmallNetworks, BraessParadox) {
  for (const Method method : all_methods) {
    SCOPED_TRACE(std::string(method_name(method)));
    const AssignmentResult without = assign(braess(false), options_for(method));
    const AssignmentResult ue = assign(braess(true), options_for(method));
    const AssignmentResult so = assign(braess(true), options_for(method, Objective::system_optimum));
    EXPECT_NEAR(without.tstt, 6 * 84.0, 1e-6);
    // Links: 0->1, 0->2, 1->3, 2->3, 1->2.
    EXPECT_NEAR(ue.link_flow[4], 24.0 / 13.0, 1e-6);
    EXPECT_NEAR(ue.link_flow[1], 27.0 / 13.0, 1e-6);
    EXPECT_NEAR(ue.link_flow[0], 51.0 / 13.0, 1e-6);
    EXPECT_NEAR(ue.tstt, 7200.0 / 13.0, 1e-5);
    // Plain Frank-Wolfe converges sublinearly here (the SO solution is on a face): looser bound.
    const double tolerance = method == Method::frank_wolfe ? 1e-2 : 1e-6;
    EXPECT_NEAR(so.link_flow[4], 0.0, tolerance);
    EXPECT_NEAR(so.tstt, 6 * 84.0, 10 * tolerance);
    // The paradox: adding a link makes everyone worse off at UE, not at SO.
    EXPECT_GT(ue.tstt, without.tstt + 40);
    EXPECT_LT(so.tstt, ue.tstt - 40);
  }
}

TEST(SmallNetworks, AllOrNothingUsesFreeFlowShortestPath) {
  AssignmentOptions o;
  o.method = Method::all_or_nothing;
  const AssignmentResult r = assign(two_parallel_links(), o);
  EXPECT_DOUBLE_EQ(r.link_flow[0], 20.0);
  EXPECT_DOUBLE_EQ(r.link_flow[1], 0.0);
  EXPECT_EQ(r.iterations, 1u);
  // Costs 30 vs 15 at these flows: gap (600 - 300) / 600; one shot, so not converged.
  EXPECT_DOUBLE_EQ(r.relative_gap, 0.5);
  EXPECT_EQ(r.status, AssignmentStatus::iteration_limit);
}

TEST(SmallNetworks, IterationLimitIsReportedNotHidden) {
  AssignmentOptions o = options_for(Method::frank_wolfe);
  o.max_iterations = 2;
  const AssignmentResult r = assign(braess(true), o);
  EXPECT_EQ(r.status, AssignmentStatus::iteration_limit);
  EXPECT_EQ(r.iterations, 2u);
  EXPECT_GT(r.relative_gap, 1e-10);
}

TEST(SmallNetworks, ParallelLinksWithZeroDemandAndEmptyProblem) {
  AssignmentProblem p = two_parallel_links();
  p.demand = {0, 0, 0, 0};
  const AssignmentResult r = assign(p, options_for(Method::bush));
  EXPECT_EQ(r.status, AssignmentStatus::converged);
  EXPECT_DOUBLE_EQ(r.tstt, 0.0);
  AssignmentProblem empty;
  EXPECT_EQ(assign(empty, {}).status, AssignmentStatus::converged);
}

TEST(SmallNetworks, InvalidProblemThrowsWithField) {
  AssignmentProblem p = two_parallel_links();
  p.capacity[1] = 0;
  try {
    (void)assign(p, {});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "field \"capacity[1]\": expected a number > 0, got 0");
  }
}

TEST(SmallNetworks, ResultsAreDeterministic) {
  const AssignmentResult a = assign(braess(true), options_for(Method::bush));
  const AssignmentResult b = assign(braess(true), options_for(Method::bush));
  EXPECT_EQ(a.link_flow, b.link_flow);
}

}  // namespace
}  // namespace landbridge::assignment

namespace landbridge::assignment {
namespace {

// Two parallel links 0 -> 1 with the same function kind but different parameters, demand 300
// (above their capacities of 120 and 200, so the functions' steep parts matter).
struct VdfCase {
  VdfKind kind;
  double alpha[2], beta[2];
};

AssignmentProblem parallel_pair(const VdfCase& c) {
  AssignmentProblem p;
  p.num_nodes = 2;
  const double fft[2] = {10.0, 14.0}, capacity[2] = {120.0, 200.0};
  for (int i = 0; i < 2; ++i) {
    p.tail.push_back(0);
    p.head.push_back(1);
    p.free_flow_time.push_back(fft[i]);
    p.capacity.push_back(capacity[i]);
    p.alpha.push_back(c.alpha[i]);
    p.beta.push_back(c.beta[i]);
    p.toll.push_back(0.0);
    p.length.push_back(0.0);
    p.vdf.push_back(c.kind);
  }
  p.time_units_per_hour = 60.0;
  testing::set_single_od(p, 0, 1, 300.0);
  return p;
}

// Travel time of link i of parallel_pair, from the functions' published formulas (not the library).
double formula_time(const AssignmentProblem& p, int i, double x) {
  const double fft = p.free_flow_time[i], c = p.capacity[i], a = p.alpha[i], b = p.beta[i], r = x / c;
  switch (p.vdf[i]) {
    case VdfKind::bpr: return fft * (1 + a * std::pow(r, b));
    case VdfKind::conical: {
      const double bb = (2 * a - 1) / (2 * a - 2);
      return fft * (2 + std::sqrt(a * a * (1 - r) * (1 - r) + bb * bb) - a * (1 - r) - bb);
    }
    case VdfKind::akcelik:
      return fft + p.time_units_per_hour * b / 4 * ((r - 1) + std::sqrt((r - 1) * (r - 1) + 8 * a * r / (c * b)));
  }
  return 0;
}

// Brute force: the UE flow on link 0 equalizes the two times (bisection); the SO flow minimizes the
// total time x t0(x) + (d - x) t1(d - x) (golden-section search, no derivatives).
double brute_force_ue(const AssignmentProblem& p, double demand) {
  double lo = 0, hi = demand;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (formula_time(p, 0, mid) < formula_time(p, 1, demand - mid) ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double brute_force_so(const AssignmentProblem& p, double demand) {
  auto total = [&](double x) { return x * formula_time(p, 0, x) + (demand - x) * formula_time(p, 1, demand - x); };
  const double g = (std::sqrt(5.0) - 1) / 2;
  double lo = 0, hi = demand;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * demand; ++i) {
    const double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
    if (total(x1) < total(x2)) {
      hi = x2;
    } else {
      lo = x1;
    }
  }
  return 0.5 * (lo + hi);
}

TEST(SmallNetworks, EachVolumeDelayFunctionReachesTheBruteForceEquilibrium) {
  const VdfCase cases[] = {{VdfKind::bpr, {0.15, 0.5}, {4.0, 2.5}},
                           {VdfKind::conical, {4.0, 2.0}, {0.0, 0.0}},
                           {VdfKind::akcelik, {0.4, 1.6}, {0.25, 1.0}}};
  for (const VdfCase& c : cases) {
    const AssignmentProblem p = parallel_pair(c);
    const double ue = brute_force_ue(p, 300.0), so = brute_force_so(p, 300.0);
    // The split is not trivial and SO differs from UE.
    ASSERT_GT(ue, 1.0);
    ASSERT_LT(ue, 299.0);
    ASSERT_GT(std::abs(ue - so), 0.5);
    for (const Method method : all_methods) {
      SCOPED_TRACE(std::string(vdf_name(c.kind)) + " " + std::string(method_name(method)));
      const AssignmentResult r_ue = assign(p, options_for(method));
      EXPECT_EQ(r_ue.status, AssignmentStatus::converged);
      EXPECT_NEAR(r_ue.link_flow[0], ue, 1e-6 * 300.0);
      EXPECT_NEAR(r_ue.link_cost[0], r_ue.link_cost[1], 1e-6 * r_ue.link_cost[0]);
      EXPECT_NEAR(r_ue.link_cost[0], formula_time(p, 0, ue), 1e-6 * r_ue.link_cost[0]);
      const AssignmentResult r_so = assign(p, options_for(method, Objective::system_optimum));
      EXPECT_EQ(r_so.status, AssignmentStatus::converged);
      EXPECT_NEAR(r_so.link_flow[0], so, 1e-6 * 300.0);
      EXPECT_LT(r_so.tstt, r_ue.tstt);
    }
  }
}

}  // namespace
}  // namespace landbridge::assignment
