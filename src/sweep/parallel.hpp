// sweep/parallel.hpp: the processes of a sweep. One process by default; under `mpirun -np P
// landbridge sweep ...` the P processes (MPI ranks, Open MPI) split the samples and the root (rank
// 0) gathers the results and writes them. MPI lives in a plugin (liblandbridge_mpi.so, next to the
// executable) loaded only when the process was started by an MPI launcher, so the other
// subcommands never load the MPI runtime.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace landbridge::sweep {

class ProcessGroup {
 public:
  virtual ~ProcessGroup() = default;
  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int size() const = 0;
  // Processes sharing this machine (for the default thread count).
  [[nodiscard]] virtual int local_size() const = 0;
  // Every process sends `mine`; the root receives all of them in rank order, the others nothing.
  [[nodiscard]] virtual std::vector<std::string> gather(const std::string& mine) = 0;
  // The root's `value` on every process.
  [[nodiscard]] virtual std::string broadcast(const std::string& value) = 0;
  // Point to point, for handing out work (sweep/work.cpp). Only the thread that opened the group
  // calls these. send() returns once `bytes` may be reused; poll() returns a message from any
  // process if one has arrived, without waiting.
  virtual void send(int to, const std::string& bytes) = 0;
  struct Message {
    int from = 0;
    std::string bytes;
  };
  [[nodiscard]] virtual std::optional<Message> poll() = 0;
  // Ends every process of the group with this status (after an error on one of them).
  [[noreturn]] virtual void abort(int status) = 0;
  [[nodiscard]] virtual std::string describe() const = 0;  // "1 process", "4 MPI ranks"
  [[nodiscard]] bool is_root() const { return rank() == 0; }
};

// The single-process group.
[[nodiscard]] std::unique_ptr<ProcessGroup> single_process();

// True when an MPI launcher (mpirun, mpiexec, srun with PMIx) started this process.
[[nodiscard]] bool launched_by_mpi();

// The MPI group when launched_by_mpi(), else the single process. Throws std::runtime_error when
// launched by MPI but the plugin cannot be loaded (the build had no libopenmpi-dev).
[[nodiscard]] std::unique_ptr<ProcessGroup> open_process_group(int* argc, char*** argv);

}  // namespace landbridge::sweep

// The plugin's entry point (extern "C" so dlsym finds it by name).
extern "C" landbridge::sweep::ProcessGroup* landbridge_mpi_open(int* argc, char*** argv);
