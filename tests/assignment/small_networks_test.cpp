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
