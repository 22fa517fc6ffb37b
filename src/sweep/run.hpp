// sweep/run.hpp: a whole sweep across threads and processes: the samples still missing from the
// store are dealt out one at a time to every thread of every rank (sweep/work.hpp), their results
// brought to the root and written there a batch per transaction; then the criticality sweep.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "sweep/parallel.hpp"
#include "sweep/store.hpp"
#include "sweep/sweep.hpp"

namespace landbridge::sweep {

struct SweepConfig {
  std::uint64_t seed = 1;
  std::uint64_t samples = 1000;  // sample indices [0, samples)
  int threads = 0;               // per process; 0 = the machine's cores shared by the processes on it
  std::uint64_t stop_after = 0;  // evaluate at most this many new samples, then stop (0 = all)
  bool criticality = true;
  std::size_t batch_per_rank = 0;  // samples per rank per batch; 0 = 8 per thread
};

struct SweepProgress {
  const char* phase = "samples";  // "samples" or "criticality"
  std::uint64_t done = 0, total = 0;
  double seconds = 0;
};

struct SweepRun {
  // On the root: every sample of [0, samples) in the store (or evaluated, without a store), by
  // index, and the criticality records by element. Empty on the other ranks.
  std::vector<SampleRecord> samples;
  std::vector<CriticalityRecord> criticality;
  std::uint64_t evaluated = 0;        // new samples this run (all ranks)
  std::uint64_t solves = 0;           // freight-model equilibria behind them (states with a disruption)
  // Work done for them (all ranks): equilibria solved and their iterations,
  // and states taken from the cache of closure-only states instead of being solved again.
  std::uint64_t solved = 0, solved_iterations = 0, reused = 0;
  double sample_seconds = 0;          // wall time of the sample phase
  std::uint64_t bytes_gathered = 0;   // sample results sent to the root (all ranks' messages)
  bool complete = false;              // every sample of [0, samples) is stored
  int threads = 1, processes = 1;
};

// Every process of `group` calls it with the same arguments; `store` is used on the root only
// (may be null: nothing is kept beyond the returned run).
[[nodiscard]] SweepRun run_sweep(const Evaluator& evaluator, const SweepConfig& config, ProcessGroup& group, ResultStore* store,
                                 const std::function<void(const SweepProgress&)>& progress = {});

}  // namespace landbridge::sweep
