// tests/disrupt: the balances every simulated day must satisfy (simulation.hpp, DayTotals).
#pragma once
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "disrupt/simulation.hpp"

namespace landbridge::disrupt {

// What would have entered the network (the baseline's departures, plus held cargo released) is
// what departed (on its usual path or rerouted) plus what was held back; at the stations, what
// arrived plus what was waiting is what was served plus what waits now; in the whole network,
// everything that ever departed is delivered, on its way, queued or (not departed:) held. The
// tolerance is relative to the day's flows (sums of thousands of terms in another order).
inline void expect_balances(const SimulationInput& in, const SimulationResult& r, double relative = 1e-9) {
  double previous_queue = r.days.empty() ? 0.0 : r.days.front().queued_teu + r.days.front().served_teu - r.days.front().arrived_teu;
  for (const DayTotals& t : r.days) {
    const double scale = std::max({1.0, t.baseline_departures_teu, t.served_teu, t.arrived_teu});
    EXPECT_NEAR(t.baseline_departures_teu, t.departed_teu + t.held_new_teu, relative * scale) << "origins, day " << t.day;
    EXPECT_LE(t.rerouted_teu, t.departed_teu + relative * scale) << "day " << t.day;
    EXPECT_NEAR(previous_queue + t.arrived_teu, t.served_teu + t.queued_teu, relative * std::max(scale, t.queued_teu)) << "stations, day " << t.day;
    const double total = std::max(1.0, t.departed_cumulative_teu);
    EXPECT_NEAR(t.departed_cumulative_teu, t.delivered_teu + t.in_transit_teu + t.queued_teu, relative * total) << "network, day " << t.day;
    EXPECT_GE(t.in_transit_teu, -relative * total) << "day " << t.day;
    previous_queue = t.queued_teu;
  }
  (void)in;
}

}  // namespace landbridge::disrupt
