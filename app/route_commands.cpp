#include "route_commands.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "context.hpp"
#include "io/network_geojson.hpp"
#include "report/format.hpp"
#include "report/route_output.hpp"
#include "routing/node_search.hpp"
#include "routing/route_summary.hpp"
#include "routing/router.hpp"

namespace landbridge::app {
namespace {

using json = nlohmann::ordered_json;

// Options shared by route and table.
struct RoutingOptions {
  std::string network;
  std::string optimize = "time";
  std::vector<std::string> avoid_country, avoid_passage, avoid_mode, avoid_node, avoid_link;
  double usd_per_teu_hour = routing::CostParameters{}.usd_per_teu_hour;
  double usd_per_tonne_co2 = routing::CostParameters{}.usd_per_tonne_co2;
  std::string format = "table";
  std::string out;

  void add_to(CLI::App& command) {
    command.add_option("--network", network, "Network folder (nodes.geojson, links.geojson); default: the embedded Eurasia network");
    command.add_option("--optimize", optimize, "time | cost | co2 | generalized")->capture_default_str();
    command.add_option("--avoid-country", avoid_country, "ISO 3166-1 alpha-2 code of a country to avoid (repeatable)");
    command.add_option("--avoid-passage", avoid_passage, "Chokepoint to avoid: suez, bab-el-mandeb, malacca, bosporus, ... (repeatable)");
    command.add_option("--avoid-mode", avoid_mode, "Mode to avoid: rail, sea, road, ferry, transfer (repeatable)");
    command.add_option("--avoid-node", avoid_node, "Node id to avoid (repeatable)");
    command.add_option("--avoid-link", avoid_link, "Link id to avoid (repeatable)");
    command.add_option("--value-of-time", usd_per_teu_hour, "Generalized cost: USD per TEU-hour")->capture_default_str();
    command.add_option("--co2-price", usd_per_tonne_co2, "Generalized cost: USD per tonne CO2")->capture_default_str();
    command.add_option("--out", out, "Write the result to this file (atomically) instead of stdout");
  }

  [[nodiscard]] routing::Criterion criterion() const {
    const auto c = routing::parse_criterion(optimize);
    if (!c) throw InputError("", "", "--optimize", fmt::format("expected time, cost, co2 or generalized, got \"{}\"", optimize));
    return *c;
  }

  [[nodiscard]] routing::CostParameters parameters() const {
    if (!(usd_per_teu_hour >= 0) || usd_per_teu_hour > 1e6) {
      throw InputError("", "", "--value-of-time", fmt::format("expected 0 to 1e6 USD per TEU-hour, got {}", usd_per_teu_hour));
    }
    if (!(usd_per_tonne_co2 >= 0) || usd_per_tonne_co2 > 1e6) {
      throw InputError("", "", "--co2-price", fmt::format("expected 0 to 1e6 USD per tonne, got {}", usd_per_tonne_co2));
    }
    return {usd_per_teu_hour, usd_per_tonne_co2};
  }

  [[nodiscard]] routing::AvoidRules avoid_rules() const {
    routing::AvoidRules rules;
    for (const std::string& c : avoid_country) {
      std::string code = c;
      for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (code.size() != 2) throw InputError("", "", "--avoid-country", fmt::format("expected a two-letter ISO code such as BY, got \"{}\"", c));
      rules.countries.insert(code);
    }
    for (const std::string& p : avoid_passage) rules.passages.insert(p);
    for (const std::string& m : avoid_mode) {
      const auto mode = network::parse_mode(m);
      if (!mode) throw InputError("", "", "--avoid-mode", fmt::format("expected rail, sea, road, ferry or transfer, got \"{}\"", m));
      rules.modes.insert(*mode);
    }
    rules.nodes.insert(avoid_node.begin(), avoid_node.end());
    rules.links.insert(avoid_link.begin(), avoid_link.end());
    return rules;
  }
};

// An InputError raised for a flag gets the flag's name as its field.
InputError as_flag_error(const InputError& e) {
  static const std::map<std::string, std::string> flags = {{"avoid_country", "--avoid-country"},
                                                           {"avoid_passage", "--avoid-passage"},
                                                           {"avoid_node", "--avoid-node"},
                                                           {"avoid_link", "--avoid-link"},
                                                           {"from", "FROM"},
                                                           {"to", "TO"}};
  const auto it = flags.find(e.field());
  return it == flags.end() ? e : InputError(e.file(), e.place(), it->second, e.problem());
}

void run_route(const std::string& from, const std::string& to, int alternatives, const RoutingOptions& options) {
  const auto format = report::parse_format(options.format);
  if (!format || *format == report::Format::csv) {
    throw InputError("", "", "--format", fmt::format("expected table, json or geojson, got \"{}\"", options.format));
  }
  if (alternatives < 1 || alternatives > 10) {
    throw InputError("", "", "--alternatives", fmt::format("expected 1 to 10, got {}", alternatives));
  }
  const network::Network net = load_network_option(options.network);
  const routing::Router router(net);
  routing::RouterQuery query(router);
  routing::RouteRequest request;
  request.criterion = options.criterion();
  request.parameters = options.parameters();
  request.avoid = options.avoid_rules();
  request.alternatives = alternatives;
  routing::RouteResult result;
  try {
    request.origins = routing::resolve_nodes(net, from, "from");
    request.destinations = routing::resolve_nodes(net, to, "to");
    result = query.route(request);
  } catch (const InputError& e) {
    throw as_flag_error(e);
  }
  if (result.status == routing::RouteStatus::no_route) {
    throw InputError("", "", "", fmt::format("no route from \"{}\" to \"{}\" under these avoid-rules", from, to));
  }
  std::vector<routing::RouteSummary> summaries;
  for (const routing::RoutePath& path : result.routes) summaries.push_back(routing::summarize(router, path));
  std::string text;
  switch (*format) {
    case report::Format::table: text = report::routes_table(router, summaries, request.criterion); break;
    case report::Format::json: text = report::routes_json(router, summaries, request.criterion).dump(2) + "\n"; break;
    default: text = report::routes_geojson(router, summaries).dump() + "\n"; break;
  }
  emit(text, options.out);
}

void run_table(const std::vector<std::string>& from, std::vector<std::string> to, const RoutingOptions& options) {
  const auto format = report::parse_format(options.format);
  if (!format || *format == report::Format::geojson) {
    throw InputError("", "", "--format", fmt::format("expected table, json or csv, got \"{}\"", options.format));
  }
  if (to.empty()) to = from;
  constexpr std::size_t max_cells = 1'000'000;
  if (from.size() * to.size() > max_cells) {
    throw InputError("", "", "--to", fmt::format("a matrix of {} x {} exceeds the limit of {} cells", from.size(), to.size(), max_cells));
  }
  const network::Network net = load_network_option(options.network);
  const routing::Router router(net);
  const routing::Criterion criterion = options.criterion();
  const routing::CostParameters parameters = options.parameters();
  const routing::AvoidRules avoid = options.avoid_rules();
  std::vector<std::vector<NodeId>> origins, destinations;
  try {
    for (const auto& f : from) origins.push_back(routing::resolve_nodes(net, f, "from"));
    for (const auto& t : to) destinations.push_back(routing::resolve_nodes(net, t, "to"));
  } catch (const InputError& e) {
    throw InputError("", "", e.field() == "from" ? "--from" : "--to", e.problem());
  }
  routing::RouterQuery query(router);
  const network::Graph& g = router.graph();
  // Per cell: criterion value, hours, usd, km, co2_kg of the best path; NaN when unreachable.
  const std::size_t rows = origins.size(), columns = destinations.size();
  std::vector<std::array<double, 5>> cells(rows * columns);
  try {
    for (std::size_t i = 0; i < rows; ++i) {
      query.grow_tree(origins[i], criterion, parameters, avoid);
      const routing::DijkstraQuery& tree = query.tree();
      for (std::size_t j = 0; j < columns; ++j) {
        NodeId best = invalid_id;
        for (NodeId v : destinations[j]) {
          if (tree.distance(v) != routing::unreachable && (best == invalid_id || tree.distance(v) < tree.distance(best))) best = v;
        }
        std::array<double, 5>& cell = cells[i * columns + j];
        if (best == invalid_id) {
          cell.fill(std::numeric_limits<double>::quiet_NaN());
          continue;
        }
        cell.fill(0);
        for (ArcId a : tree.path_to(best)) {
          cell[0] += router.arc_value(a, criterion, parameters);
          cell[1] += g.arc_hours[a], cell[2] += g.arc_usd[a], cell[3] += g.arc_length_km[a], cell[4] += g.arc_co2_kg[a];
        }
      }
    }
  } catch (const InputError& e) {
    throw as_flag_error(e);
  }
  auto label = [&](const std::vector<NodeId>& group) { return net.node(group.front()).id; };
  std::string text;
  if (*format == report::Format::json) {
    static constexpr std::array<const char*, 5> keys = {"values", "hours", "usd", "km", "co2_kg"};
    json j = {{"optimize", routing::to_string(criterion)}, {"origins", json::array()}, {"destinations", json::array()}};
    for (const auto& group : origins) j["origins"].push_back(label(group));
    for (const auto& group : destinations) j["destinations"].push_back(label(group));
    for (std::size_t k = 0; k < keys.size(); ++k) {
      json matrix = json::array();
      for (std::size_t i = 0; i < rows; ++i) {
        json row = json::array();
        for (std::size_t c = 0; c < columns; ++c) {
          const double v = cells[i * columns + c][k];
          row.push_back(std::isnan(v) ? json(nullptr) : json(report::rounded(v, 2)));
        }
        matrix.push_back(std::move(row));
      }
      j[keys[k]] = std::move(matrix);
    }
    text = j.dump(2) + "\n";
  } else if (*format == report::Format::csv) {
    text = "origin,destination,value,hours,usd,km,co2_kg\n";
    for (std::size_t i = 0; i < rows; ++i) {
      for (std::size_t c = 0; c < columns; ++c) {
        const auto& cell = cells[i * columns + c];
        if (std::isnan(cell[0])) {
          text += fmt::format("{},{},,,,,\n", label(origins[i]), label(destinations[c]));
        } else {
          text += fmt::format("{},{},{:.2f},{:.2f},{:.2f},{:.1f},{:.1f}\n", label(origins[i]), label(destinations[c]), cell[0],
                              cell[1], cell[2], cell[3], cell[4]);
        }
      }
    }
  } else {
    text = fmt::format("{} (optimized for {}; '-' = no route)\n", criterion == routing::Criterion::time ? "Hours" : "Values",
                       routing::to_string(criterion));
    text += fmt::format("{:<12}", "from \\ to");
    for (const auto& group : destinations) text += fmt::format("{:>12}", label(group));
    text += "\n";
    for (std::size_t i = 0; i < rows; ++i) {
      text += fmt::format("{:<12}", label(origins[i]));
      for (std::size_t c = 0; c < columns; ++c) {
        const double v = cells[i * columns + c][0];
        text += fmt::format("{:>12}", std::isnan(v) ? std::string("-") : report::with_thousands(v, 1));
      }
      text += "\n";
    }
  }
  emit(text, options.out);
}

}  // namespace

void add_route_command(CLI::App& app) {
  auto options = std::make_shared<RoutingOptions>();
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto alternatives = std::make_shared<int>(1);
  CLI::App* command = app.add_subcommand("route", "Best route between two places (ids or names)");
  command->add_option("FROM", *from, "Origin: node id or name, e.g. CNCKG or Chongqing")->required();
  command->add_option("TO", *to, "Destination: node id or name, e.g. Duisburg")->required();
  command->add_option("--alternatives", *alternatives, "How many materially different routes to show (1-10)")->capture_default_str();
  command->add_option("--format", options->format, "table | json | geojson")->capture_default_str();
  options->add_to(*command);
  command->callback([=] { run_route(*from, *to, *alternatives, *options); });
}

void add_table_command(CLI::App& app) {
  auto options = std::make_shared<RoutingOptions>();
  auto from = std::make_shared<std::vector<std::string>>();
  auto to = std::make_shared<std::vector<std::string>>();
  CLI::App* command = app.add_subcommand("table", "Matrix of best-route values between places");
  command->add_option("--from", *from, "Origins (ids or names; repeat or separate with commas)")->required()->delimiter(',');
  command->add_option("--to", *to, "Destinations (default: the origins)")->delimiter(',');
  command->add_option("--format", options->format, "table | json | csv")->capture_default_str();
  options->add_to(*command);
  command->callback([=] { run_table(*from, *to, *options); });
}

void add_nodes_command(CLI::App& app) {
  auto network = std::make_shared<std::string>();
  auto search = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  CLI::App* command = app.add_subcommand("nodes", "List or search the network's nodes");
  command->add_option("--search", *search, "Text to look for in ids and names (diacritics optional)");
  command->add_option("--network", *network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--format", *format, "table | json")->capture_default_str();
  command->callback([=] {
    if (*format != "table" && *format != "json") throw InputError("", "", "--format", fmt::format("expected table or json, got \"{}\"", *format));
    const network::Network net = load_network_option(*network);
    const std::vector<NodeId> found = routing::search_nodes(net, *search);
    if (*format == "json") {
      json list = json::array();
      for (NodeId v : found) {
        const network::Node& n = net.node(v);
        list.push_back({{"id", n.id}, {"name", n.name}, {"kind", network::to_string(n.kind)}, {"country", n.country},
                        {"lat", n.lat}, {"lon", n.lon}});
      }
      emit(list.dump(2) + "\n", "");
      return;
    }
    std::string text = fmt::format("{:<12} {:<36} {:<11} {:<7} {:>9} {:>9}\n", "id", "name", "kind", "country", "lat", "lon");
    for (NodeId v : found) {
      const network::Node& n = net.node(v);
      text += fmt::format("{:<12} {:<36} {:<11} {:<7} {:>9.4f} {:>9.4f}\n", n.id, n.name, network::to_string(n.kind),
                          n.country.empty() ? "-" : n.country, n.lat, n.lon);
    }
    if (found.empty()) {
      text = fmt::format("no node matches \"{}\"", *search);
      const auto suggestions = routing::suggest_nodes(net, *search, 5);
      if (!suggestions.empty()) {
        std::vector<std::string> names;
        for (NodeId v : suggestions) names.push_back(fmt::format("{} ({})", net.node(v).name, net.node(v).id));
        text += fmt::format("; did you mean {}?", fmt::join(names, ", "));
      }
      text += "\n";
    }
    emit(text, "");
  });
}

void add_validate_command(CLI::App& app) {
  auto network = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("validate", "Check a network folder and report every problem");
  command->add_option("--network", *network, "Network folder; default: the embedded Eurasia network");
  command->callback([=] {
    const network::Network net = load_network_option(*network);
    const network::Graph graph = network::compile(net);
    std::size_t by_mode[network::mode_count] = {};
    for (const auto& link : net.links()) ++by_mode[static_cast<int>(link.mode)];
    std::string text = fmt::format("{}: OK, {} nodes, {} links ({} arcs):", network_folder(*network).string(), net.node_count(),
                                   net.link_count(), graph.arc_count());
    for (int m = 0; m < network::mode_count; ++m) text += fmt::format(" {} {}", by_mode[m], network::to_string(static_cast<network::Mode>(m)));
    emit(text + "\n", "");
  });
}

}  // namespace landbridge::app
