// app/traffic_command.hpp: `landbridge traffic`, static traffic assignment on a TNTP network.
#pragma once
#include <CLI/CLI.hpp>

namespace landbridge::app {

// Registers `traffic` on app. Its callback throws landbridge::InputError for bad input (including
// demand that cannot be routed) and prints the result on stdout.
void add_traffic_command(CLI::App& app);

}  // namespace landbridge::app
