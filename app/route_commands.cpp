#include "route_commands.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "context.hpp"
#include "io/network_geojson.hpp"
#include "report/format.hpp"
#include "report/matrix_output.hpp"
#include "report/route_output.hpp"
#include "routing/node_search.hpp"
#include "routing/route_options.hpp"
#include "routing/route_summary.hpp"
#include "routing/router.hpp"

namespace landbridge::app {
namespace {

// Options shared by route and table: the library's RouteOptions plus where the output goes.
struct RoutingOptions : routing::RouteOptions {
  std::string network;
  std::string format = "table";
  std::string out;

  void add_to(CLI::App& command) {
    command.add_option("--network", network, "Network folder (nodes.geojson, links.geojson); default: the embedded Eurasia network");
    command.add_option("--optimize", optimize, "time | cost | co2 | generalized")->capture_default_str();
    command.add_option("--avoid-country", avoid_country, "ISO 3166-1 alpha-2 code of a country to avoid (repeatable)");
    command.add_option("--avoid-passage", avoid_passage, "Chokepoint to avoid: suez, bab-el-mandeb, malacca, bosporus, ... (repeatable)");
    command.add_option("--mode", mode, "Travel only by this mode (and the transfers between its links): rail, road, sea, ferry, air (repeatable)");
    command.add_option("--avoid-mode", avoid_mode, "Mode to avoid: rail, road, sea, ferry, air, transfer (repeatable)");
    command.add_option("--avoid-node", avoid_node, "Node id to avoid (repeatable)");
    command.add_option("--avoid-link", avoid_link, "Link id to avoid (repeatable)");
    command.add_option("--value-of-time", usd_per_teu_hour, "Generalized cost: USD per TEU-hour")->capture_default_str();
    command.add_option("--co2-price", usd_per_tonne_co2, "Generalized cost: USD per tonne CO2")->capture_default_str();
    command.add_option("--out", out, "Write the result to this file (atomically) instead of stdout");
  }
};

constexpr int max_alternatives = 10;
constexpr std::size_t max_matrix_cells = 1'000'000;

void run_route(const std::string& from, const std::string& to, int alternatives, const RoutingOptions& options) {
  const auto format = report::parse_format(options.format);
  if (!format || *format == report::Format::csv) {
    throw InputError("", "", "--format", fmt::format("expected table, json or geojson, got \"{}\"", options.format));
  }
  const routing::OptionNames names = routing::OptionNames::command_line();
  routing::check_alternatives(alternatives, max_alternatives, names);
  const network::Network net = load_network_option(options.network);
  const routing::Router router(net);
  routing::RouterQuery query(router);
  const std::vector<routing::RouteSummary> summaries = routing::find_routes(router, query, from, to, options, alternatives, names);
  if (summaries.empty()) {
    throw InputError("", "", "", fmt::format("no route from \"{}\" to \"{}\" under these avoid-rules", from, to));
  }
  const routing::Criterion criterion = options.criterion(names);
  std::string text;
  switch (*format) {
    case report::Format::table: text = report::routes_table(router, summaries, criterion); break;
    case report::Format::json: text = report::routes_json(router, summaries, criterion).dump(2) + "\n"; break;
    default: text = report::routes_geojson(router, summaries).dump() + "\n"; break;
  }
  emit(text, options.out);
}

void run_table(const std::vector<std::string>& from, const std::vector<std::string>& to, const RoutingOptions& options) {
  const auto format = report::parse_format(options.format);
  if (!format || *format == report::Format::geojson) {
    throw InputError("", "", "--format", fmt::format("expected table, json or csv, got \"{}\"", options.format));
  }
  routing::OptionNames names = routing::OptionNames::command_line();
  names.from = "--from", names.to = "--to";
  const network::Network net = load_network_option(options.network);
  const routing::Router router(net);
  routing::RouterQuery query(router);
  const routing::Matrix matrix = routing::route_matrix(router, query, from, to, options, max_matrix_cells, names);
  std::string text;
  if (*format == report::Format::json) {
    text = report::matrix_json(net, matrix).dump(2) + "\n";
  } else if (*format == report::Format::csv) {
    text = report::matrix_csv(net, matrix);
  } else {
    text = report::matrix_table(net, matrix);
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
      emit(report::nodes_json(net, found).dump(2) + "\n", "");
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
