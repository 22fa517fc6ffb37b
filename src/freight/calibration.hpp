// freight/calibration.hpp: fitting the model's alternative-specific constants to published figures,
// all at once (docs/freight.md, "Calibration"). Each target names a model figure and the constant that
// moves it; the constants are updated together from the log-odds of the model's and the target's
// shares until every target is met (the usual constant adjustment of logit models: Train 2009, section 2.8).
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "freight/model.hpp"
#include "freight/parameters.hpp"
#include "freight/summary.hpp"

namespace landbridge::freight {

enum class TargetMeasure : std::uint8_t {
  mode_teu,          // TEU of `mode` on rows of `direction` ("CN->EU": regions)   <-> mode_constant_usd[mode][direction]
  mode_value_share,  // `mode`'s share of the cargo value of rows of `direction`    <-> mode_constant_usd[mode][direction]
  corridor_share,    // `corridor`'s share of its mode's TEU (all rows)             <-> corridor_constant_usd[corridor]
  gateway_share,     // entry gateway group `gateway`'s share of rail TEU through any gateway <-> its constant_usd
};

struct CalibrationTarget {
  std::string name;    // for people
  TargetMeasure measure = TargetMeasure::mode_teu;
  std::string mode, direction, corridor, gateway;
  double value = 0;    // TEU per year, or a share in (0, 1)
  std::string source;  // source keys
  int line = 0;        // in the targets file
};

// A TOML file of [[target]] tables: name, measure, mode / direction / corridor / gateway as the
// measure needs, value, source. Throws InputError naming file, line and key.
[[nodiscard]] std::vector<CalibrationTarget> load_calibration_targets(const std::filesystem::path& path);

struct CalibrationRow {
  CalibrationTarget target;
  double model = 0;     // the model's figure with the fitted constants
  double constant = 0;  // the fitted constant, USD per TEU
};

struct CalibrationResult {
  FreightParameters parameters;  // the input parameters with the fitted constants
  std::vector<CalibrationRow> rows;
  int rounds = 0;
  bool converged = false;  // every target within `tolerance` (relative)
};

// The model figure a target compares with, from a solved model.
[[nodiscard]] double measured(const CalibrationTarget& target, const FreightModel& model, const FreightResult& result);

// Runs the model with the given parameters (on the caller's network and demand, e.g. after a year
// file's rules) and hands the solved model to `visit`.
using SolveWith = std::function<void(const FreightParameters& parameters,
                                     const std::function<void(const FreightModel&, const FreightResult&)>& visit)>;

// Fits the targets' constants together: each round solves the model once and moves every constant by
// ln(model share / target share) over the logit scale of its nest (theta for a mode, mu for a
// corridor or gateway), which for a multinomial logit moves the share to the target in one step when
// the others stay put. Stops when every target is within
// `tolerance` (relative) or after `max_rounds`. Throws InputError when two targets adjust the same
// constant, or when a target's figure is 0 in the model (nothing for the constant to move).
[[nodiscard]] CalibrationResult calibrate(const FreightParameters& start, const std::vector<CalibrationTarget>& targets,
                                          const SolveWith& solve, double tolerance = 1e-3, int max_rounds = 60);

}  // namespace landbridge::freight
