// Link-based methods: all-or-nothing, Frank-Wolfe and its conjugate and bi-conjugate variants.
#include "assignment/detail/solver_context.hpp"

#include <algorithm>
#include <cmath>

namespace landbridge::assignment::detail {
namespace {

// Exact line search on the objective along x + lambda d, lambda in [0, 1]: the root of the
// directional derivative g(lambda) = sum_a d_a c_a(x_a + lambda d_a), which is non-decreasing.
// Newton steps with g' = sum_a d_a^2 c'_a, kept inside a shrinking bracket (bisection when a step
// leaves it); a few passes over the links instead of ~50 for plain bisection.
double line_search(const SolverContext& context, std::span<const double> x, std::span<const double> d,
                   std::span<const double> cost_at_x) {
  const std::uint32_t m = context.num_links();
  double slope_at_zero = 0;
  for (LinkId a = 0; a < m; ++a) slope_at_zero += d[a] * cost_at_x[a];
  if (slope_at_zero >= 0) return 0.0;
  auto evaluate = [&](double lambda, double& g, double& h) {
    g = 0;
    h = 0;
    double c, dc;
    for (LinkId a = 0; a < m; ++a) {
      if (d[a] == 0) continue;
      context.costs.evaluate(a, x[a] + lambda * d[a], context.objective, c, dc);
      g += d[a] * c;
      h += d[a] * d[a] * dc;
    }
  };
  double g = 0, h = 0;
  evaluate(1.0, g, h);
  if (g <= 0) return 1.0;
  double low = 0.0, high = 1.0;
  // First Newton step from lambda = 1 (g > 0 there), else the secant through the bracket ends.
  double lambda = h > 0 ? 1.0 - g / h : 0.5;
  if (!(lambda > low && lambda < high)) lambda = slope_at_zero / (slope_at_zero - g);
  const double tolerance = 1e-12 * -slope_at_zero;
  for (int k = 0; k < 100; ++k) {
    evaluate(lambda, g, h);
    if (std::abs(g) <= tolerance) break;
    if (g < 0) low = lambda; else high = lambda;
    if (high - low <= 1e-15) break;
    double next = h > 0 ? lambda - g / h : 0.5 * (low + high);
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    lambda = next;
  }
  return lambda;
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
    return control.check(1, relative_gap(total, sptt), objective_for_report(context, control, flow))
        .value_or(AssignmentStatus::iteration_limit);  // one shot: not converged unless the gap says so
  }

  std::uint32_t history = 0;  // how many previous targets are valid (0, 1 or 2)
  double previous_step = 1.0;
  for (std::uint32_t iteration = 1;; ++iteration) {
    context.evaluate_all(flow, cost, derivative);
    const double sptt = context.shortest_paths(cost, aon);
    double total = 0;
    for (LinkId a = 0; a < m; ++a) total += flow[a] * cost[a];
    const double gap = relative_gap(total, sptt);
    if (auto stop = control.check(iteration, gap, objective_for_report(context, control, flow))) return *stop;

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
    const double step = line_search(context, flow, direction, cost);
    for (LinkId a = 0; a < m; ++a) flow[a] += step * direction[a];
    std::swap(previous2, previous);
    std::copy(target.begin(), target.end(), previous.begin());
    history = std::min<std::uint32_t>(history + 1, 2);
    previous_step = step;
  }
}

}  // namespace landbridge::assignment::detail
