#include "assignment/vdf.hpp"

#include <cassert>

namespace landbridge::assignment {

namespace {

// Integral over r from 0 to R of w(r) = (r - 1) + sqrt((r - 1)^2 + k r), for 0 < k < 4. With h = 1 - k/2
// and m^2 = k (4 - k) / 4 the root is sqrt(u^2 + m^2), u = r - h, and w = u + sqrt(u^2 + m^2) - k/2, whose
// primitive in u is P(u) = (u (u + sqrt(u^2 + m^2)) + m^2 asinh(u / m)) / 2. For u < 0 the sum
// u + sqrt(u^2 + m^2) is written m^2 / (sqrt(u^2 + m^2) - u), which does not cancel.
double akcelik_bracket_integral(double r, double k) {
  const double h = 1.0 - 0.5 * k, m2 = 0.25 * k * (4.0 - k), m = std::sqrt(m2);
  auto primitive = [m, m2](double u) {
    const double root = std::sqrt(u * u + m2);
    const double sum = u >= 0 ? u + root : m2 / (root - u);
    return 0.5 * (u * sum + m2 * std::asinh(u / m));
  };
  return -0.5 * k * r + (primitive(r - h) - primitive(-h));
}

}  // namespace

LinkCostModel::LinkCostModel(const AssignmentProblem& problem) {
  const std::uint32_t m = problem.num_links();
  kind_.resize(m);
  fft_ = problem.free_flow_time;
  capacity_ = problem.capacity;
  alpha_ = problem.alpha;
  beta_ = problem.beta;
  coefficient_.resize(m);
  constant_.resize(m);
  beta_code_.resize(m);
  flow_dependent_.resize(m);
  for (LinkId a = 0; a < m; ++a) {
    kind_[a] = problem.vdf_of(a);
    constant_[a] = problem.toll_factor * problem.toll[a] + problem.distance_factor * problem.length[a];
    if (kind_[a] == VdfKind::bpr) {
      const double beta = beta_[a];
      coefficient_[a] = fft_[a] * alpha_[a] / std::pow(capacity_[a], beta);
      beta_code_[a] = 255;
      for (std::uint8_t k = 0; k <= 4; ++k) {
        if (beta == static_cast<double>(k)) beta_code_[a] = k;
      }
      if (coefficient_[a] == 0.0) beta_code_[a] = 0;  // constant cost: t = fft
      flow_dependent_[a] = beta_code_[a] != 0 ? 1 : 0;
    } else if (kind_[a] == VdfKind::conical) {
      const double al = alpha_[a];
      coefficient_[a] = (2.0 * al - 1.0) / (2.0 * al - 2.0);
      flow_dependent_[a] = fft_[a] > 0.0 ? 1 : 0;
    } else {  // Akcelik: J = alpha, T = beta (hours)
      const double period = beta_[a];
      coefficient_[a] = 8.0 * alpha_[a] / (capacity_[a] * period);
      beta_[a] = 0.25 * period * problem.time_units_per_hour;
      flow_dependent_[a] = 1;
    }
  }
}

double LinkCostModel::second_derivative(LinkId a, double x) const {
  if (kind_[a] == VdfKind::bpr) {
    const std::uint8_t code = beta_code_[a];
    switch (code) {
      case 0: case 1: return 0.0;
      case 2: return 2.0 * coefficient_[a];
      case 3: return 6.0 * coefficient_[a] * x;
      case 4: return 12.0 * coefficient_[a] * x * x;
      default: {
        const double beta = beta_[a];
        const double xs = (beta < 2.0 && x < 1e-9) ? 1e-9 : x;
        return coefficient_[a] * beta * (beta - 1.0) * std::pow(xs, beta - 2.0);
      }
    }
  }
  const double c = capacity_[a];
  if (kind_[a] == VdfKind::akcelik) {
    // d/dx of A/c (2w + k)/(2s): A/c^2 k (4 - k) / (4 s^3), >= 0 because k < 4 (validate()).
    const double k = coefficient_[a], s = akcelik_terms(x / c, k).s;
    return beta_[a] / (c * c) * k * (4.0 - k) / (4.0 * s * s * s);
  }
  const double al = alpha_[a], b = coefficient_[a], r = 1.0 - x / c;
  const double s2 = al * al * r * r + b * b;
  return fft_[a] / (c * c) * al * al * b * b / (s2 * std::sqrt(s2));
}

double LinkCostModel::integral(LinkId a, double x) const {
  double time_integral;
  if (kind_[a] == VdfKind::bpr) {
    if (beta_code_[a] == 0) {
      time_integral = (fft_[a] + coefficient_[a]) * x;
    } else {
      const double beta = beta_[a];
      time_integral = fft_[a] * x + coefficient_[a] * x * power_by_code(x, beta, beta_code_[a]) / (beta + 1.0);
    }
  } else if (kind_[a] == VdfKind::akcelik) {
    time_integral = fft_[a] * x + beta_[a] * capacity_[a] * akcelik_bracket_integral(x / capacity_[a], coefficient_[a]);
  } else {
    // Spiess (1990) conical: integral of sqrt(u^2 + b^2) is (u s + b^2 asinh(u / b)) / 2, u = a (1 - s / c).
    const double al = alpha_[a], b = coefficient_[a], c = capacity_[a];
    auto primitive = [b](double u) { return 0.5 * (u * std::sqrt(u * u + b * b) + b * b * std::asinh(u / b)); };
    const double u0 = al, u1 = al * (1.0 - x / c);
    const double root_part = c / al * (primitive(u0) - primitive(u1));
    time_integral = fft_[a] * ((2.0 - b) * x - al * (x - x * x / (2.0 * c)) + root_part);
  }
  return time_integral + constant_[a] * x;
}

double LinkCostModel::total_cost(std::span<const double> flow) const {
  assert(flow.size() == num_links());
  double sum = 0.0;
  for (LinkId a = 0; a < num_links(); ++a) sum += flow[a] * cost(a, flow[a]);
  return sum;
}

double LinkCostModel::beckmann(std::span<const double> flow) const {
  assert(flow.size() == num_links());
  double sum = 0.0;
  for (LinkId a = 0; a < num_links(); ++a) sum += integral(a, flow[a]);
  return sum;
}

}  // namespace landbridge::assignment
