// app/scenario_commands.hpp: `landbridge scenarios` (the built-in scenarios) and `landbridge compare`
// (baseline against one or more scenarios, with an HTML report): docs/scenarios.md.
#pragma once
#include <CLI/CLI.hpp>

namespace landbridge::app {

void add_scenarios_command(CLI::App& app);
void add_compare_command(CLI::App& app);
// `landbridge history`: the backcast of data/history/ (docs/history.md).
void add_history_command(CLI::App& app);

}  // namespace landbridge::app
