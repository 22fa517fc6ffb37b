// app/dynamic_twin.hpp: the statically linked `landbridge` hands some runs to landbridge-dyn, the same
// commands linked dynamically, built next to it (cmake/static_cli.cmake says why and when).
#pragma once
#include <CLI/CLI.hpp>

namespace landbridge::app {

// Replaces this process (execv, same arguments) with landbridge-dyn when the command needs shared
// libraries at run time: `serve` (cpp-httplib, OpenSSL), or any run started by an MPI launcher (the
// sweep's Open MPI plugin is loaded with dlopen). Returns when this binary can do the work itself;
// exits with status 3 when landbridge-dyn cannot be started.
void run_dynamic_twin_if_needed(int argc, char** argv);

// Lists those commands in this binary's --help, so it reads like landbridge-dyn's.
void add_dynamic_twin_commands(CLI::App& app);

}  // namespace landbridge::app
