// freight/equilibrium.hpp: the outer fixed point of the freight model's stochastic user equilibrium,
// x = y(x), where x are the arc flows and y(x) the loading of every demand row's choices at the
// delays that x causes (docs/freight.md). The model supplies the loading; this file only decides
// where to load next and when to stop.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>

namespace landbridge::freight {

enum class EquilibriumMethod : std::uint8_t {
  msa,       // method of successive averages: x += (y - x) / k (Sheffi 1985, ch. 12)
  anderson,  // Anderson acceleration of x = y(x) with safeguards (Walker & Ni 2011)
};
[[nodiscard]] std::string_view to_string(EquilibriumMethod method);
[[nodiscard]] std::optional<EquilibriumMethod> parse_equilibrium_method(std::string_view text);

struct IterationProgress {
  int iteration = 0;
  double relative_gap = 0;
};

struct EquilibriumSettings {
  EquilibriumMethod method = EquilibriumMethod::anderson;
  int max_iterations = 300;
  double relative_gap = 1e-4;  // stop when sum |y(x) - x| / sum y(x) over arcs is at most this
  // The start flows are a previous equilibrium: the first loading replaces them (a step of 1) and
  // the run may stop right after it. A cold start (zero flows) always loads at least twice.
  bool warm_start = false;
};

struct EquilibriumRun {
  int iterations = 0;          // loadings made (one per iteration)
  double relative_gap = 0;     // at the last loading
  bool converged = false;
  bool loading_is_current = false;  // `loading` is y(flow) at the final flow: no further loading needed
};

// `flow` holds the start flows (zeros for a cold start) and receives the final flows; `load()` must
// write y(flow) into `loading` (same length), reading `flow` as it is at the call. `progress` (may be
// empty) is called after each loading.
[[nodiscard]] EquilibriumRun solve_equilibrium(std::span<double> flow, std::span<const double> loading,
                                               const std::function<void()>& load, const EquilibriumSettings& settings,
                                               const std::function<void(const IterationProgress&)>& progress = {});

}  // namespace landbridge::freight
