// app/serve_command.hpp: `landbridge serve`: the HTTP API and web page (docs/api.md).
#pragma once
#include <CLI/CLI.hpp>

namespace landbridge::app {

void add_serve_command(CLI::App& app);

}  // namespace landbridge::app
