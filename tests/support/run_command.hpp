// tests/support/run_command.hpp: runs the landbridge command (LANDBRIDGE_BINARY) and collects its status and output.
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/temp_folder.hpp"

namespace landbridge::testing {

struct CommandResult {
  bool exited = false;  // false: killed by a signal (a crash)
  int status = -1;      // exit status when exited
  std::string out, err;
};

// Runs `landbridge ARGS` through the shell with stdout and stderr captured in files next to `scratch`.
inline CommandResult run_landbridge(const std::string& args, const std::filesystem::path& scratch) {
  const std::filesystem::path out = scratch.parent_path() / (scratch.filename().string() + ".stdout");
  const std::filesystem::path err = scratch.parent_path() / (scratch.filename().string() + ".stderr");
  const std::string command = std::string(LANDBRIDGE_BINARY) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exited = WIFEXITED(status);
  result.status = result.exited ? WEXITSTATUS(status) : -1;
  result.out = read_text(out);
  result.err = read_text(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

}  // namespace landbridge::testing
