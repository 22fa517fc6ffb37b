#include "dynamic_twin.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace landbridge::app {
namespace {

struct TwinCommand {
  const char* name;
  const char* description;
};

// Commands left out of the static binary, with their --help line.
constexpr TwinCommand twin_commands[] = {
    {"serve", "HTTP API and web page on the network (docs/api.md)"},
};

// The environment Open MPI, PMIx and PMI launchers give their processes (as sweep/parallel.cpp checks).
bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(variable) != nullptr) return true;
  }
  return false;
}

}  // namespace

void run_dynamic_twin_if_needed(int argc, char** argv) {
  bool needed = launched_by_mpi();
  for (const auto& command : twin_commands) needed = needed || (argc >= 2 && std::strcmp(argv[1], command.name) == 0);
  if (!needed) return;
  char self[PATH_MAX];
  const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
  std::string twin = "landbridge-dyn";
  if (length > 0) {
    const std::string path(self, static_cast<std::size_t>(length));
    twin = path.substr(0, path.rfind('/') + 1) + "landbridge-dyn";
  }
  execv(twin.c_str(), argv);
  std::fprintf(stderr, "landbridge: internal error: cannot run %s (%s), which handles `%s`\n", twin.c_str(),
               std::strerror(errno), argc >= 2 ? argv[1] : "");
  std::exit(3);
}

void add_dynamic_twin_commands(CLI::App& app) {
  for (const auto& command : twin_commands) app.add_subcommand(command.name, command.description);
}

}  // namespace landbridge::app
