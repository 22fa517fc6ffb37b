#include "sweep/parallel.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace landbridge::sweep {
namespace {

class SingleProcess final : public ProcessGroup {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  int local_size() const override { return 1; }
  std::vector<std::string> gather(const std::string& mine) override { return {mine}; }
  std::string broadcast(const std::string& value) override { return value; }
  // A single process has nobody to talk to.
  void send(int, const std::string&) override { throw std::logic_error("sweep: send() in a single process"); }
  std::optional<Message> poll() override { return std::nullopt; }
  [[noreturn]] void abort(int status) override { std::exit(status); }
  std::string describe() const override { return "1 process"; }
};

std::filesystem::path executable_folder() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : self.parent_path();
}

}  // namespace

std::unique_ptr<ProcessGroup> single_process() { return std::make_unique<SingleProcess>(); }

bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(variable) != nullptr) return true;
  }
  return false;
}

std::unique_ptr<ProcessGroup> open_process_group(int* argc, char*** argv) {
  if (!launched_by_mpi()) return single_process();
  std::filesystem::path plugin;
  if (const char* given = std::getenv("LANDBRIDGE_MPI_PLUGIN")) plugin = given;
  else plugin = executable_folder() / "liblandbridge_mpi.so";
  // RTLD_GLOBAL: Open MPI's own components, loaded later by the runtime, need libmpi's symbols.
  void* handle = dlopen(plugin.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    throw std::runtime_error("started by an MPI launcher, but the MPI plugin cannot be loaded (" + plugin.string() + ": " +
                             (why != nullptr ? why : "unknown error") +
                             "); build landbridge with libopenmpi-dev installed, or run without mpirun");
  }
  using Open = ProcessGroup* (*)(int*, char***);
  const auto open = reinterpret_cast<Open>(dlsym(handle, "landbridge_mpi_open"));
  if (open == nullptr) throw std::runtime_error("the MPI plugin " + plugin.string() + " has no landbridge_mpi_open");
  return std::unique_ptr<ProcessGroup>(open(argc, argv));
}

}  // namespace landbridge::sweep
