// sweep/risk_model.hpp: risk models (TOML, docs/sweeps.md): the elements of the network that can
// fail — chokepoints, border crossings, yards, borders, ferry lines — each with a probability of a
// disruption per period, distributions of its duration and severity, and the scenario rules that
// say what a disruption does; groups of elements whose failures are correlated.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"

namespace landbridge::sweep {

// A distribution of a non-negative quantity, sampled by its quantile function so that one uniform
// number gives one draw (streams stay aligned when parameters change: common random numbers).
struct Distribution {
  enum class Kind : std::uint8_t { fixed, uniform, triangular, lognormal };
  Kind kind = Kind::fixed;
  // fixed: low; uniform: [low, high]; triangular: low, mode, high; lognormal: log-mean mu and
  // log-sd sigma (given in files as median and p90), cut at high if high > 0.
  double low = 0, mode = 0, high = 0, mu = 0, sigma = 0;

  [[nodiscard]] double quantile(double u) const;  // u in [0, 1)
  [[nodiscard]] double mean() const;
  [[nodiscard]] double upper() const;              // the largest value a draw can take
  [[nodiscard]] std::string describe() const;      // "triangular(14, 60, 365)"
};

enum class EffectKind : std::uint8_t {
  close,     // the selected links are closed for all cargo
  capacity,  // their capacity falls by the severity, a share in (0, 1)
  delay,     // every TEU crossing one of them waits severity hours more
};
[[nodiscard]] std::string_view to_string(EffectKind kind);

struct RiskGroup {
  std::string name;
  // Correlation of the members' latent failure variables (one-factor Gaussian copula): 0 = they
  // fail independently, 1 = as together as their marginal probabilities allow.
  double correlation = 0;
  bool common_timing = true;  // members that fail in the same period start on the same day
  std::string note;
};

struct RiskElement {
  std::string name, title;
  int group = -1;                  // index into RiskModel::groups, -1 if on its own
  double probability = 0;          // of a disruption starting within the period (at most one per period)
  Distribution duration_days;
  EffectKind effect = EffectKind::close;
  Distribution severity;           // capacity: share of capacity lost; delay: hours per TEU; close: unused
  scenario::Rule target;           // the selector, as a [[close]] rule (kind close)
  std::vector<scenario::Rule> also;  // further changes while disrupted ([[element.change]], [[element.close]])
  std::vector<std::string> sources;
  std::string note;
  int line = 0;
};

struct RiskModel {
  std::string name, title, description, file;
  std::vector<std::string> sources;
  double period_days = 365;
  std::vector<RiskGroup> groups;
  std::vector<RiskElement> elements;
};

// Parses a risk model; throws InputError naming file, line and key for every problem.
[[nodiscard]] RiskModel parse_risk_model(std::string_view text, const std::string& file);
[[nodiscard]] RiskModel load_risk_model(const std::filesystem::path& path);
// The default risk model of the embedded network: DATA/risk/eurasia.toml.
[[nodiscard]] std::filesystem::path default_risk_file(const std::filesystem::path& data_folder);

// The scenario rules of one element disrupted at `severity` (the element's effect on its target,
// then its `also` rules), or closed outright when `closed` is set (the criticality sweep).
[[nodiscard]] std::vector<scenario::Rule> disruption_rules(const RiskElement& element, double severity, bool closed = false);

}  // namespace landbridge::sweep
