// app/disrupt_command.hpp: `landbridge disrupt`: a scenario's closure day by day: queues, stranded
// trains, rerouting and the time to clear the backlog (docs/disruptions.md).
#pragma once
#include <CLI/CLI.hpp>

namespace landbridge::app {

void add_disrupt_command(CLI::App& app);

}  // namespace landbridge::app
