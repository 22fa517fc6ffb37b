// Larger TNTP networks to relative gap 1e-6 against their best-known flows (label: slow).
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <iostream>

namespace landbridge::assignment {
namespace {

struct Case {
  const char* name;
  double toll_factor, distance_factor;
  double readme_objective;  // recomputed best-known Beckmann objective (shared/data/tntp/README.md)
};

void check_bush_reaches_best_known(const Case& c) {
  TntpNetwork n = read_tntp_directory(testing::tntp_dir(c.name));
  n.problem.toll_factor = c.toll_factor;
  n.problem.distance_factor = c.distance_factor;
  const auto best_flow = read_tntp_flow(n.flow_file, n);
  const LinkCostModel costs(n.problem);
  const double best = costs.beckmann(best_flow);
  EXPECT_NEAR(best, c.readme_objective, 1e-9 * best);

  AssignmentOptions o;
  o.method = Method::bush;
  o.relative_gap = 1e-6;
  o.max_seconds = 120;
  const AssignmentResult r = assign(n.problem, o);
  ASSERT_EQ(r.status, AssignmentStatus::converged);
  const auto diff = testing::compare_flows(n.problem, r.link_flow, best_flow);
  const double best_tstt = costs.total_cost(best_flow);
  std::cout << c.name << " bush: " << r.iterations << " iterations, " << r.seconds << " s, gap " << r.relative_gap
            << ", objective rel diff " << (r.beckmann_objective - best) / best << ", max abs flow diff "
            << diff.max_abs_diff << ", max rel " << diff.max_rel_diff << ", TSTT rel diff "
            << (r.tstt - best_tstt) / best_tstt << "\n";
  EXPECT_NEAR(r.beckmann_objective, best, 1e-6 * best);
  EXPECT_NEAR(r.tstt, best_tstt, 1e-4 * best_tstt);  // TSTT converges slower than Beckmann
}

TEST(Validation, AnaheimBushReachesBestKnown) { check_bush_reaches_best_known({"Anaheim", 0, 0, 1286032.17109603}); }
TEST(Validation, ChicagoSketchBushReachesBestKnown) {
  check_bush_reaches_best_known({"ChicagoSketch", 0.02, 0.04, 17313018.7387478});
}
TEST(Validation, BarcelonaBushReachesBestKnown) {
  check_bush_reaches_best_known({"Barcelona", 0, 0, 1265654.92203176});
}
TEST(Validation, WinnipegBushReachesBestKnown) {
  check_bush_reaches_best_known({"Winnipeg", 0, 0, 827911.494629964});
}

TEST(Validation, AnaheimIsTheSameOnTwoThreads) {
  const TntpNetwork n = read_tntp_directory(testing::tntp_dir("Anaheim"));
  AssignmentOptions o;
  o.method = Method::bush;
  o.relative_gap = 1e-8;
  const AssignmentResult one = assign(n.problem, o);
  o.threads = 2;
  const AssignmentResult two = assign(n.problem, o);
  EXPECT_EQ(two.iterations, one.iterations);
  EXPECT_EQ(two.sptt, one.sptt);
  EXPECT_EQ(two.link_flow, one.link_flow);  // bit for bit
}

}  // namespace
}  // namespace landbridge::assignment
