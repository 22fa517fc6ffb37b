// The MPI plugin (liblandbridge_mpi.so): ProcessGroup over MPI_COMM_WORLD. Loaded by
// sweep/parallel.cpp only when an MPI launcher started the process.
#include <mpi.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "sweep/parallel.hpp"

namespace landbridge::sweep {
namespace {

class MpiProcessGroup final : public ProcessGroup {
 public:
  MpiProcessGroup(int* argc, char*** argv) {
    int initialized = 0;
    MPI_Initialized(&initialized);
    // Ranks waiting at a gather yield the core instead of spinning: a sample can take seconds, and
    // ranks may share cores (overwrite=0 keeps a user's own setting).
    setenv("OMPI_MCA_mpi_yield_when_idle", "1", 0);
    // Worker threads never call MPI; the thread that opened the group does all the talking.
    int provided = 0;
    if (initialized == 0) MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm local;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &local);
    MPI_Comm_size(local, &local_size_);
    MPI_Comm_free(&local);
  }
  ~MpiProcessGroup() override {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (finalized == 0) MPI_Finalize();
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int local_size() const override { return local_size_; }

  std::vector<std::string> gather(const std::string& mine) override {
    // Sizes first, then the bytes (MPI counts are int: one message stays under 2 GiB, which the
    // sweep's rounds keep far away from).
    const int count = static_cast<int>(mine.size());
    std::vector<int> counts(rank_ == 0 ? static_cast<std::size_t>(size_) : 0);
    MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<int> offsets(counts.size(), 0);
    std::string all;
    if (rank_ == 0) {
      std::int64_t total = 0;
      for (std::size_t r = 0; r < counts.size(); ++r) offsets[r] = static_cast<int>(total), total += counts[r];
      all.resize(static_cast<std::size_t>(total));
    }
    MPI_Gatherv(mine.data(), count, MPI_BYTE, all.data(), counts.data(), offsets.data(), MPI_BYTE, 0, MPI_COMM_WORLD);
    std::vector<std::string> out;
    for (std::size_t r = 0; r < counts.size(); ++r)
      out.push_back(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(counts[r])));
    return out;
  }

  std::string broadcast(const std::string& value) override {
    std::uint64_t size = value.size();
    MPI_Bcast(&size, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    std::string out = rank_ == 0 ? value : std::string(size, '\0');
    MPI_Bcast(out.data(), static_cast<int>(size), MPI_BYTE, 0, MPI_COMM_WORLD);
    return out;
  }

  void send(int to, const std::string& bytes) override {
    MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, work_tag, MPI_COMM_WORLD);
  }

  std::optional<Message> poll() override {
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, work_tag, MPI_COMM_WORLD, &arrived, &status);
    if (arrived == 0) return std::nullopt;
    const int from = status.MPI_SOURCE;
    return Message{from, receive_probed(status)};
  }

  [[noreturn]] void abort(int status) override {
    MPI_Abort(MPI_COMM_WORLD, status);
    std::exit(status);
  }

  std::string describe() const override { return std::to_string(size_) + (size_ == 1 ? " MPI rank" : " MPI ranks"); }

 private:
  static constexpr int work_tag = 7;  // point-to-point messages; the collectives use their own matching

  std::string receive_probed(const MPI_Status& status) {
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    std::string bytes(static_cast<std::size_t>(count), '\0');
    MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, work_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return bytes;
  }

  int rank_ = 0, size_ = 1, local_size_ = 1;
};

}  // namespace
}  // namespace landbridge::sweep

extern "C" __attribute__((visibility("default"))) landbridge::sweep::ProcessGroup* landbridge_mpi_open(int* argc, char*** argv) {
  return new landbridge::sweep::MpiProcessGroup(argc, argv);
}
