#include "sweep/run.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <chrono>
#include <cstring>
#include <thread>

#include "sweep/work.hpp"

namespace landbridge::sweep {
namespace {

// The samples in the order to deal them out: index order, but the last `tail` dearest first (a
// guess from the drawn disruptions), so that the run does not end with one thread on a slow sample
// while the others wait. Results do not depend on the order.
std::vector<std::uint64_t> dealing_order(const Evaluator& evaluator, std::uint64_t seed, const std::vector<std::uint64_t>& todo,
                                         std::size_t tail) {
  std::vector<std::uint64_t> order = todo;
  const std::size_t from = order.size() > tail ? order.size() - tail : 0;
  std::vector<std::pair<double, std::uint64_t>> guessed;
  for (std::size_t k = from; k < order.size(); ++k) {
    // Equilibria take longer the more disruptions are in force at once.
    double cost = 0;
    for (const State& state : states_of(draw_sample(evaluator.model(), seed, order[k]), evaluator.model().period_days))
      cost += static_cast<double>(state.active.size() * state.active.size());
    guessed.emplace_back(cost, order[k]);
  }
  std::stable_sort(guessed.begin(), guessed.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  for (std::size_t k = from; k < order.size(); ++k) order[k] = guessed[k - from].second;
  return order;
}

}  // namespace

SweepRun run_sweep(const Evaluator& evaluator, const SweepConfig& config, ProcessGroup& group, ResultStore* store,
                   const std::function<void(const SweepProgress&)>& progress) {
  SweepRun run;
  run.processes = group.size();
  run.threads = config.threads > 0
                    ? config.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency() / static_cast<unsigned>(std::max(1, group.local_size()))));
  const bool root = group.is_root();
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  // The root decides what is left to do and deals it out.
  std::vector<std::uint64_t> todo;
  std::vector<SampleRecord> kept;  // without a store
  if (root) {
    std::vector<std::uint64_t> stored = store != nullptr ? store->stored_samples() : std::vector<std::uint64_t>();
    std::size_t s = 0;
    for (std::uint64_t i = 0; i < config.samples; ++i) {
      while (s < stored.size() && stored[s] < i) ++s;
      if (s < stored.size() && stored[s] == i) continue;
      todo.push_back(i);
      if (config.stop_after > 0 && todo.size() >= config.stop_after) break;
    }
  }

  const std::size_t ranks = static_cast<std::size_t>(group.size());
  const std::size_t per_rank = config.batch_per_rank > 0 ? config.batch_per_rank : static_cast<std::size_t>(8 * run.threads);
  const WorkSettings work{run.threads, per_rank * ranks};
  try {
    // Samples: dealt out one at a time, written on the root every `per_rank x ranks` results.
    const std::vector<std::uint64_t> order = root ? dealing_order(evaluator, config.seed, todo, 64 * ranks * static_cast<std::size_t>(run.threads))
                                                  : std::vector<std::uint64_t>();
    std::uint64_t written = 0;
    share_work(
        group, order, work,
        [&](std::uint64_t index) {
          const SampleRecord r = evaluate_sample(evaluator, config.seed, index);
          return encode(std::span<const SampleRecord>(&r, 1));
        },
        [&](std::vector<std::string>& results) {
          std::vector<SampleRecord> all;
          for (const std::string& bytes : results) {
            run.bytes_gathered += bytes.size();
            auto decoded = decode_samples(bytes);
            for (auto& r : decoded) all.push_back(std::move(r));
          }
          std::sort(all.begin(), all.end(), [](const SampleRecord& x, const SampleRecord& y) { return x.index < y.index; });
          for (const SampleRecord& r : all) run.solves += static_cast<std::uint64_t>(r.outcome.states);
          written += all.size();
          if (store != nullptr) store->write_samples(all);
          else kept.insert(kept.end(), std::make_move_iterator(all.begin()), std::make_move_iterator(all.end()));
          if (progress) progress(SweepProgress{"samples", written, todo.size(), elapsed()});
        });
    run.evaluated = todo.size();
    run.sample_seconds = elapsed();
    // The work behind the samples, all processes.
    const EvaluatorCounts mine = evaluator.counts();
    std::string counts(sizeof(EvaluatorCounts), '\0');
    std::memcpy(counts.data(), &mine, sizeof mine);
    for (const std::string& part : group.gather(counts)) {
      EvaluatorCounts c;
      if (part.size() != sizeof c) throw std::runtime_error("sweep: truncated counts between processes");
      std::memcpy(&c, part.data(), sizeof c);
      run.solved += c.solved, run.reused += c.reused, run.solved_iterations += c.iterations;
    }

    if (config.criticality) {
      const auto count = static_cast<std::uint32_t>(evaluator.model().elements.size());
      std::vector<std::uint64_t> elements;
      if (root)
        for (std::uint32_t e = 0; e < count; ++e) elements.push_back(e);
      const auto critical_start = std::chrono::steady_clock::now();
      share_work(
          group, elements, WorkSettings{run.threads, count},
          [&](std::uint64_t element) {
            const CriticalityRecord r = evaluate_element(evaluator, static_cast<std::uint32_t>(element));
            return encode(std::span<const CriticalityRecord>(&r, 1));
          },
          [&](std::vector<std::string>& results) {
            for (const std::string& bytes : results) {
              auto decoded = decode_criticality(bytes);
              for (auto& r : decoded) run.criticality.push_back(std::move(r));
            }
          });
      if (root) {
        std::sort(run.criticality.begin(), run.criticality.end(),
                  [](const CriticalityRecord& x, const CriticalityRecord& y) { return x.element < y.element; });
        if (store != nullptr) store->write_criticality(run.criticality, evaluator.baseline(), evaluator.model());
        if (progress)
          progress(SweepProgress{"criticality", count, count,
                                 std::chrono::duration<double>(std::chrono::steady_clock::now() - critical_start).count()});
      }
    }
  } catch (const std::exception& e) {
    if (group.size() == 1) throw;
    // The other processes wait for this one: end them all.
    std::fprintf(stderr, "landbridge: process %d of %d: %s\n", group.rank(), group.size(), e.what());
    group.abort(3);
  }

  if (root) {
    if (store != nullptr) {
      store->write_baseline(evaluator.baseline());
      run.samples = store->read_samples();
      std::erase_if(run.samples, [&](const SampleRecord& r) { return r.index >= config.samples; });
    } else {
      run.samples = std::move(kept);
    }
    run.complete = run.samples.size() == config.samples;
  }
  return run;
}

}  // namespace landbridge::sweep
