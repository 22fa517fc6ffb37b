// app/access_command.hpp: `landbridge access`: delivered cost from production sites to markets,
// with duties by origin, the market potential and the ranking of the sites (docs/access.md).
#pragma once
#include <CLI/CLI.hpp>

namespace landbridge::app {

void add_access_command(CLI::App& app);

}  // namespace landbridge::app
