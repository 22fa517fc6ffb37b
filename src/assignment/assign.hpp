// assignment/assign.hpp: static traffic assignment (user equilibrium or system optimum) on an AssignmentProblem.
#pragma once
#include "assignment/problem.hpp"
#include "assignment/vdf.hpp"

#include <functional>
#include <limits>
#include <string_view>
#include <vector>

namespace landbridge::assignment {

enum class Method : std::uint8_t {
  all_or_nothing,           // one shortest-path loading at free-flow cost
  frank_wolfe,              // Frank & Wolfe (1956), LeBlanc et al. (1975)
  conjugate_frank_wolfe,    // Mitradjieva & Lindberg (2013), CFW
  biconjugate_frank_wolfe,  // Mitradjieva & Lindberg (2013), BFW
  bush,                     // Algorithm B, Dial (2006); Newton shifts as in Nie (2010)
};

[[nodiscard]] std::string_view method_name(Method method);

struct IterationReport {
  std::uint32_t iteration = 0;
  double relative_gap = 0;
  double objective = 0;  // Beckmann (UE) or total cost (SO)
  double seconds = 0;
};

struct AssignmentOptions {
  Method method = Method::bush;
  Objective objective = Objective::user_equilibrium;
  double relative_gap = 1e-4;  // stop when gap <= this (docs/assignment.md, "Relative gap")
  std::uint32_t max_iterations = 100000;
  double max_seconds = std::numeric_limits<double>::infinity();
  // Threads for the per-origin shortest paths of Algorithm B (its initial bushes and every gap
  // evaluation); the bush updates and flow shifts stay sequential. Results are identical for any count.
  unsigned threads = 1;
  // Called once per iteration, outside the inner loops; may be empty.
  std::function<void(const IterationReport&)> progress;
};

enum class AssignmentStatus : std::uint8_t { converged, iteration_limit, time_limit, unroutable_demand };
[[nodiscard]] std::string_view status_name(AssignmentStatus status);

struct AssignmentResult {
  AssignmentStatus status = AssignmentStatus::converged;
  std::vector<UnroutablePair> unroutable;  // filled when status == unroutable_demand (nothing else is)
  std::vector<double> link_flow;           // problem link order, flow units
  std::vector<double> link_cost;           // generalized cost c(x) at link_flow, time units
  std::uint32_t iterations = 0;
  double relative_gap = std::numeric_limits<double>::infinity();  // of the equilibrated cost (c or marginal)
  double tstt = 0;                // sum x c(x), generalized cost
  double sptt = 0;                // sum over OD of demand * shortest generalized cost at link_flow
  double beckmann_objective = 0;  // sum of integral_0^x c
  double seconds = 0;             // wall time of assign()
};

// Solves the problem with the chosen method. Returns status unroutable_demand (listing the pairs)
// instead of iterating when some demand has no path. Deterministic: same input, same bytes.
// Throws InputError if problem.validate() fails.
[[nodiscard]] AssignmentResult assign(const AssignmentProblem& problem, const AssignmentOptions& options);

}  // namespace landbridge::assignment
