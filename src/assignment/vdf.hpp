// assignment/vdf.hpp: volume-delay functions, generalized link cost, its derivatives and integrals.
#pragma once
#include "assignment/problem.hpp"

#include <cmath>
#include <span>
#include <vector>

namespace landbridge::assignment {

// User equilibrium (Wardrop's first principle, Beckmann objective) or system optimum (second
// principle, total cost objective: each link is priced at its marginal cost c + x c').
enum class Objective : std::uint8_t { user_equilibrium, system_optimum };

// Generalized cost of every link of one problem, stored as contiguous arrays. Cheap to query:
// no allocation, one switch per call. Thread-safe for concurrent reads.
class LinkCostModel {
 public:
  explicit LinkCostModel(const AssignmentProblem& problem);

  [[nodiscard]] std::uint32_t num_links() const { return static_cast<std::uint32_t>(fft_.size()); }

  // c(x) = t(x) + toll_factor * toll + distance_factor * length, in time units.
  [[nodiscard]] double cost(LinkId a, double x) const { return constant_[a] + travel_time(a, x); }
  // dc/dx (0 for constant-cost links).
  [[nodiscard]] double derivative(LinkId a, double x) const;
  // d2c/dx2.
  [[nodiscard]] double second_derivative(LinkId a, double x) const;
  // Integral of c from 0 to x: the link's term of the Beckmann objective (constant terms included).
  [[nodiscard]] double integral(LinkId a, double x) const;
  // True when c grows with flow (so the link's equilibrium flow is unique).
  [[nodiscard]] bool flow_dependent(LinkId a) const { return flow_dependent_[a] != 0; }

  // The cost an algorithm equilibrates and its derivative: c and c' for user equilibrium; the
  // marginal cost c + x c' and 2c' + x c'' for system optimum.
  void evaluate(LinkId a, double x, Objective objective, double& cost_out, double& derivative_out) const {
    double c, d;
    if (kind_[a] == VdfKind::bpr && beta_code_[a] == 255 && x > 0 && beta_[a] >= 1.0) {
      // Fractional power: one pow() for both, since x^(beta-1) = x^beta / x.
      const double p = coefficient_[a] * std::pow(x, beta_[a]);
      c = constant_[a] + fft_[a] + p;
      d = beta_[a] * p / x;
    } else {
      c = cost(a, x);
      d = derivative(a, x);
    }
    if (objective == Objective::user_equilibrium) {
      cost_out = c;
      derivative_out = d;
    } else {
      cost_out = c + x * d;
      derivative_out = 2.0 * d + x * second_derivative(a, x);
    }
  }

  // Whole-network figures for a flow vector (fixed summation order, deterministic).
  [[nodiscard]] double total_cost(std::span<const double> flow) const;        // TSTT = sum x c(x)
  [[nodiscard]] double beckmann(std::span<const double> flow) const;          // sum of integrals
  [[nodiscard]] double objective_value(std::span<const double> flow, Objective objective) const {
    return objective == Objective::user_equilibrium ? beckmann(flow) : total_cost(flow);
  }

 private:
  [[nodiscard]] double travel_time(LinkId a, double x) const;

  std::vector<VdfKind> kind_;
  std::vector<double> fft_, capacity_, alpha_;
  std::vector<double> beta_;          // BPR: power; Akcelik: A = U T / 4, the delay scale in time units
  std::vector<double> coefficient_;   // BPR: fft * alpha / capacity^beta; conical: b = (2a-1)/(2a-2);
                                      // Akcelik: k = 8 J / (capacity T)
  std::vector<double> constant_;      // toll_factor * toll + distance_factor * length
  std::vector<std::uint8_t> beta_code_;  // BPR: 0..4 for integer powers 0..4, 255 otherwise
  std::vector<std::uint8_t> flow_dependent_;
};

// x^beta with fast paths for the common integer powers; code from LinkCostModel's beta_code_.
inline double power_by_code(double x, double beta, std::uint8_t code) {
  switch (code) {
    case 0: return 1.0;
    case 1: return x;
    case 2: return x * x;
    case 3: return x * x * x;
    case 4: { const double x2 = x * x; return x2 * x2; }
    default: return std::pow(x, beta);
  }
}

// Akcelik (1991) with r = x / capacity, z = r - 1: s = sqrt(z^2 + k r) and w = z + s, the bracket of
// t = fft + A w. Below capacity z + s cancels, so w is computed as k r / (s - z) there.
struct AkcelikTerms {
  double s, w;
};
inline AkcelikTerms akcelik_terms(double r, double k) {
  const double z = r - 1.0, s = std::sqrt(z * z + k * r);
  return {s, z >= 0 ? z + s : k * r / (s - z)};
}

inline double LinkCostModel::travel_time(LinkId a, double x) const {
  switch (kind_[a]) {
    case VdfKind::bpr:
      if (beta_code_[a] == 0) return fft_[a] + coefficient_[a];
      return fft_[a] + coefficient_[a] * power_by_code(x, beta_[a], beta_code_[a]);
    case VdfKind::conical: {
      const double al = alpha_[a], b = coefficient_[a], r = 1.0 - x / capacity_[a];
      return fft_[a] * (2.0 + std::sqrt(al * al * r * r + b * b) - al * r - b);
    }
    case VdfKind::akcelik: return fft_[a] + beta_[a] * akcelik_terms(x / capacity_[a], coefficient_[a]).w;
  }
  return fft_[a];
}

inline double LinkCostModel::derivative(LinkId a, double x) const {
  if (kind_[a] == VdfKind::bpr) {
    const std::uint8_t code = beta_code_[a];
    switch (code) {
      case 0: return 0.0;
      case 1: return coefficient_[a];
      case 2: return 2.0 * coefficient_[a] * x;
      case 3: return 3.0 * coefficient_[a] * x * x;
      case 4: return 4.0 * coefficient_[a] * x * x * x;
      default: {
        const double beta = beta_[a];
        // For beta < 1 the derivative is unbounded at 0; evaluate just above it.
        const double xs = (beta < 1.0 && x < 1e-9) ? 1e-9 : x;
        return coefficient_[a] * beta * std::pow(xs, beta - 1.0);
      }
    }
  }
  const double c = capacity_[a];
  if (kind_[a] == VdfKind::akcelik) {
    // dt/dx = A/c (1 + (2z + k) / (2s)) = A/c (2w + k) / (2s) > 0.
    const double k = coefficient_[a];
    const AkcelikTerms t = akcelik_terms(x / c, k);
    return beta_[a] / c * (2.0 * t.w + k) / (2.0 * t.s);
  }
  const double al = alpha_[a], b = coefficient_[a], r = 1.0 - x / c;
  const double s = std::sqrt(al * al * r * r + b * b);
  return fft_[a] / c * (al - al * al * r / s);
}

}  // namespace landbridge::assignment
