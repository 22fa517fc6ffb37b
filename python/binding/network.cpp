// python/binding/network.cpp: the network (nodes and links as columns), routes and route matrices.
// Routing releases the GIL and runs on the calling thread's own RouterQuery.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "common.hpp"
#include "common/input_error.hpp"
#include "report/route_output.hpp"
#include "routing/node_search.hpp"
#include "routing/route_summary.hpp"

namespace landbridge::python {
namespace {

// The same limit as `landbridge table` (app/route_commands.cpp).
constexpr std::size_t max_matrix_cells = 1'000'000;
constexpr int max_alternatives = 9;  // besides the best route: the CLI's --alternatives 10

// Routes found by one request: the best first, then its alternatives.
struct RouteSet {
  NetworkPtr network;
  routing::Criterion criterion = routing::Criterion::time;
  std::vector<routing::RouteSummary> routes;
};

template <typename T>
py::array_t<T> to_array(const std::vector<T>& values) {
  return py::array_t<T>(static_cast<py::ssize_t>(values.size()), values.data());
}

double optional_or_nan(const std::optional<double>& value) {
  return value ? *value : std::numeric_limits<double>::quiet_NaN();
}

py::dict node_columns(const LoadedNetwork& loaded) {
  const auto& nodes = loaded.network.nodes();
  py::list id, name, kind, country, passage, source;
  std::vector<double> lat, lon, customs_hours, customs_usd;
  std::vector<bool> free_zone;
  for (const network::Node& n : nodes) {
    id.append(n.id), name.append(n.name), kind.append(std::string(network::to_string(n.kind)));
    country.append(n.country), passage.append(n.passage), source.append(n.source);
    lat.push_back(n.lat), lon.push_back(n.lon), free_zone.push_back(n.free_zone);
    customs_hours.push_back(optional_or_nan(n.customs_hours)), customs_usd.push_back(optional_or_nan(n.customs_usd));
  }
  py::dict columns;
  columns["id"] = id, columns["name"] = name, columns["kind"] = kind, columns["country"] = country;
  columns["lat"] = to_array(lat), columns["lon"] = to_array(lon), columns["free_zone"] = py::cast(free_zone);
  columns["customs_hours"] = to_array(customs_hours), columns["customs_usd"] = to_array(customs_usd);
  columns["passage"] = passage, columns["source"] = source;
  return columns;
}

py::dict link_columns(const LoadedNetwork& loaded) {
  const network::Network& net = loaded.network;
  py::list id, from, to, mode, transfer, passage, corridors, source, geometry;
  std::vector<double> length_km, hours, usd, co2, capacity, background, background_reverse, carrier_hours, carrier_usd;
  std::vector<int> gauge;
  std::vector<bool> oneway;
  for (const network::Link& l : net.links()) {
    id.append(l.id), from.append(net.node(l.from).id), to.append(net.node(l.to).id);
    mode.append(std::string(network::to_string(l.mode))), transfer.append(std::string(network::to_string(l.transfer)));
    passage.append(l.passage), corridors.append(py::cast(l.corridors)), source.append(l.source);
    geometry.append(py::cast(l.geometry));
    length_km.push_back(l.length_km), hours.push_back(l.hours), usd.push_back(l.usd_per_teu), co2.push_back(l.co2_kg_per_teu);
    // NaN where a link has no capacity (as the freight results give it; pandas reads NaN as missing)
    capacity.push_back(std::isfinite(l.capacity_teu_per_day) ? l.capacity_teu_per_day : std::numeric_limits<double>::quiet_NaN());
    background.push_back(l.background_teu_per_day[0]), background_reverse.push_back(l.background_teu_per_day[1]);
    carrier_hours.push_back(l.carrier_change_hours), carrier_usd.push_back(l.carrier_change_usd);
    gauge.push_back(l.gauge_mm), oneway.push_back(l.oneway);
  }
  py::dict columns;
  columns["id"] = id, columns["from"] = from, columns["to"] = to, columns["mode"] = mode;
  columns["length_km"] = to_array(length_km), columns["hours"] = to_array(hours), columns["usd_per_teu"] = to_array(usd);
  columns["co2_kg_per_teu"] = to_array(co2), columns["capacity_teu_per_day"] = to_array(capacity);
  columns["background_teu_per_day"] = to_array(background), columns["background_teu_per_day_reverse"] = to_array(background_reverse);
  columns["carrier_change_hours"] = to_array(carrier_hours), columns["carrier_change_usd"] = to_array(carrier_usd);
  columns["gauge_mm"] = to_array(gauge), columns["transfer"] = transfer, columns["passage"] = passage;
  columns["corridors"] = corridors, columns["oneway"] = py::cast(oneway), columns["source"] = source;
  columns["geometry"] = geometry;
  return columns;
}

routing::RouteOptions route_options(std::string optimize, std::vector<std::string> modes, std::vector<std::string> avoid_countries,
                                    std::vector<std::string> avoid_passages, std::vector<std::string> avoid_modes,
                                    std::vector<std::string> avoid_nodes, std::vector<std::string> avoid_links,
                                    double value_of_time, double co2_price) {
  routing::RouteOptions options;
  options.optimize = std::move(optimize);
  options.mode = std::move(modes);
  options.avoid_country = std::move(avoid_countries);
  options.avoid_passage = std::move(avoid_passages);
  options.avoid_mode = std::move(avoid_modes);
  options.avoid_node = std::move(avoid_nodes);
  options.avoid_link = std::move(avoid_links);
  options.usd_per_teu_hour = value_of_time;
  options.usd_per_tonne_co2 = co2_price;
  return options;
}

std::optional<RouteSet> route(const NetworkPtr& network, const std::string& from, const std::string& to,
                              const routing::RouteOptions& options, int alternatives) {
  const routing::OptionNames& names = keyword_names();
  if (alternatives < 0 || alternatives > max_alternatives) {
    throw InputError("", "", names.alternatives, fmt::format("expected 0 to {}, got {}", max_alternatives, alternatives));
  }
  RouteSet set;
  set.network = network;
  {
    py::gil_scoped_release unlocked;
    set.criterion = options.criterion(names);
    set.routes = routing::find_routes(*network->router, query_for(*network), from, to, options, alternatives + 1, names);
  }
  if (set.routes.empty()) return std::nullopt;
  return set;
}

// (origin id, origin name, destination id, destination name, optimize, value, km, hours, days, usd,
//  co2_kg, customs_hours, customs_usd, rest_hours, gauge_changes, countries, passages)
py::tuple route_fields(const RouteSet& set, std::size_t index) {
  const routing::RouteSummary& r = set.routes.at(index);
  const network::Network& net = set.network->network;
  const routing::Totals& t = r.total;
  return py::make_tuple(net.node(r.origin).id, net.node(r.origin).name, net.node(r.destination).id,
                        net.node(r.destination).name, routing::to_string(set.criterion), r.criterion_value, t.km, t.hours,
                        t.days(), t.usd, t.co2_kg, t.customs_hours, t.customs_usd, t.rest_hours, r.gauge_changes, r.countries,
                        r.passages);
}

py::dict leg_columns(const RouteSet& set, std::size_t index) {
  const network::Network& net = set.network->network;
  py::list from, from_name, to, to_name, mode, transfer, countries, passages;
  std::vector<double> km, hours, usd, co2, customs_hours, customs_usd, rest_hours;
  for (const routing::Leg& leg : set.routes.at(index).legs) {
    from.append(net.node(leg.from).id), from_name.append(net.node(leg.from).name);
    to.append(net.node(leg.to).id), to_name.append(net.node(leg.to).name);
    mode.append(std::string(network::to_string(leg.mode)));
    transfer.append(leg.transfer == network::TransferKind::none ? py::object(py::none()) : py::str(std::string(network::to_string(leg.transfer))));
    countries.append(py::cast(leg.countries)), passages.append(py::cast(leg.passages));
    km.push_back(leg.totals.km), hours.push_back(leg.totals.hours), usd.push_back(leg.totals.usd);
    co2.push_back(leg.totals.co2_kg), customs_hours.push_back(leg.totals.customs_hours), customs_usd.push_back(leg.totals.customs_usd);
    rest_hours.push_back(leg.totals.rest_hours);
  }
  py::dict columns;
  columns["from"] = from, columns["from_name"] = from_name, columns["to"] = to, columns["to_name"] = to_name;
  columns["mode"] = mode, columns["transfer"] = transfer;
  columns["km"] = to_array(km), columns["hours"] = to_array(hours), columns["usd"] = to_array(usd), columns["co2_kg"] = to_array(co2);
  columns["customs_hours"] = to_array(customs_hours), columns["customs_usd"] = to_array(customs_usd);
  columns["rest_hours"] = to_array(rest_hours), columns["countries"] = countries, columns["passages"] = passages;
  return columns;
}

// The routes from `first` on (the best route with its alternatives, or one alternative alone).
std::vector<routing::RouteSummary> routes_from(const RouteSet& set, std::size_t first, bool with_alternatives) {
  const auto begin = set.routes.begin() + static_cast<std::ptrdiff_t>(first);
  return with_alternatives ? std::vector<routing::RouteSummary>(begin, set.routes.end()) : std::vector<routing::RouteSummary>{*begin};
}

py::dict matrix(const NetworkPtr& network, const std::vector<std::string>& from, const std::vector<std::string>& to,
                const routing::RouteOptions& options) {
  routing::Matrix m;
  {
    py::gil_scoped_release unlocked;
    m = routing::route_matrix(*network->router, query_for(*network), from, to, options, max_matrix_cells, keyword_names());
  }
  const network::Network& net = network->network;
  py::list origin, destination;
  std::vector<double> value, hours, usd, km, co2;
  for (std::size_t i = 0; i < m.origins.size(); ++i) {
    for (std::size_t j = 0; j < m.destinations.size(); ++j) {
      origin.append(net.node(m.origins[i].front()).id), destination.append(net.node(m.destinations[j].front()).id);
      const auto& cell = m.cell(i, j);
      value.push_back(cell[0]), hours.push_back(cell[1]), usd.push_back(cell[2]), km.push_back(cell[3]), co2.push_back(cell[4]);
    }
  }
  py::dict columns;
  columns["origin"] = origin, columns["destination"] = destination, columns["value"] = to_array(value);
  columns["hours"] = to_array(hours), columns["usd"] = to_array(usd), columns["km"] = to_array(km), columns["co2_kg"] = to_array(co2);
  columns["optimize"] = std::string(routing::to_string(m.criterion));
  return columns;
}

}  // namespace

void bind_network(py::module_& m) {
  m.attr("default_value_of_time") = routing::CostParameters{}.usd_per_teu_hour;  // USD per TEU-hour
  py::class_<LoadedNetwork, NetworkPtr>(m, "Network", "A loaded network and its router (immutable)")
      .def_property_readonly("folder", [](const LoadedNetwork& n) { return n.folder; })
      .def_property_readonly("node_count", [](const LoadedNetwork& n) { return n.network.node_count(); })
      .def_property_readonly("link_count", [](const LoadedNetwork& n) { return n.network.link_count(); })
      .def_property_readonly("arc_count", [](const LoadedNetwork& n) { return n.router->graph().arc_count(); })
      .def("node_columns", &node_columns)
      .def("link_columns", &link_columns)
      .def("search", [](const LoadedNetwork& n, const std::string& text) {
        std::vector<std::string> ids;
        for (NodeId v : routing::search_nodes(n.network, text)) ids.push_back(n.network.node(v).id);
        return ids;
      })
      .def("resolve", [](const LoadedNetwork& n, const std::string& text, const std::string& field) {
        std::vector<std::string> ids;
        for (NodeId v : routing::resolve_nodes(n.network, text, field)) ids.push_back(n.network.node(v).id);
        return ids;
      });
  m.def("load_network", [](const std::filesystem::path& folder) {
    py::gil_scoped_release unlocked;
    return load_network(folder);
  });

  py::class_<RouteSet>(m, "RouteSet", "The routes of one request: the best, then its alternatives")
      .def("__len__", [](const RouteSet& s) { return s.routes.size(); })
      .def("fields", &route_fields)
      .def("legs", &leg_columns)
      .def("json", [](const RouteSet& s, std::size_t first, bool with_alternatives) {
        return report::routes_json(*s.network->router, routes_from(s, first, with_alternatives), s.criterion).dump();
      })
      .def("geojson", [](const RouteSet& s, std::size_t first, bool with_alternatives) {
        return report::routes_geojson(*s.network->router, routes_from(s, first, with_alternatives)).dump();
      });

  m.def(
      "route",
      [](const NetworkPtr& network, const std::string& from, const std::string& to, std::string optimize,
         std::vector<std::string> modes, std::vector<std::string> avoid_countries, std::vector<std::string> avoid_passages, std::vector<std::string> avoid_modes,
         std::vector<std::string> avoid_nodes, std::vector<std::string> avoid_links, int alternatives, double value_of_time,
         double co2_price) {
        return route(network, from, to,
                     route_options(std::move(optimize), std::move(modes), std::move(avoid_countries), std::move(avoid_passages), std::move(avoid_modes),
                                   std::move(avoid_nodes), std::move(avoid_links), value_of_time, co2_price),
                     alternatives);
      });
  m.def("table", [](const NetworkPtr& network, const std::vector<std::string>& from,
                    const std::vector<std::string>& to, std::string optimize, std::vector<std::string> modes,
                    std::vector<std::string> avoid_countries,
                    std::vector<std::string> avoid_passages, std::vector<std::string> avoid_modes,
                    std::vector<std::string> avoid_nodes, std::vector<std::string> avoid_links, double value_of_time,
                    double co2_price) {
    return matrix(network, from, to,
                  route_options(std::move(optimize), std::move(modes), std::move(avoid_countries), std::move(avoid_passages), std::move(avoid_modes),
                                std::move(avoid_nodes), std::move(avoid_links), value_of_time, co2_price));
  });
}

}  // namespace landbridge::python
