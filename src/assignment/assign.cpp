#include "assignment/assign.hpp"

#include "assignment/detail/solver_context.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace landbridge::assignment {

std::string_view method_name(Method method) {
  switch (method) {
    case Method::all_or_nothing: return "aon";
    case Method::frank_wolfe: return "fw";
    case Method::conjugate_frank_wolfe: return "cfw";
    case Method::biconjugate_frank_wolfe: return "bfw";
    case Method::bush: return "bush";
  }
  return "?";
}

std::string_view status_name(AssignmentStatus status) {
  switch (status) {
    case AssignmentStatus::converged: return "converged";
    case AssignmentStatus::iteration_limit: return "iteration_limit";
    case AssignmentStatus::time_limit: return "time_limit";
    case AssignmentStatus::unroutable_demand: return "unroutable_demand";
  }
  return "?";
}

namespace detail {
namespace {

template <typename T>
std::vector<T> permuted(const std::vector<T>& values, const std::vector<LinkId>& order) {
  if (values.empty()) return {};
  std::vector<T> result(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) result[k] = values[order[k]];
  return result;
}

AssignmentProblem sorted_by_tail(const AssignmentProblem& problem, std::vector<LinkId>& order) {
  order.resize(problem.num_links());
  std::iota(order.begin(), order.end(), LinkId{0});
  std::stable_sort(order.begin(), order.end(), [&](LinkId a, LinkId b) { return problem.tail[a] < problem.tail[b]; });
  AssignmentProblem sorted;
  sorted.num_nodes = problem.num_nodes;
  sorted.tail = permuted(problem.tail, order);
  sorted.head = permuted(problem.head, order);
  sorted.free_flow_time = permuted(problem.free_flow_time, order);
  sorted.capacity = permuted(problem.capacity, order);
  sorted.alpha = permuted(problem.alpha, order);
  sorted.beta = permuted(problem.beta, order);
  sorted.toll = permuted(problem.toll, order);
  sorted.length = permuted(problem.length, order);
  sorted.vdf = permuted(problem.vdf, order);
  sorted.toll_factor = problem.toll_factor;
  sorted.distance_factor = problem.distance_factor;
  sorted.zone_node = problem.zone_node;
  sorted.through_allowed = problem.through_allowed;
  return sorted;  // demand stays with the caller's problem; the context keeps it by origin
}

}  // namespace

SolverContext::SolverContext(const AssignmentProblem& problem, const AssignmentOptions& options)
    : sorted(sorted_by_tail(problem, original_link)),
      graph(sorted),
      costs(sorted),
      objective(options.objective),
      query(graph),
      node_flow(problem.num_nodes, 0.0),
      threads(std::max(options.threads, 1u)) {
  const std::uint32_t z = problem.num_zones();
  first_destination.push_back(0);
  for (ZoneId o = 0; o < z; ++o) {
    const NodeId source = problem.zone_node[o];
    const std::size_t begin = destination_node.size();
    for (ZoneId d = 0; d < z; ++d) {
      const double q = problem.od_demand(o, d);
      if (d == o || q <= 0 || problem.zone_node[d] == source) continue;
      destination_node.push_back(problem.zone_node[d]);
      destination_demand.push_back(q);
    }
    if (destination_node.size() > begin) {
      origin_node.push_back(source);
      first_destination.push_back(static_cast<std::uint32_t>(destination_node.size()));
    }
  }
}

void SolverContext::evaluate_all(std::span<const double> flow, std::span<double> cost,
                                 std::span<double> derivative) const {
  for (LinkId a = 0; a < num_links(); ++a) costs.evaluate(a, flow[a], objective, cost[a], derivative[a]);
}

double SolverContext::shortest_paths(std::span<const double> cost, std::span<double> load) {
  if (!load.empty()) std::fill(load.begin(), load.end(), 0.0);
  double sptt = 0.0;
  for (std::uint32_t k = 0; k < num_origins(); ++k) {
    const std::span<const NodeId> targets(destination_node.data() + first_destination[k],
                                          first_destination[k + 1] - first_destination[k]);
    query.run(origin_node[k], cost, targets);
    double origin_total = 0.0;
    for (std::uint32_t i = first_destination[k]; i < first_destination[k + 1]; ++i) {
      origin_total += destination_demand[i] * query.distance(destination_node[i]);
      node_flow[destination_node[i]] += destination_demand[i];
    }
    sptt += origin_total;
    // Push node flows back along the tree in reverse settling order (a topological order of the tree).
    const auto settled = query.settled();
    for (std::size_t s = settled.size(); s-- > 1;) {
      const NodeId v = settled[s];
      const double f = node_flow[v];
      if (f == 0) continue;
      node_flow[v] = 0;
      const LinkId a = query.predecessor(v);
      if (!load.empty()) load[a] += f;
      node_flow[graph.tail[a]] += f;
    }
    node_flow[origin_node[k]] = 0;
  }
  last_sptt = sptt;
  return sptt;
}

double SolverContext::shortest_path_total(std::span<const double> cost) {
  origin_sptt.assign(num_origins(), 0.0);
  for_each_origin([&](ShortestPathQuery& q, std::vector<double>&, std::uint32_t k) {
    const std::span<const NodeId> targets(destination_node.data() + first_destination[k],
                                          first_destination[k + 1] - first_destination[k]);
    q.run(origin_node[k], cost, targets);
    double origin_total = 0.0;
    for (std::uint32_t i = first_destination[k]; i < first_destination[k + 1]; ++i) {
      origin_total += destination_demand[i] * q.distance(destination_node[i]);
    }
    origin_sptt[k] = origin_total;
  });
  double sptt = 0.0;
  for (const double t : origin_sptt) sptt += t;
  last_sptt = sptt;
  return sptt;
}

}  // namespace detail

AssignmentResult assign(const AssignmentProblem& problem, const AssignmentOptions& options) {
  problem.validate();
  AssignmentResult result;
  result.unroutable = find_unroutable_pairs(problem);
  if (!result.unroutable.empty()) {
    result.status = AssignmentStatus::unroutable_demand;
    return result;
  }
  detail::SolverContext context(problem, options);
  detail::IterationControl control(options);
  const std::uint32_t m = context.num_links();
  std::vector<double> flow(m, 0.0);
  if (options.method == Method::bush) {
    result.status = detail::run_bush_based(context, options, control, flow);
  } else {
    result.status = detail::run_link_based(context, options, control, flow);
  }
  result.iterations = control.iterations();
  result.relative_gap = control.gap();

  // Final figures with the generalized cost c (not the marginal cost), in the caller's link order.
  std::vector<double> cost(m);
  for (LinkId a = 0; a < m; ++a) cost[a] = context.costs.cost(a, flow[a]);
  result.tstt = context.costs.total_cost(flow);
  result.beckmann_objective = context.costs.beckmann(flow);
  // For UE the method's last gap evaluation was at these very flows and costs: reuse its SPTT.
  const bool reuse = options.objective == Objective::user_equilibrium && !std::isnan(context.last_sptt);
  result.sptt = reuse ? context.last_sptt : context.shortest_path_total(cost);
  result.link_flow.assign(m, 0.0);
  result.link_cost.assign(m, 0.0);
  for (LinkId a = 0; a < m; ++a) {
    result.link_flow[context.original_link[a]] = flow[a];
    result.link_cost[context.original_link[a]] = cost[a];
  }
  result.seconds = control.seconds();
  return result;
}

}  // namespace landbridge::assignment
