// app/main.cpp: the landbridge command. Each subcommand parses its options and calls the library;
// errors map to exit codes (0 ok, 1 usage, 2 bad input, 3 internal error).
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "access_command.hpp"
#include "common/input_error.hpp"
#include "disrupt_command.hpp"
#include "freight_commands.hpp"
#include "route_commands.hpp"
#include "scenario_commands.hpp"
#include "serve_command.hpp"
#include "sweep_command.hpp"
#include "traffic_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"landbridge: routes, costs and capacity of China-Europe freight corridors"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "landbridge 0.1.0");
  landbridge::app::add_route_command(app);
  landbridge::app::add_table_command(app);
  landbridge::app::add_nodes_command(app);
  landbridge::app::add_validate_command(app);
  landbridge::app::add_assign_command(app);
  landbridge::app::add_calibrate_command(app);
  landbridge::app::add_scenarios_command(app);
  landbridge::app::add_compare_command(app);
  landbridge::app::add_history_command(app);
  landbridge::app::add_sweep_command(app);
  landbridge::app::add_disrupt_command(app);
  landbridge::app::add_access_command(app);
  landbridge::app::add_traffic_command(app);
  landbridge::app::add_serve_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return landbridge::exit_usage;
  } catch (const landbridge::InputError& e) {
    std::fprintf(stderr, "landbridge: %s\n", e.what());
    return landbridge::exit_bad_input;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "landbridge: internal error: %s\n", e.what());
    return landbridge::exit_internal;
  }
  return landbridge::exit_ok;
}
