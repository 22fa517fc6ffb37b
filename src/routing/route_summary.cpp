#include "routing/route_summary.hpp"

namespace landbridge::routing {
namespace {

void append_unique_consecutive(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && (list.empty() || list.back() != value)) list.push_back(value);
}

void add_arc(const network::Graph& g, ArcId a, Totals& totals) {
  totals.km += g.arc_length_km[a];
  totals.hours += g.arc_hours[a];
  totals.usd += g.arc_usd[a];
  totals.co2_kg += g.arc_co2_kg[a];
  totals.customs_hours += g.arc_customs_hours[a];
  totals.customs_usd += g.arc_customs_usd[a];
}

}  // namespace

RouteSummary summarize(const Router& router, const RoutePath& path, const DrivingRules& rules) {
  const network::Network& net = router.network();
  const network::Graph& g = router.graph();
  RouteSummary summary;
  summary.origin = path.origin;
  summary.destination = path.destination;
  summary.criterion_value = path.criterion_value;
  append_unique_consecutive(summary.countries, net.node(path.origin).country);
  append_unique_consecutive(summary.passages, net.node(path.origin).passage);
  double driven_hours = 0;  // driving since the current road stretch began
  for (ArcId a : path.arcs) {
    const NodeId tail = g.topology.tail[a], head = g.topology.head[a];
    const network::Link& link = net.link(g.arc_link[a]);
    const bool starts_leg = summary.legs.empty() || summary.legs.back().mode != link.mode || net.node(tail).is_place();
    if (starts_leg) {
      Leg leg;
      leg.from = tail;
      leg.mode = link.mode;
      append_unique_consecutive(leg.countries, net.node(tail).country);
      summary.legs.push_back(std::move(leg));
    }
    Leg& leg = summary.legs.back();
    leg.to = head;
    leg.arcs.push_back(a);
    if (link.transfer != network::TransferKind::none) leg.transfer = link.transfer;
    add_arc(g, a, leg.totals);
    add_arc(g, a, summary.total);
    if (link.mode == network::Mode::road) {
      const double rest = rest_hours(driven_hours + link.hours, rules) - rest_hours(driven_hours, rules);
      driven_hours += link.hours;
      for (Totals* t : {&leg.totals, &summary.total}) t->hours += rest, t->rest_hours += rest;
    } else if (link.transfer != network::TransferKind::border) {
      driven_hours = 0;  // the truck's trip ends (rail, sea, air or a terminal); a border post does not end it
    }
    append_unique_consecutive(leg.passages, link.passage);
    append_unique_consecutive(leg.passages, net.node(head).passage);
    append_unique_consecutive(leg.countries, net.node(head).country);
    append_unique_consecutive(summary.passages, link.passage);
    append_unique_consecutive(summary.passages, net.node(head).passage);
    append_unique_consecutive(summary.countries, net.node(head).country);
    if (link.transfer == network::TransferKind::gauge) ++summary.gauge_changes;
  }
  return summary;
}

}  // namespace landbridge::routing
