// sweep/store.hpp: the results store of a sweep, an SQLite database (schema in docs/sweeps.md):
// one row per sample with its drawn disruptions and outcome, per-country transit, the
// criticality sweep, the baseline, and views for SQL users. Each batch of samples is written in
// one transaction, so an interrupted sweep loses at most the batch in flight and resumes where
// it stopped.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sweep/sweep.hpp"

struct sqlite3;

namespace landbridge::sweep {

// What makes two runs the same sweep: a store only accepts samples of its own sweep.
struct SweepIdentity {
  std::uint64_t seed = 0;
  std::string inputs_hash;  // of the risk model, network, demand and parameters files
  bool warm_start = true;
};

class ResultStore {
 public:
  // Opens or creates the database. Throws InputError when it holds another sweep's results
  // (different seed or inputs), naming what differs.
  ResultStore(const std::filesystem::path& path, const SweepIdentity& identity, const RiskModel& model,
              const std::vector<std::string>& countries);
  ~ResultStore();
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  [[nodiscard]] std::vector<std::uint64_t> stored_samples() const;
  void write_samples(const std::vector<SampleRecord>& records);  // one transaction
  [[nodiscard]] std::vector<SampleRecord> read_samples() const;  // by sample index

  // Replaces the criticality table, ranked by the cost of a period-long closure.
  void write_criticality(const std::vector<CriticalityRecord>& records, const Outcome& baseline, const RiskModel& model);

  void write_baseline(const Outcome& baseline);
  // metric -> {p50, p90, p95, p99, mean, min, max}: replaced as a whole.
  void write_percentiles(const std::map<std::string, std::vector<double>>& rows);

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  void exec(const std::string& sql) const;
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
  std::size_t country_count_ = 0;
};

}  // namespace landbridge::sweep
