// assignment/detail/solver_context.hpp: what every assignment method shares: sorted links, CSR, costs, demand by origin.
#pragma once
#include "assignment/assign.hpp"
#include "assignment/graph.hpp"
#include "assignment/vdf.hpp"

#include <chrono>
#include <optional>
#include <span>
#include <vector>

namespace landbridge::assignment::detail {

// The problem with links sorted by tail (stable), so forward stars are link ranges. All flows and
// costs inside the solver use this sorted order; original_link maps back.
struct SolverContext {
  SolverContext(const AssignmentProblem& problem, const AssignmentOptions& options);

  std::vector<LinkId> original_link;  // sorted link -> problem link (declared first: built first)
  AssignmentProblem sorted;
  AssignmentGraph graph;
  LinkCostModel costs;
  Objective objective;

  // Demand grouped by origin node: destinations of origin k are [first_destination[k], first_destination[k+1]).
  std::vector<NodeId> origin_node;
  std::vector<std::uint32_t> first_destination;
  std::vector<NodeId> destination_node;
  std::vector<double> destination_demand;

  ShortestPathQuery query;
  std::vector<double> node_flow;  // scratch, n

  [[nodiscard]] std::uint32_t num_origins() const { return static_cast<std::uint32_t>(origin_node.size()); }
  [[nodiscard]] std::uint32_t num_links() const { return graph.num_links(); }

  // Algorithm cost (c for UE, marginal cost for SO) and its derivative at flow, for every link.
  void evaluate_all(std::span<const double> flow, std::span<double> cost, std::span<double> derivative) const;

  // Shortest paths from every origin by cost; returns sum over OD of demand * shortest cost (SPTT).
  // If load is not empty it is overwritten with the all-or-nothing flows.
  double shortest_paths(std::span<const double> cost, std::span<double> load);
  double last_sptt = std::numeric_limits<double>::quiet_NaN();  // of the latest shortest_paths() call
};

// Stopping rule and progress reporting shared by the methods.
class IterationControl {
 public:
  explicit IterationControl(const AssignmentOptions& options)
      : options_(options), start_(std::chrono::steady_clock::now()) {}

  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  // Records an iteration's gap; returns the final status if the method must stop now.
  std::optional<AssignmentStatus> check(std::uint32_t iteration, double gap, double objective_value) {
    iterations_ = iteration;
    gap_ = gap;
    const double elapsed = seconds();
    if (options_.progress) options_.progress({iteration, gap, objective_value, elapsed});
    if (gap <= options_.relative_gap) return AssignmentStatus::converged;
    if (iteration >= options_.max_iterations) return AssignmentStatus::iteration_limit;
    if (elapsed >= options_.max_seconds) return AssignmentStatus::time_limit;
    return std::nullopt;
  }
  // The objective is only computed for progress reports; methods may pass NaN when this is false.
  [[nodiscard]] bool wants_objective() const { return static_cast<bool>(options_.progress); }
  [[nodiscard]] std::uint32_t iterations() const { return iterations_; }
  [[nodiscard]] double gap() const { return gap_; }

 private:
  const AssignmentOptions& options_;
  std::chrono::steady_clock::time_point start_;
  std::uint32_t iterations_ = 0;
  double gap_ = std::numeric_limits<double>::infinity();
};

// Relative gap of the algorithm cost: (sum x c - SPTT) / sum x c, 0 when nothing moves.
inline double relative_gap(double total_cost, double shortest_total) {
  if (total_cost <= 0) return 0.0;
  return std::max(0.0, (total_cost - shortest_total) / total_cost);
}

inline double objective_for_report(const SolverContext& context, const IterationControl& control,
                                   std::span<const double> flow) {
  return control.wants_objective() ? context.costs.objective_value(flow, context.objective)
                                   : std::numeric_limits<double>::quiet_NaN();
}

// Each method leaves its equilibrium flows (sorted link order) in flow and returns the status.
AssignmentStatus run_link_based(SolverContext& context, const AssignmentOptions& options, IterationControl& control,
                                std::vector<double>& flow);
AssignmentStatus run_bush_based(SolverContext& context, const AssignmentOptions& options, IterationControl& control,
                                std::vector<double>& flow);

}  // namespace landbridge::assignment::detail
