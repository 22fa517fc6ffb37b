// assignment/detail/solver_context.hpp: what every assignment method shares: sorted links, CSR, costs, demand by origin.
#pragma once
#include "assignment/assign.hpp"
#include "assignment/graph.hpp"
#include "assignment/vdf.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

namespace landbridge::assignment::detail {

// What one thread needs to route one origin: its own Dijkstra buffers and node-flow scratch (size n).
struct OriginWorker {
  explicit OriginWorker(const AssignmentGraph& graph) : query(graph), node_flow(graph.num_nodes, 0.0) {}
  ShortestPathQuery query;
  std::vector<double> node_flow;
};

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
  unsigned threads = 1;               // AssignmentOptions::threads
  std::vector<OriginWorker> workers;  // one per thread beyond the calling one (query/node_flow are its own)
  std::vector<double> origin_sptt;    // shortest_path_total's per-origin sums

  [[nodiscard]] std::uint32_t num_origins() const { return static_cast<std::uint32_t>(origin_node.size()); }
  [[nodiscard]] std::uint32_t num_links() const { return graph.num_links(); }

  // Algorithm cost (c for UE, marginal cost for SO) and its derivative at flow, for every link.
  void evaluate_all(std::span<const double> flow, std::span<double> cost, std::span<double> derivative) const;

  // Shortest paths from every origin by cost; returns sum over OD of demand * shortest cost (SPTT).
  // If load is not empty it is overwritten with the all-or-nothing flows.
  double shortest_paths(std::span<const double> cost, std::span<double> load);
  // The same SPTT without loading, origins spread over `threads` threads. Each origin's sum is kept
  // apart and the sums are added in origin order, so the result does not depend on the thread count
  // (shortest_paths adds in the same order).
  double shortest_path_total(std::span<const double> cost);

  // Calls work(query, node_flow, k) once for every origin k, on up to `threads` threads. work must
  // write only data of origin k (so the outcome cannot depend on which thread ran it). Rethrows the
  // first exception of any thread after all have stopped.
  template <typename Work>
  void for_each_origin(Work&& work);
  double last_sptt = std::numeric_limits<double>::quiet_NaN();  // of the latest shortest_paths() call
};

template <typename Work>
void SolverContext::for_each_origin(Work&& work) {
  const std::uint32_t z = num_origins();
  const unsigned extra = std::min<std::uint32_t>(std::max(threads, 1u), std::max(z, 1u)) - 1;
  if (extra == 0) {
    for (std::uint32_t k = 0; k < z; ++k) work(query, node_flow, k);
    return;
  }
  workers.reserve(extra);
  while (workers.size() < extra) workers.emplace_back(graph);
  std::atomic<std::uint32_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&](ShortestPathQuery& q, std::vector<double>& scratch) {
    try {
      for (std::uint32_t k = next.fetch_add(1); k < z; k = next.fetch_add(1)) work(q, scratch, k);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next.store(z);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(extra);
  try {
    for (unsigned t = 0; t < extra; ++t) pool.emplace_back(run, std::ref(workers[t].query), std::ref(workers[t].node_flow));
  } catch (...) {  // could not start a thread: the others finish the work
    const std::lock_guard<std::mutex> lock(failure_mutex);
    if (!failure) failure = std::current_exception();
  }
  run(query, node_flow);
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

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
