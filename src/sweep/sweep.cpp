#include "sweep/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace landbridge::sweep {

double expected_disrupted_days(const RiskElement& element, double period_days) {
  // Midpoint rule over (start, duration quantile): smooth enough for a ranking weight.
  constexpr int steps = 200;
  double total = 0;
  for (int i = 0; i < steps; ++i) {
    const double start = (i + 0.5) / steps * period_days;
    for (int j = 0; j < steps; ++j) {
      total += std::min(period_days - start, element.duration_days.quantile((j + 0.5) / steps));
    }
  }
  return total / (steps * steps);
}

std::vector<std::size_t> criticality_order(std::span<const CriticalityRecord> records) {
  std::vector<std::size_t> order(records.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return records[a].closed.perceived_cost_usd > records[b].closed.perceived_cost_usd;
  });
  return order;
}

double expected_period_cost_usd(const RiskElement& element, const CriticalityRecord& record, const Outcome& baseline, double period_days) {
  return element.probability * record.expected_days / period_days * (record.typical.perceived_cost_usd - baseline.perceived_cost_usd);
}

namespace {

// Runs job(i) for i in [0, count) on `threads` threads; the first exception is rethrown.
void parallel_for(std::size_t count, int threads, const std::function<void(std::size_t)>& job) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), std::max<std::size_t>(count, 1)));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        job(i);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;
      }
    }
  };
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  }
  if (failure) std::rethrow_exception(failure);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A byte buffer of plain values.
class Writer {
 public:
  template <typename T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void put_outcome(const Outcome& o) {
    put(o.logistics_cost_usd), put(o.perceived_cost_usd), put(o.freight_charges_usd), put(o.co2_tonnes), put(o.served_teu), put(o.rail_teu);
    put(o.teu_days), put(o.unserved_teu), put(o.states), put(o.iterations), put(static_cast<std::uint8_t>(o.converged)), put(o.worst_gap);
    put(static_cast<std::uint32_t>(o.transit_teu_by_country.size()));
    for (double v : o.transit_teu_by_country) put(v);
  }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  T get() {
    if (bytes_.size() - offset_ < sizeof(T)) throw std::runtime_error("sweep: truncated message between processes");
    T value;
    std::memcpy(&value, bytes_.data() + offset_, sizeof(T));
    offset_ += sizeof(T);
    return value;
  }
  Outcome get_outcome() {
    Outcome o;
    o.logistics_cost_usd = get<double>(), o.perceived_cost_usd = get<double>(), o.freight_charges_usd = get<double>(), o.co2_tonnes = get<double>();
    o.served_teu = get<double>(), o.rail_teu = get<double>(), o.teu_days = get<double>(), o.unserved_teu = get<double>();
    o.states = get<int>(), o.iterations = get<int>(), o.converged = get<std::uint8_t>() != 0;
    o.worst_gap = get<double>();
    o.transit_teu_by_country.resize(get<std::uint32_t>());
    for (double& v : o.transit_teu_by_country) v = get<double>();
    return o;
  }
  [[nodiscard]] bool done() const { return offset_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t offset_ = 0;
};

}  // namespace

SampleRecord evaluate_sample(const Evaluator& evaluator, std::uint64_t seed, std::uint64_t index) {
  const auto start = std::chrono::steady_clock::now();
  const SampleDraw draw = draw_sample(evaluator.model(), seed, index);
  SampleRecord r;
  r.index = index;
  r.disruptions = draw.disruptions;
  r.outcome = evaluator.evaluate(draw);
  r.seconds = seconds_since(start);
  return r;
}

CriticalityRecord evaluate_element(const Evaluator& evaluator, std::uint32_t element) {
  const auto start = std::chrono::steady_clock::now();
  const RiskModel& model = evaluator.model();
  const RiskElement& e = model.elements[element];
  CriticalityRecord r;
  r.element = element;
  r.closed = evaluator.evaluate_closed({element});
  r.typical = e.effect == EffectKind::close ? r.closed : evaluator.evaluate_rules(disruption_rules(e, e.severity.mean()));
  r.expected_days = expected_disrupted_days(e, model.period_days);
  r.seconds = seconds_since(start);
  return r;
}

std::vector<SampleRecord> evaluate_samples(const Evaluator& evaluator, std::uint64_t seed, std::span<const std::uint64_t> indices,
                                           int threads, const std::function<void(std::size_t)>& done) {
  std::vector<SampleRecord> records(indices.size());
  std::atomic<std::size_t> finished{0};
  parallel_for(indices.size(), threads, [&](std::size_t i) {
    records[i] = evaluate_sample(evaluator, seed, indices[i]);
    const std::size_t count = ++finished;
    if (done) done(count);
  });
  return records;
}

std::vector<CriticalityRecord> evaluate_criticality(const Evaluator& evaluator, std::span<const std::uint32_t> elements, int threads,
                                                    const std::function<void(std::size_t)>& done) {
  std::vector<CriticalityRecord> records(elements.size());
  std::atomic<std::size_t> finished{0};
  parallel_for(elements.size(), threads, [&](std::size_t i) {
    records[i] = evaluate_element(evaluator, elements[i]);
    const std::size_t count = ++finished;
    if (done) done(count);
  });
  return records;
}

std::string encode(std::span<const SampleRecord> records) {
  Writer w;
  for (const SampleRecord& r : records) {
    w.put(r.index), w.put(r.seconds);
    w.put(static_cast<std::uint32_t>(r.disruptions.size()));
    for (const Disruption& d : r.disruptions) w.put(d.element), w.put(d.start_day), w.put(d.end_day), w.put(d.severity);
    w.put_outcome(r.outcome);
  }
  return w.take();
}

std::vector<SampleRecord> decode_samples(std::string_view bytes) {
  Reader in(bytes);
  std::vector<SampleRecord> out;
  while (!in.done()) {
    SampleRecord r;
    r.index = in.get<std::uint64_t>();
    r.seconds = in.get<double>();
    r.disruptions.resize(in.get<std::uint32_t>());
    for (Disruption& d : r.disruptions) {
      d.element = in.get<std::uint32_t>();
      d.start_day = in.get<double>(), d.end_day = in.get<double>(), d.severity = in.get<double>();
    }
    r.outcome = in.get_outcome();
    out.push_back(std::move(r));
  }
  return out;
}

std::string encode(std::span<const CriticalityRecord> records) {
  Writer w;
  for (const CriticalityRecord& r : records) {
    w.put(r.element), w.put(r.expected_days), w.put(r.seconds);
    w.put_outcome(r.closed), w.put_outcome(r.typical);
  }
  return w.take();
}

std::vector<CriticalityRecord> decode_criticality(std::string_view bytes) {
  Reader in(bytes);
  std::vector<CriticalityRecord> out;
  while (!in.done()) {
    CriticalityRecord r;
    r.element = in.get<std::uint32_t>();
    r.expected_days = in.get<double>();
    r.seconds = in.get<double>();
    r.closed = in.get_outcome();
    r.typical = in.get_outcome();
    out.push_back(std::move(r));
  }
  return out;
}

double percentile(std::span<const double> sorted, double p) {
  if (sorted.empty()) return 0;
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace landbridge::sweep
