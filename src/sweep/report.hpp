// sweep/report.hpp: what a sweep tells people — percentile tables of cost, days, rail share and
// transit per country against the baseline, the criticality ranking — as a table, JSON, CSV files
// and a self-contained HTML page with the distributions and a tornado chart.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sweep/evaluate.hpp"
#include "sweep/run.hpp"

namespace landbridge::sweep {

inline constexpr double reported_percentiles[] = {0.50, 0.90, 0.95, 0.99};

struct MetricSummary {
  std::string metric, label, unit;
  double baseline = 0;
  double p50 = 0, p90 = 0, p95 = 0, p99 = 0, mean = 0, min = 0, max = 0;
  std::vector<double> values;  // per sample, in sample order
};

struct CriticalityRow {
  int rank = 0;
  std::string name, title, effect;
  double probability = 0, expected_days = 0;
  double closed_cost_delta_usd = 0;       // perceived (logsum) cost, the ranking key
  double closed_logistics_delta_usd = 0, closed_days_delta = 0, closed_rail_share_delta = 0, closed_unserved_teu = 0;
  double typical_cost_delta_usd = 0, expected_annual_cost_usd = 0;
};

struct SweepSummary {
  std::string risk_model, risk_title;
  std::uint64_t seed = 0, samples = 0;
  double period_days = 365;
  std::vector<MetricSummary> metrics;    // network-wide figures
  std::vector<MetricSummary> countries;  // transit TEU per country (those with any)
  std::vector<CriticalityRow> criticality;  // by rank
  double share_disrupted = 0;            // samples with at least one disruption
  std::uint64_t not_converged = 0;
  double worst_gap = 0;                  // largest final relative gap of any state's equilibrium
  std::map<std::string, double> element_frequency;  // sampled probability per element
};

[[nodiscard]] SweepSummary summarize_sweep(const Evaluator& evaluator, const SweepRun& run, std::uint64_t seed);
// metric -> {p50, p90, p95, p99, mean, min, max}, for ResultStore::write_percentiles.
[[nodiscard]] std::map<std::string, std::vector<double>> percentile_rows(const SweepSummary& summary);

[[nodiscard]] std::string summary_table(const SweepSummary& summary);
[[nodiscard]] nlohmann::ordered_json summary_json(const SweepSummary& summary);
[[nodiscard]] std::string report_html(const SweepSummary& summary);

// Writes summary.json, percentiles.csv, criticality.csv and report.html into `folder`, each atomically.
void write_sweep_report(const std::filesystem::path& folder, const SweepSummary& summary);

}  // namespace landbridge::sweep
