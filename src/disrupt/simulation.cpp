#include "disrupt/simulation.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>

namespace landbridge::disrupt {

namespace {

// Flattened paths: entry = (path, k-th station), in path order, so a path's next entry is e + 1.
struct Entries {
  std::vector<std::uint32_t> path_first;   // per path, its first entry; size paths + 1
  std::vector<std::uint32_t> station;      // per entry
  std::vector<std::uint32_t> days_next;    // per entry: days from service here to the next point
  std::vector<std::uint32_t> path;         // per entry
  std::vector<std::uint32_t> by_station;   // entries grouped by station
  std::vector<std::uint32_t> station_first;  // CSR over by_station; size stations + 1
};

Entries flatten(const SimulationInput& in) {
  Entries x;
  const std::size_t station_count = in.stations.size();
  x.path_first.reserve(in.paths.size() + 1);
  for (std::uint32_t p = 0; p < in.paths.size(); ++p) {
    const Path& path = in.paths[p];
    assert(path.stations.size() == path.days_to.size());
    x.path_first.push_back(static_cast<std::uint32_t>(x.station.size()));
    for (std::size_t k = 0; k < path.stations.size(); ++k) {
      assert(path.stations[k] < station_count);
      assert(k == 0 || path.days_to[k] >= 1);
      x.station.push_back(path.stations[k]);
      x.days_next.push_back(k + 1 < path.stations.size() ? path.days_to[k + 1] : path.days_to_destination);
      x.path.push_back(p);
    }
  }
  x.path_first.push_back(static_cast<std::uint32_t>(x.station.size()));
  x.station_first.assign(station_count + 1, 0);
  for (std::uint32_t s : x.station) ++x.station_first[s + 1];
  for (std::size_t s = 0; s < station_count; ++s) x.station_first[s + 1] += x.station_first[s];
  x.by_station.resize(x.station.size());
  std::vector<std::uint32_t> fill(x.station_first.begin(), x.station_first.end() - 1);
  for (std::uint32_t e = 0; e < x.station.size(); ++e) x.by_station[fill[x.station[e]]++] = e;
  return x;
}

}  // namespace

SimulationResult simulate(const SimulationInput& in) {
  assert(in.horizon_days >= 0 && in.start_day <= in.end_day);
  const Entries x = flatten(in);
  const std::size_t station_count = in.stations.size(), path_count = in.paths.size(), entry_count = x.station.size();
  const std::size_t row_count = in.row_held_teu_per_day.size(), corridor_count = in.corridor_names.size();
  assert(in.row_time_value_usd_per_teu_day.size() == row_count && in.row_reroute_usd_per_teu.size() == row_count);

  // Ring buffers indexed by arrival day modulo `ring`: longer than the longest single hop.
  std::uint32_t longest_hop = 0, longest_path = 0;
  for (const Path& p : in.paths) {
    std::uint32_t total = p.days_to_destination;
    longest_hop = std::max(longest_hop, p.days_to_destination);
    for (std::uint32_t d : p.days_to) {
      longest_hop = std::max(longest_hop, d);
      total += d;
    }
    longest_path = std::max(longest_path, total);
  }
  const std::size_t ring = longest_hop + 1;
  const int warmup = static_cast<int>(longest_path) + 1;

  // Per-row baseline totals (to release held cargo on the baseline split) and the constant
  // per-day quantities of the rerouted state.
  std::vector<double> row_baseline(row_count, 0.0);
  for (const Path& p : in.paths) {
    assert(p.row < row_count && p.corridor < std::max<std::size_t>(corridor_count, 1));
    row_baseline[p.row] += p.baseline_teu_per_day;
  }
  double rerouted_per_day = 0, reroute_cost_per_day = 0, held_per_day = 0;
  std::vector<double> rerouted_by_corridor(corridor_count, 0.0);
  for (const Path& p : in.paths) {
    const double increase = std::max(0.0, p.disrupted_teu_per_day - p.baseline_teu_per_day);
    rerouted_per_day += increase;
    if (corridor_count > 0) rerouted_by_corridor[p.corridor] += increase;
  }
  // Held rows' cargo is charged by the day it waits instead.
  for (std::size_t row = 0; row < row_count; ++row) {
    if (in.row_held_teu_per_day[row] <= 0) reroute_cost_per_day += row_baseline[row] * in.row_reroute_usd_per_teu[row];
  }
  for (double h : in.row_held_teu_per_day) held_per_day += h;

  // Background traffic is charged at the mean time value of the demand's cargo through the station.
  std::vector<double> station_value(station_count, 0.0), station_flow(station_count, 0.0);
  for (std::uint32_t e = 0; e < entry_count; ++e) {
    const Path& p = in.paths[x.path[e]];
    station_value[x.station[e]] += p.baseline_teu_per_day * p.time_value_usd_per_teu_day;
    station_flow[x.station[e]] += p.baseline_teu_per_day;
  }
  for (std::size_t s = 0; s < station_count; ++s) station_value[s] = station_flow[s] > 0 ? station_value[s] / station_flow[s] : 0.0;

  // Slot-major: one day's arrivals at all entries are contiguous.
  std::vector<double> entry_ring(ring * entry_count, 0.0), delivery_ring(ring, 0.0);
  std::vector<double> entry_pending(entry_count, 0.0), entry_queue(entry_count, 0.0), served(entry_count, 0.0);
  std::vector<double> background_queue(station_count, 0.0), row_held(row_count, 0.0);
  std::vector<std::uint8_t> closes(station_count, 0);
  for (std::size_t s = 0; s < station_count; ++s) closes[s] = in.stations[s].disrupted_capacity_teu_per_day <= 0 ? 1 : 0;

  SimulationResult r;
  r.horizon_days = in.horizon_days;
  r.warmup_days = warmup;
  r.days.resize(static_cast<std::size_t>(in.horizon_days));
  r.queue_teu.assign(static_cast<std::size_t>(in.horizon_days) * station_count, 0.0);
  r.arrivals_teu.assign(static_cast<std::size_t>(in.horizon_days) * station_count, 0.0);
  double* arrivals_row = nullptr;  // today's row of r.arrivals_teu (none during the warm-up)
  r.rerouted_teu_by_corridor.assign(static_cast<std::size_t>(in.horizon_days) * corridor_count, 0.0);

  const bool disruption = in.end_day > in.start_day;
  double in_transit = 0, delivered = 0, departed_total = 0, held_total = 0, normal_queue = 0, normal_queue_cost = 0;
  std::vector<double> normal_station_queue(station_count, 0.0);
  const auto slot = [ring](int day) { return static_cast<std::size_t>(((day % static_cast<int>(ring)) + static_cast<int>(ring)) % static_cast<int>(ring)); };

  for (int d = -warmup; d < in.horizon_days; ++d) {
    const bool disrupted = disruption && d >= in.start_day && d < in.end_day;
    const bool rerouted = disruption && d >= in.start_day + in.decision_lag_days && d < in.end_day;
    const bool release = disruption && d == in.end_day && held_total > 0;
    DayTotals t;
    t.day = d;

    // 1. Departures.
    for (std::size_t p = 0; p < path_count; ++p) {
      const Path& path = in.paths[p];
      double teu = rerouted ? path.disrupted_teu_per_day : path.baseline_teu_per_day;
      double normal = path.baseline_teu_per_day;
      if (release && row_held[path.row] > 0 && row_baseline[path.row] > 0) {
        const double back = row_held[path.row] * path.baseline_teu_per_day / row_baseline[path.row];
        teu += back;
        normal += back;
        t.released_teu += back;
      }
      t.baseline_departures_teu += normal;
      t.departed_teu += teu;
      if (rerouted) t.rerouted_teu += std::max(0.0, teu - path.baseline_teu_per_day);
      if (teu == 0) continue;
      const std::uint32_t first = x.path_first[p];
      if (first < x.path_first[p + 1]) {
        entry_ring[slot(d + static_cast<int>(path.days_to[0])) * entry_count + first] += teu;
        entry_pending[first] += teu;
      } else {
        delivery_ring[slot(d + static_cast<int>(path.days_to_destination))] += teu;
      }
    }
    in_transit += t.departed_teu;
    departed_total += t.departed_teu;
    if (release) {
      std::fill(row_held.begin(), row_held.end(), 0.0);
      held_total = 0;
    }
    if (rerouted) {
      for (std::size_t row = 0; row < row_count; ++row) row_held[row] += in.row_held_teu_per_day[row];
      t.held_new_teu = held_per_day;
      held_total += held_per_day;
    }
    t.held_teu = held_total;

    // 2. Stations: arrivals join the queue; up to the day's capacity is served, in proportion to
    //    what each path has queued (the queue's length is that of FIFO: the server is work-conserving).
    double queue_cost = 0, stranded_ahead = 0;
    const std::size_t now = slot(d);
    arrivals_row = d >= 0 ? r.arrivals_teu.data() + static_cast<std::size_t>(d) * station_count : nullptr;
    for (std::size_t s = 0; s < station_count; ++s) {
      const Station& st = in.stations[s];
      const double capacity = disrupted ? st.disrupted_capacity_teu_per_day : st.capacity_teu_per_day;
      // Other traffic to a closed link keeps coming until its senders know (the decision lag).
      const bool changed = disrupted && (rerouted || !closes[s]);
      const double background = changed ? st.disrupted_background_teu_per_day : st.background_teu_per_day;
      double waiting = 0;
      for (std::uint32_t i = x.station_first[s]; i < x.station_first[s + 1]; ++i) {
        const std::uint32_t e = x.by_station[i];
        const double arrived = entry_ring[now * entry_count + e];
        entry_ring[now * entry_count + e] = 0;
        entry_pending[e] -= arrived;
        entry_queue[e] += arrived;
        t.arrived_teu += arrived;
        if (arrivals_row != nullptr) arrivals_row[s] += arrived;
        waiting += entry_queue[e];
      }
      background_queue[s] += background;
      const double total = waiting + background_queue[s];
      const double share = total > 0 ? std::min(1.0, capacity / total) : 1.0;
      for (std::uint32_t i = x.station_first[s]; i < x.station_first[s + 1]; ++i) {
        const std::uint32_t e = x.by_station[i];
        const double out = share >= 1.0 ? entry_queue[e] : entry_queue[e] * share;
        entry_queue[e] = share >= 1.0 ? 0.0 : entry_queue[e] - out;
        served[e] = out;
      }
      background_queue[s] = share >= 1.0 ? 0.0 : background_queue[s] - background_queue[s] * share;
      if (disrupted && closes[s]) {
        // Cargo that will reach this closed station before it reopens is stranded already.
        const int last = std::min(in.end_day - 1, d + static_cast<int>(ring) - 1);
        for (std::uint32_t i = x.station_first[s]; i < x.station_first[s + 1]; ++i) {
          const std::uint32_t e = x.by_station[i];
          for (int day = d + 1; day <= last; ++day) stranded_ahead += entry_ring[slot(day) * entry_count + e];
        }
      }
    }
    // Served cargo moves on (after all stations have been served, so the order does not matter).
    double queued = 0, background_queued = 0;
    for (std::uint32_t e = 0; e < entry_count; ++e) {
      const Path& path = in.paths[x.path[e]];
      queued += entry_queue[e];
      queue_cost += entry_queue[e] * (path.time_value_usd_per_teu_day + in.delay_usd_per_teu_day);
      if (served[e] == 0) continue;
      t.served_teu += served[e];
      const std::size_t at = slot(d + static_cast<int>(x.days_next[e]));
      if (e + 1 < x.path_first[x.path[e] + 1]) {
        entry_ring[at * entry_count + e + 1] += served[e];
        entry_pending[e + 1] += served[e];
      } else {
        delivery_ring[at] += served[e];
      }
      served[e] = 0;
    }
    for (std::size_t s = 0; s < station_count; ++s) {
      background_queued += background_queue[s];
      queue_cost += background_queue[s] * (station_value[s] + in.delay_usd_per_teu_day);
    }
    // In transit: on the legs (departed, not yet at a station or delivered), i.e. not queued.
    in_transit = in_transit - t.arrived_teu + t.served_teu;

    // 3. Deliveries.
    delivered += delivery_ring[now];
    in_transit -= delivery_ring[now];
    delivery_ring[now] = 0;

    if (d == -1) {
      normal_queue = queued + background_queued;
      normal_queue_cost = queue_cost;
      for (std::size_t s = 0; s < station_count; ++s) normal_station_queue[s] = background_queue[s];
      for (std::uint32_t e = 0; e < entry_count; ++e) normal_station_queue[x.station[e]] += entry_queue[e];
    }
    if (d < 0) continue;

    double held_cost = 0;
    for (std::size_t row = 0; row < row_count; ++row) held_cost += row_held[row] * in.row_time_value_usd_per_teu_day[row];
    const double reroute_cost = rerouted ? reroute_cost_per_day : 0.0;
    t.queued_teu = queued;
    t.background_queued_teu = background_queued;
    t.stranded_teu = queued + background_queued + stranded_ahead;
    t.delivered_teu = delivered;
    t.departed_cumulative_teu = departed_total;
    t.in_transit_teu = in_transit;
    t.delay_teu_days = queued + background_queued - normal_queue + held_total;
    // Extra over normal times: a network with queues in normal times keeps paying for them.
    t.cost_usd = queue_cost - normal_queue_cost + held_cost + reroute_cost;
    r.queue_cost_usd += queue_cost - normal_queue_cost;
    r.held_cost_usd += held_cost;
    r.reroute_cost_usd += reroute_cost;
    r.delay_teu_days += t.delay_teu_days;

    const std::size_t day = static_cast<std::size_t>(d);
    double* queue_row = r.queue_teu.data() + day * station_count;
    for (std::size_t s = 0; s < station_count; ++s) queue_row[s] = background_queue[s];
    for (std::uint32_t e = 0; e < entry_count; ++e) queue_row[x.station[e]] += entry_queue[e];
    for (std::size_t s = 0; s < station_count; ++s) {
      if (queue_row[s] > r.peak_queue_teu) {
        r.peak_queue_teu = queue_row[s];
        r.peak_queue_day = d;
        r.peak_queue_station = static_cast<int>(s);
      }
    }
    if (rerouted) std::copy(rerouted_by_corridor.begin(), rerouted_by_corridor.end(), r.rerouted_teu_by_corridor.begin() + static_cast<std::ptrdiff_t>(day * corridor_count));
    if (t.stranded_teu > r.peak_stranded_teu) {
      r.peak_stranded_teu = t.stranded_teu;
      r.peak_stranded_day = d;
    }
    // Cleared: every station back to its queue of normal times (with some slack), nothing held.
    if (r.clear_day < 0 && d >= in.end_day && held_total == 0) {
      bool clear = true;
      for (std::size_t s = 0; s < station_count && clear; ++s) clear = queue_row[s] <= normal_station_queue[s] + in.clear_slack_teu;
      if (clear) r.clear_day = d;
    }
    r.days[day] = t;
  }
  r.extra_cost_usd = r.queue_cost_usd + r.held_cost_usd + r.reroute_cost_usd;
  return r;
}

}  // namespace landbridge::disrupt
