#include "disrupt_command.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "context.hpp"
#include "disrupt/freight_input.hpp"
#include "disrupt/output.hpp"
#include "io/network_geojson.hpp"
#include "io/csv.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::app {
namespace {

struct DisruptConfig {
  std::string network, demand, parameters, out, format = "table";
  std::vector<std::string> scenarios;
  disrupt::DisruptionSettings settings;
};

void run_disrupt(const DisruptConfig& config) {
  const std::filesystem::path data = io::default_network_folder().parent_path();
  std::vector<scenario::Scenario> scenarios;
  for (const std::string& s : config.scenarios) scenarios.push_back(scenario::resolve_scenario(s, data));
  const auto inputs = load_freight_inputs(config.network, config.demand, config.parameters);
  const disrupt::DisruptionRun run =
      disrupt::run_disruption(*inputs->router, inputs->demand, inputs->parameters, std::move(scenarios), config.settings);
  if (!config.out.empty()) {
    make_out_folder(config.out);
    const std::string countries = country_shapes(data);
    disrupt::write_disruption(config.out, run, countries);
  }
  if (config.format == "json") emit(disrupt::disruption_json(run).dump(2) + "\n", "");
  else if (config.format == "csv") emit(disrupt::days_csv(run), "");
  else emit(disrupt::disruption_table(run), "");
  if (!config.out.empty() && config.format == "table") {
    std::printf("\nwrote %s/{disruption.json, days.csv, queues.csv, report.html}\n", config.out.c_str());
  }
}

}  // namespace

void add_disrupt_command(CLI::App& app) {
  auto config = std::make_shared<DisruptConfig>();
  CLI::App* command = app.add_subcommand(
      "disrupt", "A scenario's closure day by day: queues at the crossings, stranded trains, rerouting and the days to clear (docs/disruptions.md)");
  command->add_option("--scenario", config->scenarios, "Built-in scenario name or TOML file; repeat to apply several")->required();
  command->add_option("--start", config->settings.start_day, "Day the disruption starts (day 0 = the first simulated day)")->capture_default_str();
  command->add_option("--days", config->settings.days, "How many days it lasts (0: none)")->required();
  command->add_option("--horizon", config->settings.horizon_days, "Days to simulate")->capture_default_str();
  command->add_option("--decision-lag", config->settings.decision_lag_days,
                      "Days before departures follow the scenario's routes (docs/disruptions.md)")->capture_default_str();
  command->add_option("--teu-per-train", config->settings.teu_per_train, "TEU per train when counting trains")->capture_default_str();
  command->add_option("--network", config->network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--demand", config->demand, "Demand CSV; default: the network's demand.csv");
  command->add_option("--parameters", config->parameters, "Parameters JSON; default: the network's freight-parameters.json");
  command->add_option("--format", config->format, "table, json or csv (days.csv)")->check(CLI::IsMember({"table", "json", "csv"}))->capture_default_str();
  command->add_option("--out", config->out, "Folder for disruption.json, days.csv, queues.csv and report.html (created if missing)");
  command->callback([config] { run_disrupt(*config); });
}

}  // namespace landbridge::app
