// Link-based methods: all-or-nothing, Frank-Wolfe and its conjugate and bi-conjugate variants.
#include "assignment/detail/solver_context.hpp"

#include <algorithm>
#include <cmath>

namespace landbridge::assignment::detail {
namespace {

// Exact line search on the objective along x + lambda d, lambda in [0, 1]: bisection on the
// directional derivative sum_a d_a c_a(x_a + lambda d_a), which is non-decreasing in lambda.
double line_search(const SolverContext& context, std::span<const double> x, std::span<const double> d) {
  const std::uint32_t m = context.num_links();
  auto slope = [&](double lambda) {
    double sum = 0.0;
    double c, dc;
    for (LinkId a = 0; a < m; ++a) {
      if (d[a] == 0) continue;
      context.costs.evaluate(a, x[a] + lambda * d[a], context.objective, c, dc);
      sum += d[a] * c;
    }
    return sum;
  };
  if (slope(1.0) <= 0) return 1.0;
  if (slope(0.0) >= 0) return 0.0;
  double low = 0.0, high = 1.0;
  for (int k = 0; k < 60 && high - low > 1e-15; ++k) {
    const double mid = 0.5 * (low + high);
    if (slope(mid) < 0) low = mid; else high = mid;
  }
  return 0.5 * (low + high);
}

}  // namespace

AssignmentStatus run_link_based(SolverContext& context, const AssignmentOptions& options, IterationControl& control,
                                std::vector<double>& flow) {
  const std::uint32_t m = context.num_links();
  std::vector<double> cost(m), derivative(m), aon(m), target(m), previous(m), previous2(m), direction(m);

  // Iteration 0: all-or-nothing at free-flow (zero-flow) cost.
  context.evaluate_all(flow, cost, derivative);
  context.shortest_paths(cost, flow);
  if (options.method == Method::all_or_nothing) {
    context.evaluate_all(flow, cost, derivative);
    double total = 0;
    for (LinkId a = 0; a < m; ++a) total += flow[a] * cost[a];
    const double sptt = context.shortest_paths(cost, {});
    return control.check(1, relative_gap(total, sptt), context.costs.objective_value(flow, context.objective))
        .value_or(AssignmentStatus::converged);
  }

  std::uint32_t history = 0;  // how many previous targets are valid (0, 1 or 2)
  double previous_step = 1.0;
  for (std::uint32_t iteration = 1;; ++iteration) {
    context.evaluate_all(flow, cost, derivative);
    const double sptt = context.shortest_paths(cost, aon);
    double total = 0;
    for (LinkId a = 0; a < m; ++a) total += flow[a] * cost[a];
    const double gap = relative_gap(total, sptt);
    if (auto stop = control.check(iteration, gap, context.costs.objective_value(flow, context.objective))) return *stop;

    // Search target s: the AON flow (FW), or a mix with earlier targets that makes the direction
    // conjugate to the previous one or two with respect to the Hessian diag(c'(x)).
    // Mitradjieva & Lindberg (2013), "The stiff is moving: conjugate direction Frank-Wolfe methods
    // with applications to traffic assignment", Transportation Science 47(2), sections 3-4.
    bool mixed = false;
    if (options.method == Method::biconjugate_frank_wolfe && history >= 2 && previous_step < 1.0 - 1e-12) {
      // d1 = s_{k-1} - x_k, d2 = tau s_{k-1} - x_k + (1 - tau) s_{k-2}.
      double n2 = 0, den2 = 0, n1 = 0, den1 = 0;
      const double tau = previous_step;
      for (LinkId a = 0; a < m; ++a) {
        const double h = derivative[a];
        if (h == 0) continue;
        const double d1 = previous[a] - flow[a];
        const double d2 = tau * previous[a] - flow[a] + (1.0 - tau) * previous2[a];
        const double y = aon[a] - flow[a];
        n2 += d2 * h * y;
        den2 += d2 * h * (previous2[a] - previous[a]);
        n1 += d1 * h * y;
        den1 += d1 * h * d1;
      }
      if (den1 != 0 && den2 != 0) {
        const double mu = std::max(0.0, -n2 / den2);
        const double nu = std::max(0.0, -n1 / den1 + mu * tau / (1.0 - tau));
        const double b0 = 1.0 / (1.0 + mu + nu), b1 = nu * b0, b2 = mu * b0;
        for (LinkId a = 0; a < m; ++a) target[a] = b0 * aon[a] + b1 * previous[a] + b2 * previous2[a];
        mixed = true;
      }
    }
    if (!mixed && options.method != Method::frank_wolfe && history >= 1) {
      // alpha = d^T H (y - x) / d^T H (y - s_{k-1}), d = s_{k-1} - x_k, clipped to [0, 1 - delta].
      double numerator = 0, denominator = 0;
      for (LinkId a = 0; a < m; ++a) {
        const double h = derivative[a];
        const double d = previous[a] - flow[a];
        numerator += d * h * (aon[a] - flow[a]);
        denominator += d * h * (aon[a] - previous[a]);
      }
      if (denominator != 0) {
        const double alpha = std::clamp(numerator / denominator, 0.0, 1.0 - 1e-6);
        for (LinkId a = 0; a < m; ++a) target[a] = alpha * previous[a] + (1.0 - alpha) * aon[a];
        mixed = true;
      }
    }
    if (mixed) {
      // Keep only descent directions; otherwise restart from the plain Frank-Wolfe target.
      double slope = 0;
      for (LinkId a = 0; a < m; ++a) slope += (target[a] - flow[a]) * cost[a];
      if (!(slope < 0)) mixed = false;
    }
    if (!mixed) {
      std::copy(aon.begin(), aon.end(), target.begin());
      history = 0;
    }
    for (LinkId a = 0; a < m; ++a) direction[a] = target[a] - flow[a];
    const double step = line_search(context, flow, direction);
    for (LinkId a = 0; a < m; ++a) flow[a] += step * direction[a];
    std::swap(previous2, previous);
    std::copy(target.begin(), target.end(), previous.begin());
    history = std::min<std::uint32_t>(history + 1, 2);
    previous_step = step;
  }
}

}  // namespace landbridge::assignment::detail
