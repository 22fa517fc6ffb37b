// tests/assignment/test_support.hpp: small hand-built problems and paths to test data.
#pragma once
#include "assignment/assign.hpp"
#include "assignment/tntp.hpp"
#include "assignment/vdf.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace landbridge::assignment::testing {

inline std::filesystem::path tntp_dir(const std::string& name) {
  return std::filesystem::path(LANDBRIDGE_SHARED_DIR) / "data" / "tntp" / name;
}

// Adds a BPR link with linear cost t(x) = a + b x (beta = 1, capacity 1).
inline void add_linear_link(AssignmentProblem& p, NodeId from, NodeId to, double a, double b) {
  p.tail.push_back(from);
  p.head.push_back(to);
  p.free_flow_time.push_back(a);
  p.capacity.push_back(1.0);
  p.alpha.push_back(b / a);
  p.beta.push_back(1.0);
  p.toll.push_back(0.0);
  p.length.push_back(0.0);
}

inline void set_single_od(AssignmentProblem& p, NodeId origin, NodeId destination, double demand) {
  p.zone_node = {origin, destination};
  p.demand = {0.0, demand, 0.0, 0.0};
}

//  0 ==(10 + x)==> 1      demand 20 from 0 to 1.
//    \=(15 + x/2)=/       UE: 10 / 10 (cost 20); SO: 25/3 and 35/3.
inline AssignmentProblem two_parallel_links() {
  AssignmentProblem p;
  p.num_nodes = 2;
  add_linear_link(p, 0, 1, 10.0, 1.0);
  add_linear_link(p, 0, 1, 15.0, 0.5);
  set_single_od(p, 0, 1, 20.0);
  return p;
}

// Braess network, demand 6 from 0 to 3:
//        1 + 10x         50 + x
//    0 ---------> 1 ------------> 3
//    |            | 10 + x        ^
//    +----------> 2 --------------+
//        50 + x        1 + 10x
// Without link 1->2: 3 per path, cost 84. With it, UE has 27/13 on each outer path and 24/13 on the
// middle path, cost 1200/13 = 92.3 (worse: the paradox); SO leaves link 1->2 empty (cost 84 each).
inline AssignmentProblem braess(bool with_middle_link) {
  AssignmentProblem p;
  p.num_nodes = 4;
  add_linear_link(p, 0, 1, 1.0, 10.0);
  add_linear_link(p, 0, 2, 50.0, 1.0);
  add_linear_link(p, 1, 3, 50.0, 1.0);
  add_linear_link(p, 2, 3, 1.0, 10.0);
  if (with_middle_link) add_linear_link(p, 1, 2, 10.0, 1.0);
  set_single_od(p, 0, 3, 6.0);
  return p;
}

struct FlowComparison {
  double max_abs_diff = 0, max_rel_diff = 0;
};

// Compares flows on links whose cost rises with flow (others are not unique at equilibrium).
inline FlowComparison compare_flows(const AssignmentProblem& p, const std::vector<double>& flow,
                                    const std::vector<double>& reference) {
  const LinkCostModel costs(p);
  FlowComparison c;
  for (LinkId a = 0; a < p.num_links(); ++a) {
    if (!costs.flow_dependent(a)) continue;
    const double d = std::abs(flow[a] - reference[a]);
    c.max_abs_diff = std::max(c.max_abs_diff, d);
    c.max_rel_diff = std::max(c.max_rel_diff, d / std::max(1.0, std::abs(reference[a])));
  }
  return c;
}

}  // namespace landbridge::assignment::testing
