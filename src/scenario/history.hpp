// scenario/history.hpp: the backcast (docs/history.md). Each year 2019-2025 is the base network,
// demand and parameters with that year's observable inputs applied (a year file: scenario rules with
// `year = N`, optionally [[period]]s of a few days or weeks), solved with the one parameter set; the
// model's figures are set beside the published ones, which live in a file of their own so that a year
// file never holds the outcome it is compared with.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "freight/summary.hpp"
#include "routing/router.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::scenario {

// The figures compared, in report order. TEU per year.
//   rail_teu_cn_eu, rail_teu_eu_cn, rail_teu_cn_eu_total  China-EU rail (market CN-EU) by direction, both
//   transit_teu_by           CN-EU cargo (all modes) passing Belarus
//   middle_corridor_teu      all markets' TEU on the corridor "middle"
//   sea_cape_share           CN-EU sea TEU on "sea-cape" / CN-EU sea TEU
//   rail_share_cn_eu         CN-EU rail TEU / CN-EU TEU
//   rail_teu_china_europe    rail TEU between CN and EU, RU, BY (China Railway's China-Europe trains)
//   air_value_share_cn_eu, air_value_share_eu_cn   air's share of the cargo value by direction
[[nodiscard]] const std::vector<std::string>& history_keys();

// A published figure for one year and key, with the SOURCES.md keys behind it.
struct PublishedFigure {
  int year = 0;
  std::string key;
  double value = 0;
  std::string source;  // space-separated source keys
  std::string note;
};

// data/history/published.toml: [[figure]] tables with year, key, value, source and an optional note.
// Throws InputError naming file, line and key (an unknown key, a year or key given twice ...).
[[nodiscard]] std::vector<PublishedFigure> load_published(const std::filesystem::path& path);

// Every YYYY.toml in `folder` (a year file needs `year` equal to its name), sorted by year.
[[nodiscard]] std::vector<Scenario> load_year_files(const std::filesystem::path& folder);

struct YearResult {
  int year = 0;
  bool calibrated = false;                   // a year the parameters were fitted on
  std::map<std::string, double> model;       // history_keys()
  std::map<std::string, double> published;  // where a figure exists
  std::map<std::string, std::string> sources;
  int states = 0;                            // equilibria solved: 1 + the year's periods
  int iterations = 0;                        // summed over the states
  bool converged = true;
  double seconds = 0;
};

struct HistorySummary {
  std::vector<YearResult> years;
  // Mean absolute percentage error of each key over the years with a published figure, separately
  // for the calibration years and the others; and how many year-on-year changes (between consecutive
  // years both published) have the published change's sign, of how many.
  std::map<std::string, double> mape_calibrated, mape_validation;
  std::map<std::string, std::pair<int, int>> direction_right;
};

// The figures of one solved state.
[[nodiscard]] std::map<std::string, double> history_figures(const freight::FreightModel& model, const freight::FreightResult& result,
                                                          const freight::FreightSummary& summary);

// Runs one year: the year file's rules for the whole year, each period's rules on top for its days;
// figures weighted by days (shares recomputed from the weighted TEU).
[[nodiscard]] YearResult run_year(const routing::Router& base_router, const freight::Demand& demand,
                                  const freight::FreightParameters& parameters, const Scenario& year_file,
                                  const std::vector<PublishedFigure>& published);

[[nodiscard]] HistorySummary summarize_history(std::vector<YearResult> years);

// Outputs (docs/history.md): {"years": [{"year", "calibrated", "model", "published", "sources"}], "fit": {...}}
[[nodiscard]] nlohmann::ordered_json history_json(const HistorySummary& history);
[[nodiscard]] std::string history_table(const HistorySummary& history);
[[nodiscard]] std::string history_csv(const HistorySummary& history);
// A self-contained page: per key, a chart of modelled (line) and published (points) by year (SVG).
[[nodiscard]] std::string history_html(const HistorySummary& history);

}  // namespace landbridge::scenario
