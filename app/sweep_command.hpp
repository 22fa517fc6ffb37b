// app/sweep_command.hpp: `landbridge sweep`: Monte Carlo risk sweeps and the criticality ranking
// (docs/sweeps.md), on all cores, or across machines under mpirun.
#pragma once
#include <CLI/CLI.hpp>

namespace landbridge::app {

void add_sweep_command(CLI::App& app);

}  // namespace landbridge::app
