#include "freight/equilibrium.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace landbridge::freight {

std::string_view to_string(EquilibriumMethod method) {
  switch (method) {
    case EquilibriumMethod::msa: return "msa";
    case EquilibriumMethod::anderson: return "anderson";
  }
  return "?";
}

std::optional<EquilibriumMethod> parse_equilibrium_method(std::string_view text) {
  for (EquilibriumMethod m : {EquilibriumMethod::msa, EquilibriumMethod::anderson})
    if (to_string(m) == text) return m;
  return std::nullopt;
}

namespace {

// sum |y - x| / sum y over arcs: the convergence measure of docs/freight.md.
double relative_gap(std::span<const double> flow, std::span<const double> loading) {
  double difference = 0, total = 0;
  for (std::size_t a = 0; a < flow.size(); ++a) difference += std::fabs(loading[a] - flow[a]), total += loading[a];
  return total > 0 ? difference / total : 0;
}

// One loading at the current flows and its gap, reported; true when the run may stop there (from an
// empty network only after the second loading). Both methods begin every iteration with it.
bool load_and_check(int k, std::span<const double> flow, std::span<const double> loading, const std::function<void()>& load,
                    const EquilibriumSettings& settings, const std::function<void(const IterationProgress&)>& progress,
                    EquilibriumRun& run) {
  load();
  run.relative_gap = relative_gap(flow, loading);
  run.iterations = k;
  if (progress) progress(IterationProgress{k, run.relative_gap});
  if ((k > 1 || settings.warm_start) && run.relative_gap <= settings.relative_gap) {
    run.converged = true;
    run.loading_is_current = true;
  }
  return run.converged;
}

EquilibriumRun solve_msa(std::span<double> flow, std::span<const double> loading, const std::function<void()>& load,
                         const EquilibriumSettings& settings, const std::function<void(const IterationProgress&)>& progress) {
  EquilibriumRun run;
  // x_{k+1} = x_k + (y(x_k) - x_k) / k. From a warm start the first step is 1: arcs a scenario
  // closes start empty instead of fading out as 1/k, and a run that changes nothing stops at once.
  for (int k = 1; k <= settings.max_iterations; ++k) {
    if (load_and_check(k, flow, loading, load, settings, progress, run)) return run;
    const double step = 1.0 / k;
    for (std::size_t a = 0; a < flow.size(); ++a) flow[a] += step * (loading[a] - flow[a]);
  }
  return run;
}

// Least squares min |f - dF gamma|_2 over the columns of dF (oldest first) by modified Gram-Schmidt,
// newest column first: a column that adds almost nothing to the newer ones (ill-conditioning, or a
// stale secant) gets gamma = 0.
std::vector<double> least_squares(const std::vector<std::vector<double>>& dF, std::span<const double> f) {
  const std::size_t m = dF.size(), n = f.size();
  std::vector<std::vector<double>> q(m);
  std::vector<std::vector<double>> r(m, std::vector<double>(m, 0.0));  // r[i][j]: order positions i <= j
  std::vector<std::size_t> order;  // positions -> column, newest first, kept columns only
  for (std::size_t column = m; column-- > 0;) {
    std::vector<double> v = dF[column];
    double original = 0;
    for (double x : v) original += x * x;
    const std::size_t j = order.size();
    for (std::size_t i = 0; i < j; ++i) {
      double dot = 0;
      for (std::size_t a = 0; a < n; ++a) dot += q[i][a] * v[a];
      r[i][j] = dot;
      for (std::size_t a = 0; a < n; ++a) v[a] -= dot * q[i][a];
    }
    double norm = 0;
    for (double x : v) norm += x * x;
    if (!(norm > 1e-16 * original)) continue;  // (almost) in the span of the newer columns
    norm = std::sqrt(norm);
    r[j][j] = norm;
    for (double& x : v) x /= norm;
    q[j] = std::move(v);
    order.push_back(column);
  }
  const std::size_t kept = order.size();
  std::vector<double> qf(kept, 0.0), solution(kept, 0.0), gamma(m, 0.0);
  for (std::size_t j = 0; j < kept; ++j)
    for (std::size_t a = 0; a < n; ++a) qf[j] += q[j][a] * f[a];
  for (std::size_t j = kept; j-- > 0;) {
    double s = qf[j];
    for (std::size_t i = j + 1; i < kept; ++i) s -= r[j][i] * solution[i];
    solution[j] = s / r[j][j];
  }
  for (std::size_t j = 0; j < kept; ++j) gamma[order[j]] = solution[j];
  return gamma;
}

EquilibriumRun solve_anderson(std::span<double> flow, std::span<const double> loading, const std::function<void()>& load,
                              const EquilibriumSettings& settings, const std::function<void(const IterationProgress&)>& progress) {
  constexpr std::size_t depth = 5;
  constexpr int patience = 6;  // iterations without a new best gap before falling back to averaging
  EquilibriumRun run;
  const std::size_t n = flow.size();
  std::vector<std::vector<double>> dF, dG;  // differences of residuals f = y - x and of loadings y
  std::vector<double> f(n), f_previous(n), g_previous(n), next(n), best_flow(n), best_loading(n);
  bool have_previous = false;
  double best_gap = INFINITY;
  int best_iteration = 0;
  int averaging = 0;  // > 0: the method of successive averages, restarted at the best point
  for (int k = 1; k <= settings.max_iterations; ++k) {
    if (load_and_check(k, flow, loading, load, settings, progress, run)) return run;
    if (averaging > 0) {
      ++averaging;
      const double step = 1.0 / averaging;
      for (std::size_t a = 0; a < n; ++a) flow[a] += step * (loading[a] - flow[a]);
      continue;
    }
    if (k > 1 && run.relative_gap < 0.9 * best_gap) {
      best_gap = run.relative_gap, best_iteration = k;
      std::copy(flow.begin(), flow.end(), best_flow.begin());
      std::copy(loading.begin(), loading.end(), best_loading.begin());
    }
    if (k > 1 && k - best_iteration >= patience) {
      // No progress: the loading probably jumps (a group's path flips inside a corridor), where
      // no fixed point exists; average from the best point seen, as MSA would.
      averaging = 2;
      for (std::size_t a = 0; a < n; ++a) flow[a] = best_flow[a] + 0.5 * (best_loading[a] - best_flow[a]);
      continue;
    }
    for (std::size_t a = 0; a < n; ++a) f[a] = loading[a] - flow[a];
    if (k > 1 && run.relative_gap > 2 * best_gap) {
      dF.clear(), dG.clear();  // restart: the history misleads
    } else if (have_previous) {
      std::vector<double> df(n), dg(n);
      for (std::size_t a = 0; a < n; ++a) df[a] = f[a] - f_previous[a], dg[a] = loading[a] - g_previous[a];
      dF.push_back(std::move(df)), dG.push_back(std::move(dg));
      if (dF.size() > depth) dF.erase(dF.begin()), dG.erase(dG.begin());
    }
    const std::vector<double> gamma = dF.empty() ? std::vector<double>() : least_squares(dF, f);
    for (std::size_t a = 0; a < n; ++a) {
      double x = loading[a];
      for (std::size_t j = 0; j < gamma.size(); ++j) x -= gamma[j] * dG[j][a];
      next[a] = x;
    }
    // Flows stay non-negative: shorten the step back towards y(x) (which is) where needed.
    double keep = 1;
    for (std::size_t a = 0; a < n; ++a)
      if (next[a] < 0) keep = std::min(keep, loading[a] / (loading[a] - next[a]));
    for (std::size_t a = 0; a < n; ++a) {
      f_previous[a] = f[a], g_previous[a] = loading[a];
      flow[a] = loading[a] + keep * (next[a] - loading[a]);
    }
    // The first step replaces the start flows; its secant (from an empty network, or another
    // scenario's equilibrium) says little about this one's map.
    have_previous = k > 1;
  }
  return run;
}

}  // namespace

EquilibriumRun solve_equilibrium(std::span<double> flow, std::span<const double> loading, const std::function<void()>& load,
                                 const EquilibriumSettings& settings, const std::function<void(const IterationProgress&)>& progress) {
  switch (settings.method) {
    case EquilibriumMethod::msa: return solve_msa(flow, loading, load, settings, progress);
    case EquilibriumMethod::anderson: return solve_anderson(flow, loading, load, settings, progress);
  }
  return {};
}

}  // namespace landbridge::freight
