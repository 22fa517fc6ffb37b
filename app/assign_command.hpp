// app/assign_command.hpp: the `landbridge assign` subcommand (static traffic assignment on a TNTP network).
#pragma once
#include <CLI/CLI.hpp>

namespace landbridge::app {

// Registers `assign` on app. Its callback throws landbridge::InputError for bad input (including
// demand that cannot be routed) and prints the result on stdout.
void add_assign_command(CLI::App& app);

}  // namespace landbridge::app
