// app/route_commands.hpp: the routing subcommands: route, table, nodes, validate.
#pragma once
#include <CLI/CLI.hpp>

namespace landbridge::app {

void add_route_command(CLI::App& app);
void add_table_command(CLI::App& app);
void add_nodes_command(CLI::App& app);
void add_validate_command(CLI::App& app);

}  // namespace landbridge::app
