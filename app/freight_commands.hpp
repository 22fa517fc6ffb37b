// app/freight_commands.hpp: the freight model from the command line: `assign` on a landbridge
// network (mode and corridor choice with congestion) and `calibrate`.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace landbridge::app {

struct FreightConfig {
  std::string network;     // folder; default: the embedded network
  std::string demand;      // CSV; default: <network>/demand.csv
  std::string parameters;  // JSON; default: <network>/freight-parameters.json
  std::string format = "table";
  std::string out;         // folder for CSV/GeoJSON/JSON outputs
};

// Runs the freight equilibrium and prints or writes its summary. Throws InputError for bad input.
void run_freight_assignment(const FreightConfig& config);

// `assign`: the freight model; `calibrate`: fit its constants.
void add_assign_command(CLI::App& app);
void add_calibrate_command(CLI::App& app);

}  // namespace landbridge::app
