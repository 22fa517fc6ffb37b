#include "access_command.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "access/output.hpp"
#include "access/request.hpp"
#include "common/input_error.hpp"
#include "context.hpp"
#include "io/csv.hpp"
#include "io/network_geojson.hpp"

namespace landbridge::app {
namespace {

struct AccessConfig {
  std::string network, markets, duties, parameters, demand, out, format = "table";
  access::AccessRequest request;
  double value = -1;  // < 0: not given
};

void run_access(AccessConfig config) {
  const std::filesystem::path data = io::default_network_folder().parent_path();
  const std::filesystem::path folder = network_folder(config.network);
  const network::Network net = load_network_option(config.network);
  const routing::Router router(net);
  const freight::FreightParameters parameters = freight::load_freight_parameters(
      config.parameters.empty() ? freight::default_parameters_file(folder) : std::filesystem::path(config.parameters));
  std::optional<freight::Demand> demand;
  const std::filesystem::path demand_path = config.demand.empty() ? freight::default_demand_file(folder) : std::filesystem::path(config.demand);
  if (!config.demand.empty() || (config.value < 0 && std::filesystem::exists(demand_path))) demand = freight::load_demand(demand_path, net);
  const access::AccessData access_data = access::load_access_data(
      config.markets.empty() ? access::default_markets_file(data) : std::filesystem::path(config.markets),
      config.duties.empty() ? access::default_duties_file(data) : std::filesystem::path(config.duties), net);
  if (config.value >= 0) config.request.value_usd_per_teu = config.value;
  const access::AccessInputs inputs{&net, &router, &access_data, &parameters, demand ? &*demand : nullptr, data};
  const access::AccessResult result = access::answer_access(inputs, config.request, access::AccessOptionNames::command_line());
  if (!config.out.empty()) {
    make_out_folder(config.out);
    const std::string countries = country_shapes(data);
    access::write_access(config.out, result, net, countries);
  }
  if (config.format == "json") emit(access::access_json(result, net).dump(2) + "\n", "");
  else if (config.format == "csv") emit(access::access_csv(result), "");
  else if (config.format == "geojson") emit(access::access_geojson(result, net).dump() + "\n", "");
  else emit(access::access_table(result), "");
  if (!config.out.empty() && config.format == "table") {
    std::printf("\nwrote %s/{access.json, access.csv, access.geojson, report.html}\n", config.out.c_str());
  }
}

}  // namespace

void add_access_command(CLI::App& app) {
  auto config = std::make_shared<AccessConfig>();
  CLI::App* command = app.add_subcommand(
      "access", "Market access from production sites: delivered cost per TEU to each market (freight, time, customs, duty by origin), "
                "market potential and ranking (docs/access.md)");
  command->add_option("FROM", config->request.from, "Production site: a node id or place name (\"Great Stone\")")->required();
  command->add_option("--compare", config->request.compare, "Other sites to compare, separated by commas")->delimiter(',');
  command->add_option("--commodity", config->request.commodity,
                      "electronics, machinery, consumer-goods, auto-parts, chemicals-plastics or bulk-in-containers")->capture_default_str();
  command->add_option("--value", config->value, "Cargo value, USD per TEU; default: the class's mean value in the network's demand");
  command->add_option("--scenario", config->request.scenarios, "Built-in scenario name or TOML file; repeat to apply several");
  command->add_option("--network", config->network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--markets", config->markets, "Markets CSV; default: data/access/markets.csv");
  command->add_option("--duties", config->duties, "Duties CSV; default: data/access/duties.csv");
  command->add_option("--parameters", config->parameters, "Freight parameters JSON (carrying rates); default: the network's");
  command->add_option("--demand", config->demand, "Demand CSV for the default cargo values; default: the network's demand.csv");
  command->add_option("--format", config->format, "table, json, csv or geojson")
      ->check(CLI::IsMember({"table", "json", "csv", "geojson"}))->capture_default_str();
  command->add_option("--out", config->out, "Folder for access.json, access.csv, access.geojson and report.html (created if missing)");
  command->callback([config] { run_access(*config); });
}

}  // namespace landbridge::app
