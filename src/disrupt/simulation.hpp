// disrupt/simulation.hpp: a disruption day by day (docs/disruptions.md). Cargo leaves its origin
// every day on fixed paths; each path passes a few stations (links with a daily capacity, or links a
// disruption closes) and takes whole days between them. A station serves up to its capacity a day
// and queues the rest; a closure sets its capacity to 0 for some days. From a decision day on, the
// departures follow another split over paths (the scenario's equilibrium), and cargo with no path
// left is held at its origin until the reopening. This file knows nothing of the freight model:
// disrupt/freight_input.hpp builds its input from one.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace landbridge::disrupt {

// A point where cargo can wait: a capacity link, or a link the disruption closes.
struct Station {
  std::string link_id;                // the network's link id ("T-BRS-MAL")
  std::string name;                   // "Brest → Małaszewicze"
  std::uint32_t arc = 0;              // the graph arc it stands for (set by freight_input; free otherwise)
  double lon = 0, lat = 0;            // where to draw it (the link's midpoint)
  bool rail = false;                  // counts trains (rail and rail transfers)
  double capacity_teu_per_day = 0;    // when open; infinity: no limit
  double background_teu_per_day = 0;  // other traffic arriving every day; it queues like the rest
  // During the disruption [start_day, end_day): capacity (0 = closed) and background.
  double disrupted_capacity_teu_per_day = 0;
  double disrupted_background_teu_per_day = 0;
};

// One route of one market row. `stations` in path order; `days_to[k]` is the number of whole days
// from leaving the previous point (origin or station k-1, after service) to arriving at station k;
// `days_to_destination` from the last station (or the origin) to delivery. Station-to-station
// days are at least 1 (docs/disruptions.md).
struct Path {
  std::uint32_t row = 0;
  std::uint16_t corridor = 0;               // index into SimulationInput::corridor_names
  std::vector<std::uint32_t> stations;
  std::vector<std::uint32_t> days_to;       // same length as stations
  std::uint32_t days_to_destination = 0;
  double baseline_teu_per_day = 0;          // departures in normal times
  double disrupted_teu_per_day = 0;         // departures while rerouted (the scenario's split)
  double time_value_usd_per_teu_day = 0;    // cargo value x carrying rate / 365
};

struct SimulationInput {
  std::vector<Station> stations;
  std::vector<Path> paths;
  std::vector<std::string> corridor_names;
  // Per row: TEU a day with no path while rerouted (held at the origin until the reopening), and
  // its time value per TEU-day.
  std::vector<double> row_held_teu_per_day;
  std::vector<double> row_time_value_usd_per_teu_day;
  // Per row: what a TEU leaving on the disrupted split costs its shipper more than in normal times
  // (the change of the nested logit's expected cost, freight::FreightResult::row_logsum_usd).
  std::vector<double> row_reroute_usd_per_teu;
  int start_day = 0, end_day = 0;           // the disruption: [start_day, end_day); end == start: none
  int decision_lag_days = 0;                // departures follow the disrupted split from start + lag to end
  int horizon_days = 0;                     // days simulated: 0 .. horizon - 1
  double teu_per_train = 108;
  double delay_usd_per_teu_day = 0;         // wagon and container hire while queued (freight parameters)
  // The backlog counts as cleared when no station's queue is more than this above its queue in
  // normal times and nothing is held; a train's worth by default (a link loaded to its capacity
  // keeps a small remainder for ever).
  double clear_slack_teu = 108;
};

// Totals of one day (TEU unless stated). Balances that hold every day (tested):
//   baseline_departures = departed + held_new (departed includes the rerouted TEU)   (at the origins)
//   arrived + queue before = served + queue after                        (at every station)
//   departed so far = delivered so far + in transit + queued + held      (the whole network)
struct DayTotals {
  int day = 0;
  double baseline_departures_teu = 0;   // what would have left in normal times (plus releases of held cargo)
  double departed_teu = 0;
  double rerouted_teu = 0;              // left on another path than in normal times (sum of the increases)
  double held_new_teu = 0, held_teu = 0, released_teu = 0;
  double arrived_teu = 0, served_teu = 0; // at stations, the demand's cargo only
  double queued_teu = 0;                // at stations, the demand's cargo only
  double background_queued_teu = 0;     // other traffic queued at stations
  double stranded_teu = 0;              // queued (all traffic) + on its way to a closed station, due before it reopens
  double delivered_teu = 0;             // cumulative, since the warm-up
  double departed_cumulative_teu = 0;   // cumulative, since the warm-up
  double in_transit_teu = 0;
  double delay_teu_days = 0;            // queued (all traffic) + held, this day
  double cost_usd = 0;                  // this day: queue and hold time, and the extra cost of rerouted departures
};

struct SimulationResult {
  int horizon_days = 0;
  int warmup_days = 0;
  std::vector<DayTotals> days;              // horizon_days entries
  std::vector<double> queue_teu;            // [day * station_count + station], all traffic, end of day
  std::vector<double> arrivals_teu;         // [day * station_count + station], the demand's cargo arriving
  std::vector<double> rerouted_teu_by_corridor;  // [day * corridor_count + corridor]
  double peak_queue_teu = 0;                // longest queue at one station (all traffic), end of a day
  int peak_queue_day = 0;
  int peak_queue_station = -1;              // -1: no queue on any day
  double peak_stranded_teu = 0;
  int peak_stranded_day = 0;
  int clear_day = -1;                       // first day from end_day on with queues back to normal (clear_slack_teu) and nothing held; -1: not within the horizon
  double delay_teu_days = 0;
  double extra_cost_usd = 0;
  double queue_cost_usd = 0, held_cost_usd = 0, reroute_cost_usd = 0;
};

// Checks the input (station indices, lengths) with asserts: it comes from code, not from files.
// Runs a warm-up in normal times first (as long as the longest path) so that day 0 starts with the
// baseline's cargo on its way. Allocates only before the daily loop.
[[nodiscard]] SimulationResult simulate(const SimulationInput& input);

}  // namespace landbridge::disrupt
