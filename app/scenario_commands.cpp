#include "scenario_commands.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "context.hpp"
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "io/csv.hpp"
#include "io/network_geojson.hpp"
#include "scenario/compare.hpp"
#include "scenario/report_html.hpp"

namespace landbridge::app {
namespace {

struct CompareConfig {
  std::string network, demand, parameters, out, format = "table";
  std::vector<std::string> scenarios;
};

std::filesystem::path data_folder() { return io::default_network_folder().parent_path(); }

void run_compare(const CompareConfig& config) {
  if (config.format != "table" && config.format != "json") {
    throw InputError("", "", "--format", fmt::format("expected table or json, got \"{}\"", config.format));
  }
  std::vector<scenario::Scenario> scenarios;
  for (const std::string& s : config.scenarios) scenarios.push_back(scenario::resolve_scenario(s, data_folder()));
  const std::filesystem::path folder = network_folder(config.network);
  const network::Network net = load_network_option(config.network);
  const routing::Router router(net);
  const std::filesystem::path demand_path = config.demand.empty() ? freight::default_demand_file(folder) : std::filesystem::path(config.demand);
  if (config.demand.empty() && !std::filesystem::exists(demand_path)) {
    throw InputError(demand_path.string(), "", "", "the network has no default demand; give one with --demand FILE");
  }
  const freight::Demand demand = freight::load_demand(demand_path, net);
  for (const std::string& warning : demand.warnings) std::fprintf(stderr, "landbridge: warning: %s\n", warning.c_str());
  const freight::FreightParameters parameters = freight::load_freight_parameters(
      config.parameters.empty() ? freight::default_parameters_file(folder) : std::filesystem::path(config.parameters));

  const auto comparison = scenario::compare(router, demand, parameters, scenarios);
  if (!config.out.empty()) {
    std::filesystem::create_directories(config.out);
    const std::filesystem::path shapes = data_folder() / "geo" / "countries-110m.geojson";
    const std::string countries = std::filesystem::exists(shapes) ? io::read_text_file(shapes.string()) : std::string();
    scenario::write_comparison(config.out, router, *comparison, countries);
  }
  emit(config.format == "json" ? scenario::comparison_json(*comparison).dump(2) + "\n" : scenario::comparison_table(*comparison), "");
  if (!config.out.empty() && config.format == "table") {
    std::printf("\nwrote %s/{summary.json, flows.geojson, link_flows.csv, modes.csv, corridors.csv, countries.csv, crossings.csv, report.html}%s\n",
                config.out.c_str(), scenario::report_assets_available() ? "" : " (report without map: built without Node.js)");
  }
}

}  // namespace

void add_scenarios_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand("scenarios", "List the built-in scenarios of landbridge compare");
  command->callback([] {
    std::string text = fmt::format("{:<28} {}\n", "name", "what it does");
    for (const scenario::Scenario& s : scenario::builtin_scenarios(data_folder())) {
      text += fmt::format("{:<28} {}\n", s.name, s.title);
    }
    text += fmt::format("\nfiles: {}/ (docs/scenarios.md); use: landbridge compare --scenario NAME|FILE ...\n",
                        scenario::builtin_folder(data_folder()).string());
    emit(text, "");
  });
}

void add_compare_command(CLI::App& app) {
  auto config = std::make_shared<CompareConfig>();
  CLI::App* command = app.add_subcommand(
      "compare", "Run the freight model with and without scenarios and show the differences (docs/scenarios.md)");
  command->add_option("--scenario", config->scenarios, "Built-in scenario name or TOML file; repeat to apply several in order")
      ->required();
  command->add_option("--network", config->network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--demand", config->demand, "Demand CSV; default: the network's demand.csv");
  command->add_option("--parameters", config->parameters, "Parameters JSON; default: the network's freight-parameters.json");
  command->add_option("--format", config->format, "table or json (the summary.json document)");
  command->add_option("--out", config->out, "Folder for summary.json, flows.geojson, CSVs and report.html (created if missing)");
  command->callback([config] { run_compare(*config); });
}

}  // namespace landbridge::app
