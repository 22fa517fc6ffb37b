// Whole sweeps on the tiny network: the results store, resuming an interrupted sweep, refusing a
// store of another sweep, and the summary's percentiles and criticality ranking.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "common/input_error.hpp"
#include "sweep/fixture.hpp"
#include "sweep/store_dump.hpp"
#include "sweep/report.hpp"
#include "sweep/run.hpp"

namespace landbridge::sweep {
namespace {

using testing::TinyFixture;

std::filesystem::path fresh_folder(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / ("landbridge-sweep-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

using testing::dump_store;

TEST(SweepRun, AnInterruptedSweepResumesToTheSameResults) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  const SweepIdentity identity{9, "inputs-1", true};
  auto single = single_process();
  SweepConfig config;
  config.seed = 9;
  config.samples = 40;
  config.threads = 2;
  config.batch_per_rank = 6;

  const auto whole = fresh_folder("whole");
  {
    ResultStore store(whole / "sweep.sqlite", identity, f.model, evaluator.countries());
    const SweepRun run = run_sweep(evaluator, config, *single, &store);
    EXPECT_TRUE(run.complete);
    EXPECT_EQ(run.evaluated, 40u);
    EXPECT_EQ(run.samples.size(), 40u);
    EXPECT_EQ(run.criticality.size(), f.model.elements.size());
  }
  const auto parts = fresh_folder("parts");
  {
    SweepConfig first = config;
    first.stop_after = 13;
    first.threads = 1;
    ResultStore store(parts / "sweep.sqlite", identity, f.model, evaluator.countries());
    const SweepRun run = run_sweep(evaluator, first, *single, &store);
    EXPECT_FALSE(run.complete);
    EXPECT_EQ(run.evaluated, 13u);
    EXPECT_EQ(store.stored_samples().size(), 13u);
  }
  {
    // A new process opens the same store and continues with the samples that are missing.
    ResultStore store(parts / "sweep.sqlite", identity, f.model, evaluator.countries());
    const SweepRun run = run_sweep(evaluator, config, *single, &store);
    EXPECT_TRUE(run.complete);
    EXPECT_EQ(run.evaluated, 27u);
  }
  EXPECT_EQ(dump_store(whole / "sweep.sqlite"), dump_store(parts / "sweep.sqlite"));
  EXPECT_GT(dump_store(whole / "sweep.sqlite").size(), 40u * 40u);
  std::filesystem::remove_all(whole);
  std::filesystem::remove_all(parts);
}

TEST(SweepRun, TheStoreIsTheSameForOneTwoAndFourThreads) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  const SweepIdentity identity{3, "inputs-1", true};
  auto single = single_process();
  std::vector<std::string> dumps;
  for (int threads : {1, 2, 4}) {
    const auto folder = fresh_folder("threads" + std::to_string(threads));
    {
      ResultStore store(folder / "sweep.sqlite", identity, f.model, evaluator.countries());
      SweepConfig config;
      config.seed = 3;
      config.samples = 90;
      config.threads = threads;
      config.batch_per_rank = 7;
      const SweepRun run = run_sweep(evaluator, config, *single, &store);
      EXPECT_TRUE(run.complete);
      EXPECT_GT(run.solved + run.reused, 30u);
    }
    dumps.push_back(dump_store(folder / "sweep.sqlite"));
    std::filesystem::remove_all(folder);
  }
  EXPECT_EQ(dumps[0], dumps[1]);
  EXPECT_EQ(dumps[0], dumps[2]);
}

TEST(SweepRun, AStoreOfAnotherSweepIsRefused) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  const auto folder = fresh_folder("other");
  { ResultStore store(folder / "sweep.sqlite", SweepIdentity{1, "inputs-1", true}, f.model, evaluator.countries()); }
  try {
    ResultStore store(folder / "sweep.sqlite", SweepIdentity{2, "inputs-1", true}, f.model, evaluator.countries());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("holds another sweep (seed = 1, this run has 2)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(ResultStore(folder / "sweep.sqlite", SweepIdentity{1, "inputs-2", true}, f.model, evaluator.countries()), InputError);
  std::filesystem::remove_all(folder);
}

TEST(SweepRun, SummaryPercentilesAndCriticality) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  auto single = single_process();
  SweepConfig config;
  config.seed = 4;
  config.samples = 200;
  const SweepRun run = run_sweep(evaluator, config, *single, nullptr);
  ASSERT_EQ(run.samples.size(), 200u);
  const SweepSummary s = summarize_sweep(evaluator, run, 4);
  ASSERT_FALSE(s.metrics.empty());
  const MetricSummary& cost = s.metrics[0];
  EXPECT_EQ(cost.metric, "perceived_cost_usd");
  // Disruptions only add cost, so every sample is at or above the baseline.
  EXPECT_GE(cost.min, cost.baseline * (1 - 1e-12));
  EXPECT_LE(cost.p50, cost.p90);
  EXPECT_LE(cost.p90, cost.p95);
  EXPECT_LE(cost.p95, cost.p99);
  EXPECT_LE(cost.p99, cost.max);
  EXPECT_GT(cost.p95, cost.baseline);
  // Brute force: the P95 is the interpolated order statistic of the sampled values.
  std::vector<double> values;
  for (const auto& r : run.samples) values.push_back(r.outcome.perceived_cost_usd);
  std::sort(values.begin(), values.end());
  EXPECT_DOUBLE_EQ(cost.p95, values[189] + 0.05 * (values[190] - values[189]));
  // Sampled frequencies near the model's probabilities (200 samples: loose bounds).
  EXPECT_NEAR(s.element_frequency.at("brest"), 0.4, 0.15);
  // Criticality: all four ranked, largest cost first.
  ASSERT_EQ(s.criticality.size(), 4u);
  for (std::size_t i = 1; i < s.criticality.size(); ++i)
    EXPECT_GE(s.criticality[i - 1].closed_cost_delta_usd, s.criticality[i].closed_cost_delta_usd);
  EXPECT_EQ(s.criticality[0].rank, 1);
  for (const auto& row : s.criticality) EXPECT_GE(row.closed_cost_delta_usd, -1e-6) << row.name;
  // The outputs render.
  EXPECT_NE(summary_table(s).find("P95"), std::string::npos);
  EXPECT_EQ(summary_json(s)["samples"], 200);
  const std::string html = report_html(s);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("criticality tornado"), std::string::npos);
}

}  // namespace
}  // namespace landbridge::sweep
