// sweep/sweep.hpp: Monte Carlo sweeps of a risk model and the one-at-a-time criticality sweep,
// on all cores and across MPI ranks, with results identical for any thread or rank count.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sweep/evaluate.hpp"
#include "sweep/parallel.hpp"
#include "sweep/sample.hpp"

namespace landbridge::sweep {

struct SampleRecord {
  std::uint64_t index = 0;
  std::vector<Disruption> disruptions;
  Outcome outcome;
  double seconds = 0;  // wall time of the evaluation (the only figure that varies between runs)
};

// One element closed (or at its worst severity) for the whole period, and at its typical
// disruption; the criticality ranking sorts by closed.logistics_cost_usd - baseline.
struct CriticalityRecord {
  std::uint32_t element = 0;
  Outcome closed;            // the element's links closed all period (plus its `also` rules)
  Outcome typical;           // its effect at the mean severity, all period (== closed for closures)
  double expected_days = 0;  // expected disrupted days within a period, given a disruption
  double seconds = 0;
};

// Expected days within the period that a disruption of `element` lasts, given that it happens
// (start uniform in the period, duration as drawn, cut at the period's end).
[[nodiscard]] double expected_disrupted_days(const RiskElement& element, double period_days);

// The criticality ranking: positions into `records`, the costliest period-long closure (shippers'
// logsum cost) first, ties in element order. The store and the reports both use it.
[[nodiscard]] std::vector<std::size_t> criticality_order(std::span<const CriticalityRecord> records);

// Probability x expected disrupted share of the period x the shippers' cost of the typical
// disruption: a first-order risk weight of one element (interactions are in the Monte Carlo).
[[nodiscard]] double expected_period_cost_usd(const RiskElement& element, const CriticalityRecord& record, const Outcome& baseline,
                                              double period_days);

// One sample: its draw (from seed and index alone) and its outcome.
[[nodiscard]] SampleRecord evaluate_sample(const Evaluator& evaluator, std::uint64_t seed, std::uint64_t index);
// One element's criticality record.
[[nodiscard]] CriticalityRecord evaluate_element(const Evaluator& evaluator, std::uint32_t element);

// Evaluates the samples with `threads` threads (0 = all cores); results in the order of `indices`.
// `done` (may be empty) is called after each sample, from any thread, with the count so far.
[[nodiscard]] std::vector<SampleRecord> evaluate_samples(const Evaluator& evaluator, std::uint64_t seed,
                                                         std::span<const std::uint64_t> indices, int threads,
                                                         const std::function<void(std::size_t)>& done = {});

[[nodiscard]] std::vector<CriticalityRecord> evaluate_criticality(const Evaluator& evaluator, std::span<const std::uint32_t> elements,
                                                                  int threads, const std::function<void(std::size_t)>& done = {});

// Bytes for sending between ranks (same binary on both ends).
[[nodiscard]] std::string encode(std::span<const SampleRecord> records);
[[nodiscard]] std::vector<SampleRecord> decode_samples(std::string_view bytes);
[[nodiscard]] std::string encode(std::span<const CriticalityRecord> records);
[[nodiscard]] std::vector<CriticalityRecord> decode_criticality(std::string_view bytes);

// Percentile by linear interpolation between order statistics (Hyndman & Fan type 7, the default
// of R and NumPy); `sorted` ascending and not empty.
[[nodiscard]] double percentile(std::span<const double> sorted, double p);

}  // namespace landbridge::sweep
