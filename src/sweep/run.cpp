#include "sweep/run.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>

namespace landbridge::sweep {
namespace {

std::string encode_indices(const std::vector<std::uint64_t>& indices) {
  std::string bytes(indices.size() * sizeof(std::uint64_t), '\0');
  if (!indices.empty()) std::memcpy(bytes.data(), indices.data(), bytes.size());
  return bytes;
}

std::vector<std::uint64_t> decode_indices(const std::string& bytes) {
  std::vector<std::uint64_t> indices(bytes.size() / sizeof(std::uint64_t));
  if (!indices.empty()) std::memcpy(indices.data(), bytes.data(), indices.size() * sizeof(std::uint64_t));
  return indices;
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

  // The root decides what is left to do; everybody gets the same list.
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
  todo = decode_indices(group.broadcast(encode_indices(todo)));

  const std::size_t ranks = static_cast<std::size_t>(group.size()), rank = static_cast<std::size_t>(group.rank());
  const std::size_t per_rank = config.batch_per_rank > 0 ? config.batch_per_rank : static_cast<std::size_t>(8 * run.threads);
  const std::size_t batch = per_rank * ranks;
  for (std::size_t begin = 0; begin < todo.size(); begin += batch) {
    const std::size_t end = std::min(todo.size(), begin + batch);
    std::vector<std::uint64_t> mine;
    for (std::size_t k = begin + rank; k < end; k += ranks) mine.push_back(todo[k]);
    const auto records = evaluate_samples(evaluator, config.seed, mine, run.threads);
    const std::vector<std::string> parts = group.gather(encode(records));
    if (root) {
      std::vector<SampleRecord> all;
      for (const std::string& part : parts) {
        run.bytes_gathered += part.size();
        auto decoded = decode_samples(part);
        for (auto& r : decoded) all.push_back(std::move(r));
      }
      std::sort(all.begin(), all.end(), [](const SampleRecord& a, const SampleRecord& b) { return a.index < b.index; });
      for (const SampleRecord& r : all) run.solves += static_cast<std::uint64_t>(r.outcome.states);
      if (store != nullptr) store->write_samples(all);
      else kept.insert(kept.end(), std::make_move_iterator(all.begin()), std::make_move_iterator(all.end()));
      if (progress) progress(SweepProgress{"samples", end, todo.size(), elapsed()});
    }
  }
  run.evaluated = todo.size();
  run.sample_seconds = elapsed();

  if (config.criticality) {
    std::vector<std::uint32_t> mine;
    const auto count = static_cast<std::uint32_t>(evaluator.model().elements.size());
    for (std::uint32_t e = static_cast<std::uint32_t>(rank); e < count; e += static_cast<std::uint32_t>(ranks)) mine.push_back(e);
    const auto critical_start = std::chrono::steady_clock::now();
    const auto records = evaluate_criticality(evaluator, mine, run.threads);
    const std::vector<std::string> parts = group.gather(encode(records));
    if (root) {
      for (const std::string& part : parts) {
        auto decoded = decode_criticality(part);
        for (auto& r : decoded) run.criticality.push_back(std::move(r));
      }
      std::sort(run.criticality.begin(), run.criticality.end(),
                [](const CriticalityRecord& a, const CriticalityRecord& b) { return a.element < b.element; });
      if (store != nullptr) store->write_criticality(run.criticality, evaluator.baseline(), evaluator.model());
      if (progress)
        progress(SweepProgress{"criticality", count, count,
                               std::chrono::duration<double>(std::chrono::steady_clock::now() - critical_start).count()});
    }
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
