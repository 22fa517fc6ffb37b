// SiouxFalls against its best-known flows (Bar-Gera), every method; runs in well under a second.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <iostream>

namespace landbridge::assignment {
namespace {

class SiouxFalls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    network_ = new TntpNetwork(read_tntp_directory(testing::tntp_dir("SiouxFalls")));
    best_ = new std::vector<double>(read_tntp_flow(network_->flow_file, *network_));
  }
  static void TearDownTestSuite() {
    delete network_;
    delete best_;
  }
  static TntpNetwork* network_;
  static std::vector<double>* best_;
};
TntpNetwork* SiouxFalls::network_ = nullptr;
std::vector<double>* SiouxFalls::best_ = nullptr;

TEST_F(SiouxFalls, BestKnownObjectiveMatchesTheReadme) {
  const LinkCostModel costs(network_->problem);
  EXPECT_NEAR(costs.beckmann(*best_), 4231335.28710744, 1e-4);
  EXPECT_NEAR(costs.total_cost(*best_), 7480225.345, 1e-2);
}

TEST_F(SiouxFalls, BushReachesBestKnownAtGap1e6) {
  AssignmentOptions o;
  o.method = Method::bush;
  o.relative_gap = 1e-6;
  const AssignmentResult r = assign(network_->problem, o);
  ASSERT_EQ(r.status, AssignmentStatus::converged);
  const LinkCostModel costs(network_->problem);
  const double best = costs.beckmann(*best_);
  const auto diff = testing::compare_flows(network_->problem, r.link_flow, *best_);
  std::cout << "SiouxFalls bush: gap " << r.relative_gap << ", objective rel diff "
            << (r.beckmann_objective - best) / best << ", max abs flow diff " << diff.max_abs_diff
            << ", max rel " << diff.max_rel_diff << ", TSTT diff " << r.tstt - costs.total_cost(*best_) << "\n";
  EXPECT_LE(r.relative_gap, 1e-6);
  EXPECT_NEAR(r.beckmann_objective, best, 1e-6 * best);
  EXPECT_LT(diff.max_rel_diff, 1e-3);
  EXPECT_NEAR(r.tstt, costs.total_cost(*best_), 1e-4 * r.tstt);  // TSTT converges slower than Beckmann
}

TEST_F(SiouxFalls, ThreadCountDoesNotChangeTheResult) {
  // Algorithm B spreads its shortest paths over threads; every sum stays in origin order.
  AssignmentOptions o;
  o.method = Method::bush;
  o.relative_gap = 1e-8;
  const AssignmentResult one = assign(network_->problem, o);
  for (const unsigned threads : {2u, 3u, 7u}) {
    SCOPED_TRACE(threads);
    o.threads = threads;
    const AssignmentResult many = assign(network_->problem, o);
    EXPECT_EQ(many.iterations, one.iterations);
    EXPECT_EQ(many.relative_gap, one.relative_gap);
    EXPECT_EQ(many.sptt, one.sptt);
    EXPECT_EQ(many.link_flow, one.link_flow);  // bit for bit
  }
}

TEST_F(SiouxFalls, LinkBasedMethodsReachGap1e4) {
  const LinkCostModel costs(network_->problem);
  const double best = costs.beckmann(*best_);
  for (const Method method : {Method::frank_wolfe, Method::conjugate_frank_wolfe, Method::biconjugate_frank_wolfe}) {
    SCOPED_TRACE(std::string(method_name(method)));
    AssignmentOptions o;
    o.method = method;
    o.relative_gap = 1e-4;
    const AssignmentResult r = assign(network_->problem, o);
    ASSERT_EQ(r.status, AssignmentStatus::converged);
    // Beckmann(x) - Beckmann* <= TSTT - SPTT = gap * TSTT.
    EXPECT_GE(r.beckmann_objective, best * (1 - 1e-12));
    EXPECT_LE(r.beckmann_objective - best, r.relative_gap * r.tstt);
  }
}

TEST_F(SiouxFalls, SystemOptimumBeatsUserEquilibrium) {
  AssignmentOptions o;
  o.relative_gap = 1e-6;
  const AssignmentResult ue = assign(network_->problem, o);
  o.objective = Objective::system_optimum;
  const AssignmentResult so = assign(network_->problem, o);
  o.method = Method::biconjugate_frank_wolfe;
  o.relative_gap = 1e-4;
  const AssignmentResult so_bfw = assign(network_->problem, o);
  ASSERT_EQ(so.status, AssignmentStatus::converged);
  ASSERT_EQ(so_bfw.status, AssignmentStatus::converged);
  EXPECT_LT(so.tstt, ue.tstt);
  EXPECT_GT(so.beckmann_objective, ue.beckmann_objective);
  EXPECT_NEAR(so_bfw.tstt, so.tstt, 1e-4 * so.tstt);
}

TEST_F(SiouxFalls, TollAndDistanceFactorsChangeTheCost) {
  TntpNetwork n = *network_;
  n.problem.distance_factor = 1.0;  // length equals free-flow time here: adds fft to every link
  AssignmentOptions o;
  o.relative_gap = 1e-6;
  const AssignmentResult r = assign(n.problem, o);
  ASSERT_EQ(r.status, AssignmentStatus::converged);
  EXPECT_NEAR(r.link_cost[0], n.problem.length[0] + LinkCostModel(network_->problem).cost(0, r.link_flow[0]), 1e-9);
}

}  // namespace
}  // namespace landbridge::assignment
