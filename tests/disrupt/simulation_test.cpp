// The day-by-day simulation on hand-built networks whose queues are worked out by hand, and the
// balances that must hold every day.
#include "disrupt/simulation.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "disrupt_balances.hpp"

namespace landbridge::disrupt {
namespace {

//   origin --2 days--> [crossing, 150 TEU/day] --1 day--> destination
//   100 TEU leave every day; the crossing closes on days 3, 4, 5 and 6 (k = 4).
SimulationInput one_crossing(int lag_days) {
  SimulationInput in;
  Station crossing;
  crossing.link_id = "X";
  crossing.name = "A → B";
  crossing.capacity_teu_per_day = 150;
  crossing.disrupted_capacity_teu_per_day = 0;
  in.stations = {crossing};
  Path p;
  p.row = 0;
  p.stations = {0};
  p.days_to = {2};
  p.days_to_destination = 1;
  p.baseline_teu_per_day = 100;
  p.disrupted_teu_per_day = 100;  // no other route: the same path
  p.time_value_usd_per_teu_day = 10;
  in.paths = {p};
  in.corridor_names = {"only"};
  in.row_held_teu_per_day = {0};
  in.row_time_value_usd_per_teu_day = {10};
  in.row_reroute_usd_per_teu = {0};
  in.start_day = 3;
  in.end_day = 7;
  in.decision_lag_days = lag_days;
  in.horizon_days = 20;
  in.delay_usd_per_teu_day = 5;
  in.clear_slack_teu = 0;
  return in;
}

// By hand: 100 TEU a day pile up for 4 days (100, 200, 300, 400); from day 7 the crossing serves 150
// against 100 arriving, so the 400 shrink by 50 a day: 350, 300, ..., 50, 0 on day 14
// (k a / (c - a) = 400 / 50 = 8 days after the reopening on day 7).
TEST(DisruptSimulation, OneCrossingQueueByDayAndClearingDayByHand) {
  const SimulationResult r = simulate(one_crossing(/*lag_days=*/100));
  const std::vector<double> expected = {0, 0, 0, 100, 200, 300, 400, 350, 300, 250, 200, 150, 100, 50, 0, 0, 0, 0, 0, 0};
  ASSERT_EQ(r.days.size(), expected.size());
  for (std::size_t d = 0; d < expected.size(); ++d) EXPECT_DOUBLE_EQ(r.queue_teu[d], expected[d]) << "day " << d;
  EXPECT_EQ(r.clear_day, 14);
  EXPECT_DOUBLE_EQ(r.peak_queue_teu, 400);
  EXPECT_EQ(r.peak_queue_day, 6);
  // 2,400 TEU-days in the queue at 10 USD of time value + 5 USD of hire per TEU-day.
  EXPECT_DOUBLE_EQ(r.delay_teu_days, 2400);
  EXPECT_DOUBLE_EQ(r.extra_cost_usd, 2400 * 15.0);
  // Served: 100 a day before, 0 while closed, 150 until the backlog is gone, 100 after (day 14: 50 + 100).
  EXPECT_DOUBLE_EQ(r.days[2].served_teu, 100);
  EXPECT_DOUBLE_EQ(r.days[5].served_teu, 0);
  EXPECT_DOUBLE_EQ(r.days[7].served_teu, 150);
  EXPECT_DOUBLE_EQ(r.days[14].served_teu, 150);
  EXPECT_DOUBLE_EQ(r.days[15].served_teu, 100);
  // Stranded while closed: the queue and what is on its way and arrives before day 7.
  // Day 3: 100 queued + 200 due on days 4, 5; day 4: 200 + 200; day 5: 300 + 100; day 6: 400.
  EXPECT_DOUBLE_EQ(r.days[3].stranded_teu, 300);
  EXPECT_DOUBLE_EQ(r.days[4].stranded_teu, 400);
  EXPECT_DOUBLE_EQ(r.days[5].stranded_teu, 400);
  EXPECT_DOUBLE_EQ(r.days[6].stranded_teu, 400);
  EXPECT_DOUBLE_EQ(r.days[7].stranded_teu, 350);
  expect_balances(one_crossing(100), r);
}

// A slack of one train (108 TEU) counts the backlog cleared when 100 TEU are left: day 12.
TEST(DisruptSimulation, ClearingDayWithATrainOfSlack) {
  SimulationInput in = one_crossing(100);
  in.clear_slack_teu = 108;
  EXPECT_EQ(simulate(in).clear_day, 12);
}

// Closure of zero days: the same flows every day, no queue, cleared at once.
TEST(DisruptSimulation, ZeroDayClosureStaysAtTheBaseline) {
  SimulationInput in = one_crossing(0);
  in.end_day = in.start_day;
  const SimulationResult r = simulate(in);
  for (const DayTotals& t : r.days) {
    EXPECT_DOUBLE_EQ(t.departed_teu, 100);
    EXPECT_DOUBLE_EQ(t.served_teu, 100);
    EXPECT_DOUBLE_EQ(t.queued_teu, 0);
    EXPECT_DOUBLE_EQ(t.rerouted_teu, 0);
  }
  EXPECT_EQ(r.clear_day, 3);
  EXPECT_DOUBLE_EQ(r.extra_cost_usd, 0);
  expect_balances(in, r);
}

//   origin --2--> [crossing] --1--> destination      path 0, 100 TEU/day; none while rerouted
//   origin --------5 days--------> destination       path 1, 0 TEU/day; 100 while rerouted
// Closed days 3..6, lag 2: departures of days 5 and 6 take path 1. Cargo that left on days 1..4
// arrives at the closed crossing on days 3..6 and waits: 400 TEU, as without rerouting, since the
// rerouted departures (days 5, 6) would only have reached it on days 7, 8. After the reopening
// nothing new arrives on days 7 and 8 (400 -> 250 -> 100), then 100 a day again: 100 + 100 - 150 = 50
// on day 9, 0 on day 10.
TEST(DisruptSimulation, ReroutingAfterTheDecisionLag) {
  SimulationInput in = one_crossing(2);
  Path direct;
  direct.row = 0;
  direct.days_to_destination = 5;
  direct.baseline_teu_per_day = 0;
  direct.disrupted_teu_per_day = 100;
  direct.time_value_usd_per_teu_day = 10;
  direct.corridor = 0;
  in.paths[0].disrupted_teu_per_day = 0;
  in.paths.push_back(direct);
  in.row_reroute_usd_per_teu = {30};
  const SimulationResult r = simulate(in);
  const std::vector<double> expected = {0, 0, 0, 100, 200, 300, 400, 250, 100, 50, 0};
  for (std::size_t d = 0; d < expected.size(); ++d) EXPECT_DOUBLE_EQ(r.queue_teu[d], expected[d]) << "day " << d;
  EXPECT_EQ(r.clear_day, 10);
  EXPECT_DOUBLE_EQ(r.days[4].rerouted_teu, 0);
  EXPECT_DOUBLE_EQ(r.days[5].rerouted_teu, 100);
  EXPECT_DOUBLE_EQ(r.days[6].rerouted_teu, 100);
  EXPECT_DOUBLE_EQ(r.days[7].rerouted_teu, 0);
  EXPECT_DOUBLE_EQ(r.rerouted_teu_by_corridor[5], 100);
  // Queue 100+200+300+400+250+100+50 = 1,400 TEU-days at 15 USD; 2 days x 100 TEU rerouted at 30 USD.
  EXPECT_DOUBLE_EQ(r.queue_cost_usd, 1400 * 15.0);
  EXPECT_DOUBLE_EQ(r.reroute_cost_usd, 2 * 100 * 30.0);
  expect_balances(in, r);
}

// No route left: the row's cargo is held at its origin from day 5 (start 3 + lag 2) to the
// reopening (day 7), 200 TEU, and leaves on its usual path on day 7 with that day's 100.
TEST(DisruptSimulation, HeldCargoLeavesAtTheReopening) {
  SimulationInput in = one_crossing(2);
  in.paths[0].disrupted_teu_per_day = 0;
  in.row_held_teu_per_day = {100};
  const SimulationResult r = simulate(in);
  EXPECT_DOUBLE_EQ(r.days[5].held_teu, 100);
  EXPECT_DOUBLE_EQ(r.days[6].held_teu, 200);
  EXPECT_DOUBLE_EQ(r.days[7].held_teu, 0);
  EXPECT_DOUBLE_EQ(r.days[7].released_teu, 200);
  EXPECT_DOUBLE_EQ(r.days[7].departed_teu, 300);
  EXPECT_DOUBLE_EQ(r.held_cost_usd, (100 + 200) * 10.0);
  expect_balances(in, r);
}

// Other traffic queues like the demand's cargo, stops coming after the decision lag, and keeps its
// share of the service: 50 TEU/day of it next to the 100.
TEST(DisruptSimulation, BackgroundTrafficQueuesAndSharesTheCapacity) {
  SimulationInput in = one_crossing(2);
  in.stations[0].capacity_teu_per_day = 200;
  in.stations[0].background_teu_per_day = 50;
  in.stations[0].disrupted_background_teu_per_day = 0;
  const SimulationResult r = simulate(in);
  // Days 3, 4: 150 a day (demand + other); days 5, 6: 100 a day (the other traffic has stopped).
  EXPECT_DOUBLE_EQ(r.queue_teu[6], 500);
  EXPECT_DOUBLE_EQ(r.days[6].background_queued_teu, 100);
  // Day 7: 500 + 150 arrive, 200 served in proportion: the other traffic gets 200 * 150/650.
  EXPECT_NEAR(r.days[7].background_queued_teu, 150 - 200.0 * 150 / 650, 1e-9);
  expect_balances(in, r);
}

// A station without a capacity (a closed chokepoint) lets its whole backlog through on reopening.
TEST(DisruptSimulation, UnlimitedStationClearsOnTheReopeningDay) {
  SimulationInput in = one_crossing(100);
  in.stations[0].capacity_teu_per_day = std::numeric_limits<double>::infinity();
  const SimulationResult r = simulate(in);
  EXPECT_DOUBLE_EQ(r.queue_teu[6], 400);
  EXPECT_DOUBLE_EQ(r.queue_teu[7], 0);
  EXPECT_DOUBLE_EQ(r.days[7].served_teu, 500);
  EXPECT_EQ(r.clear_day, 7);
  expect_balances(in, r);
}

}  // namespace
}  // namespace landbridge::disrupt
