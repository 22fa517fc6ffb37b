#include "report/route_output.hpp"

#include <fmt/format.h>

#include "report/format.hpp"

namespace landbridge::report {

using json = nlohmann::ordered_json;
using routing::RouteSummary;

std::optional<Format> parse_format(std::string_view text) {
  if (text == "table") return Format::table;
  if (text == "json") return Format::json;
  if (text == "geojson") return Format::geojson;
  if (text == "csv") return Format::csv;
  return std::nullopt;
}

namespace {

json totals_json(const routing::Totals& t) {
  return {{"km", rounded(t.km, 1)},
          {"hours", rounded(t.hours, 2)},
          {"days", rounded(t.days(), 2)},
          {"usd", rounded(t.usd, 2)},
          {"co2_kg", rounded(t.co2_kg, 1)},
          {"customs_hours", rounded(t.customs_hours, 2)},
          {"customs_usd", rounded(t.customs_usd, 2)},
          {"rest_hours", rounded(t.rest_hours, 2)}};
}

json node_ref(const network::Node& node) { return {{"id", node.id}, {"name", node.name}}; }

std::string label(const network::Node& node) {
  return node.name.empty() ? node.id : fmt::format("{} ({})", node.name, node.id);
}

std::string criterion_unit(routing::Criterion c) {
  switch (c) {
    case routing::Criterion::time: return "hours";
    case routing::Criterion::cost: return "USD per TEU";
    case routing::Criterion::co2: return "kg CO2 per TEU";
    case routing::Criterion::generalized: return "generalized USD per TEU";
  }
  return "";
}

std::string join_or_dash(const std::vector<std::string>& items, const char* separator) {
  return items.empty() ? std::string("-") : fmt::format("{}", fmt::join(items, separator));
}

}  // namespace

json route_json(const routing::Router& router, const RouteSummary& route, routing::Criterion criterion) {
  const network::Network& net = router.network();
  json legs = json::array();
  for (const routing::Leg& leg : route.legs) {
    json j = {{"from", net.node(leg.from).id},
              {"from_name", net.node(leg.from).name},
              {"to", net.node(leg.to).id},
              {"to_name", net.node(leg.to).name},
              {"mode", network::to_string(leg.mode)},
              {"km", rounded(leg.totals.km, 1)},
              {"hours", rounded(leg.totals.hours, 2)},
              {"usd", rounded(leg.totals.usd, 2)},
              {"co2_kg", rounded(leg.totals.co2_kg, 1)},
              {"customs_hours", rounded(leg.totals.customs_hours, 2)},
              {"customs_usd", rounded(leg.totals.customs_usd, 2)},
              {"rest_hours", rounded(leg.totals.rest_hours, 2)},
              {"countries", leg.countries},
              {"passages", leg.passages}};
    if (leg.transfer != network::TransferKind::none) j["transfer"] = network::to_string(leg.transfer);
    legs.push_back(std::move(j));
  }
  return {{"from", node_ref(net.node(route.origin))},
          {"to", node_ref(net.node(route.destination))},
          {"optimize", routing::to_string(criterion)},
          {"criterion_value", rounded(route.criterion_value, 2)},
          {"total", totals_json(route.total)},
          {"legs", std::move(legs)},
          {"gauge_changes", route.gauge_changes},
          {"countries", route.countries},
          {"passages", route.passages}};
}

json routes_json(const routing::Router& router, const std::vector<RouteSummary>& summaries, routing::Criterion criterion) {
  json result = route_json(router, summaries.front(), criterion);
  json alternatives = json::array();
  for (std::size_t i = 1; i < summaries.size(); ++i) alternatives.push_back(route_json(router, summaries[i], criterion));
  result["alternatives"] = std::move(alternatives);
  return result;
}

std::string routes_table(const routing::Router& router, const std::vector<RouteSummary>& summaries, routing::Criterion criterion) {
  const network::Network& net = router.network();
  std::string out;
  for (std::size_t r = 0; r < summaries.size(); ++r) {
    const RouteSummary& route = summaries[r];
    out += fmt::format("{} {} -> {}, optimized for {}: {} {}\n", r == 0 ? "Route" : fmt::format("Alternative {}:", r),
                       label(net.node(route.origin)), label(net.node(route.destination)), routing::to_string(criterion),
                       with_thousands(route.criterion_value, 1), criterion_unit(criterion));
    out += fmt::format("{:>3}  {:<14} {:<34} {:<34} {:>9} {:>8} {:>9} {:>9}\n", "#", "mode", "from", "to", "km", "hours",
                       "USD/TEU", "kg CO2");
    for (std::size_t i = 0; i < route.legs.size(); ++i) {
      const routing::Leg& leg = route.legs[i];
      const std::string mode = leg.transfer == network::TransferKind::none
                                   ? std::string(network::to_string(leg.mode))
                                   : fmt::format("{}/{}", network::to_string(leg.mode), network::to_string(leg.transfer));
      out += fmt::format("{:>3}  {:<14} {:<34} {:<34} {:>9} {:>8} {:>9} {:>9}\n", i + 1, mode, label(net.node(leg.from)),
                         label(net.node(leg.to)), with_thousands(leg.totals.km, 0), with_thousands(leg.totals.hours, 1),
                         with_thousands(leg.totals.usd, 0), with_thousands(leg.totals.co2_kg, 0));
    }
    const routing::Totals& t = route.total;
    out += fmt::format("     {:<14} {:<69} {:>9} {:>8} {:>9} {:>9}\n", "total", fmt::format("{:.1f} days", t.days()),
                       with_thousands(t.km, 0), with_thousands(t.hours, 1), with_thousands(t.usd, 0),
                       with_thousands(t.co2_kg, 0));
    out += fmt::format("     customs: {} h, {} USD included; {}gauge changes: {}; countries: {}; passages: {}\n",
                       with_thousands(t.customs_hours, 1), with_thousands(t.customs_usd, 0),
                       t.rest_hours > 0 ? fmt::format("drivers' breaks and rests: {} h included; ", with_thousands(t.rest_hours, 1)) : "",
                       route.gauge_changes, join_or_dash(route.countries, " "), join_or_dash(route.passages, ", "));
    if (r + 1 < summaries.size()) out += "\n";
  }
  return out;
}

json routes_geojson(const routing::Router& router, const std::vector<RouteSummary>& summaries) {
  const network::Network& net = router.network();
  const network::Graph& g = router.graph();
  json features = json::array();
  for (std::size_t r = 0; r < summaries.size(); ++r) {
    const RouteSummary& route = summaries[r];
    for (std::size_t i = 0; i < route.legs.size(); ++i) {
      const routing::Leg& leg = route.legs[i];
      json coordinates = json::array();
      for (ArcId a : leg.arcs) {
        const auto& geometry = net.link(g.arc_link[a]).geometry;
        const std::size_t n = geometry.size();
        for (std::size_t k = 0; k < n; ++k) {
          const auto& p = g.arc_reversed[a] ? geometry[n - 1 - k] : geometry[k];
          if (!coordinates.empty() && k == 0) continue;  // shared with the previous link's last vertex
          coordinates.push_back({p[0], p[1]});
        }
      }
      features.push_back({{"type", "Feature"},
                          {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coordinates)}}},
                          {"properties",
                           {{"route", r},
                            {"leg", i + 1},
                            {"mode", network::to_string(leg.mode)},
                            {"from", net.node(leg.from).id},
                            {"to", net.node(leg.to).id},
                            {"km", rounded(leg.totals.km, 1)},
                            {"hours", rounded(leg.totals.hours, 2)},
                            {"usd", rounded(leg.totals.usd, 2)},
                            {"co2_kg", rounded(leg.totals.co2_kg, 1)},
                            {"passages", leg.passages}}}});
    }
    for (const auto& [role, v] : {std::pair{"origin", route.origin}, std::pair{"destination", route.destination}}) {
      const network::Node& node = net.node(v);
      features.push_back({{"type", "Feature"},
                          {"geometry", {{"type", "Point"}, {"coordinates", {node.lon, node.lat}}}},
                          {"properties", {{"route", r}, {"role", role}, {"id", node.id}, {"name", node.name}}}});
    }
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace landbridge::report
