// Drivers' hours on road stretches: the rule by hand, and a route whose truck leg crosses a border post.
#include "routing/driving_time.hpp"

#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "routing/route_options.hpp"
#include "routing/route_summary.hpp"
#include "routing/router.hpp"

namespace landbridge::routing {
namespace {

// 9 h of driving a day; a 45-minute break after 4.5 h; each full driving day takes 24 h (15 h of
// breaks and rests); after 6 full driving days a weekly rest adds 34 h (Reg. 561/2006).
TEST(DrivingTime, RestsByHand) {
  EXPECT_EQ(rest_hours(0), 0);
  EXPECT_EQ(rest_hours(4), 0);
  EXPECT_EQ(rest_hours(4.5), 0);
  EXPECT_EQ(rest_hours(5), 0.75);
  EXPECT_EQ(rest_hours(9), 0.75);          // one day, one break
  EXPECT_EQ(rest_hours(9.5), 15);          // one full day (15 h) and 0.5 h into the second
  EXPECT_EQ(rest_hours(18), 15.75);        // second day with its break
  EXPECT_EQ(rest_hours(54), 5 * 15 + 0.75);  // six days: five full ones
  EXPECT_EQ(rest_hours(58), 6 * 15 + 34);    // seventh day: six full days and a weekly rest
  EXPECT_EQ(rest_hours(75), 8 * 15 + 34);    // the test network's road route (tests/freight/modes_test.cpp)
}

TEST(DrivingTime, NeverDecreases) {
  double previous = 0;
  for (double d = 0; d < 400; d += 0.25) {
    const double r = rest_hours(d);
    EXPECT_GE(r, previous) << d;
    previous = r;
  }
}

network::Node node(std::string id, network::NodeKind kind, std::string country, double lon) {
  network::Node n;
  n.id = n.name = std::move(id);
  n.kind = kind;
  n.country = std::move(country);
  n.lon = lon;
  n.lat = 52;
  n.customs_hours = 0, n.customs_usd = 0;
  n.source = "test";
  return n;
}

network::Link road(std::string id, NodeId from, NodeId to, network::Mode mode, double hours) {
  network::Link l;
  l.id = std::move(id);
  l.from = from, l.to = to;
  l.mode = mode;
  l.hours = hours;
  l.usd_per_teu = 100;
  l.length_km = hours * 70;
  if (mode == network::Mode::transfer) l.transfer = network::TransferKind::border;
  l.source = "test";
  l.geometry = {{0, 52}, {1, 52}};
  return l;
}

//  MINSK --road 6 h--> BYKOZ --border post 10 h--> PLTER --road 6 h--> WARSAW --rail 5 h--> LODZ
// Driving 12 h in one truck trip: one day of 9 h (15 h of breaks and rests) and 3 h more, so 15 h: the
// 45-minute break falls in the first leg (after 4.5 h), the rest of the day in the second; the border
// wait is not driving.
TEST(DrivingTime, ARoadTripRestsAcrossABorderPostAndEndsAtTheRailTerminal) {
  std::vector<network::Node> nodes = {node("MINSK", network::NodeKind::hub, "BY", 27), node("BYKOZ", network::NodeKind::border, "BY", 23.7),
                                      node("PLTER", network::NodeKind::border, "PL", 23.6), node("WARSAW", network::NodeKind::terminal, "PL", 21),
                                      node("LODZ", network::NodeKind::terminal, "PL", 19.5)};
  std::vector<network::Link> links = {road("d1", 0, 1, network::Mode::road, 6), road("b1", 1, 2, network::Mode::transfer, 10),
                                      road("d2", 2, 3, network::Mode::road, 6)};
  network::Link rail = road("r1", 3, 4, network::Mode::rail, 5);
  rail.gauge_mm = 1435;
  links.push_back(rail);
  const network::Network net(nodes, links);
  const Router router(net);
  RouterQuery query(router);
  RouteRequest request;
  request.origins = {0};
  request.destinations = {4};
  const RouteResult result = query.route(request);
  ASSERT_EQ(result.status, RouteStatus::found);
  const RouteSummary s = summarize(router, result.routes.at(0));
  ASSERT_EQ(s.legs.size(), 4u);
  EXPECT_EQ(s.legs[0].totals.rest_hours, 0.75);
  EXPECT_EQ(s.legs[1].totals.rest_hours, 0);      // the border post
  EXPECT_EQ(s.legs[2].totals.rest_hours, 14.25);  // 6 h more: past 9 h of driving
  EXPECT_EQ(s.legs[2].totals.hours, 20.25);
  EXPECT_EQ(s.legs[3].totals.rest_hours, 0);   // the train
  EXPECT_EQ(s.total.rest_hours, 15);
  EXPECT_EQ(s.total.hours, 6 + 10 + 6 + 15 + 5);

  // --mode road keeps the truck and the border post and leaves the train out: Warsaw is the end.
  RouteOptions options;
  options.mode = {"road"};
  const AvoidRules only_road = options.avoid_rules(OptionNames::command_line());
  EXPECT_TRUE(only_road.modes.contains(network::Mode::rail));
  EXPECT_TRUE(only_road.modes.contains(network::Mode::air));
  EXPECT_FALSE(only_road.modes.contains(network::Mode::road));
  EXPECT_FALSE(only_road.modes.contains(network::Mode::transfer));
  request.avoid = only_road;
  EXPECT_EQ(query.route(request).status, RouteStatus::no_route);
  request.destinations = {3};
  EXPECT_EQ(query.route(request).status, RouteStatus::found);
  options.mode = {"transfer"};
  EXPECT_THROW((void)options.avoid_rules(OptionNames::command_line()), InputError);
}

}  // namespace
}  // namespace landbridge::routing
