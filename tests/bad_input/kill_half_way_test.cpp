// A run killed with SIGKILL half-way leaves the previous outputs as they were (common/atomic_file,
// docs/reliability.md). Killed while computing: nothing in the output folder changes. Killed while
// writing (the moment its temporary file appears, found with inotify): each output is either the
// previous file or the complete new one, never a mix, and the partial text is only in a hidden
// temporary file ".<name>.tmp.XXXXXX", which no reader takes for output. A command that writes
// several files renames them one after the other, so a run killed between two renames leaves some
// files new and some old (each one whole); that is documented, and checked here too.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "support/run_command.hpp"
#include "support/temp_folder.hpp"

namespace landbridge {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Starts landbridge with these arguments, output to /dev/null.
pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string binary = LANDBRIDGE_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copies = args;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// Kills the process and reaps it; true if it was still running (so the kill is what ended it).
bool kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// Reports files created in a folder (inotify), so a writer can be killed the moment it starts one.
class FolderWatch {
 public:
  explicit FolderWatch(const fs::path& folder) : fd_(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {
    ::inotify_add_watch(fd_, folder.c_str(), IN_CREATE);
  }
  ~FolderWatch() { ::close(fd_); }
  // Waits until the n-th (1-based) created file whose name starts with "." appears; false on timeout.
  bool wait_for_temporary(int n, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (seen_ < n) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      alignas(inotify_event) char buffer[4096];
      const ssize_t n_read = ::read(fd_, buffer, sizeof buffer);
      for (ssize_t at = 0; at < n_read;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        if (event->len > 0 && event->name[0] == '.') ++seen_;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
    return true;
  }

 private:
  int fd_;
  int seen_ = 0;
};

std::map<std::string, std::string> visible_files(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name[0] != '.') files[name] = testing::read_text(entry.path());
  }
  return files;
}

std::vector<std::string> hidden_files(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name[0] == '.') names.push_back(name);
  }
  return names;
}

// `table` writing a matrix of 1000 x 1000 cells (about 6 MB) to one file.
TEST(KillHalfWay, TableKilledWhileWritingLeavesThePreviousFile) {
  testing::TempFolder scratch;
  std::string names = "CNAAA";
  for (int i = 1; i < 1000; ++i) names += i % 2 ? ",DEDUI" : ",CNAAA";
  const std::string network = fs::path(LANDBRIDGE_TEST_DATA_DIR) / "tiny";
  auto args = [&](const fs::path& out) {
    return std::vector<std::string>{"table", "--network", network, "--from", names, "--to", names, "--format", "csv", "--out", out};
  };
  // The complete answer, for runs whose kill lands after the rename.
  const fs::path reference = scratch.path() / "reference" / "table.csv";
  fs::create_directories(reference.parent_path());
  const pid_t full = spawn(args(reference));
  int status = 0;
  ::waitpid(full, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const std::string complete = testing::read_text(reference);
  ASSERT_GT(complete.size(), 1'000'000u);

  const fs::path folder = scratch.path() / "out";
  fs::create_directories(folder);
  const std::string previous = "previous output\n";
  int killed_while_writing = 0;
  for (int attempt = 0; attempt < 5 && killed_while_writing == 0; ++attempt) {
    for (const auto& name : hidden_files(folder)) fs::remove(folder / name);
    testing::write_text(folder / "table.csv", previous);
    FolderWatch watch(folder);
    const pid_t pid = spawn(args(folder / "table.csv"));
    const bool writing = watch.wait_for_temporary(1, std::chrono::seconds(60));
    kill_and_reap(pid);  // may come after the rename, or even after the end: then the output is complete
    ASSERT_TRUE(writing) << "no temporary file appeared";
    const auto files = visible_files(folder);
    ASSERT_EQ(files.size(), 1u) << "a visible file other than the output appeared";
    const std::string& now = files.at("table.csv");
    if (now == previous) {
      ++killed_while_writing;
      EXPECT_EQ(hidden_files(folder).size(), 1u) << "the partial text is in one hidden temporary file";
    } else {
      EXPECT_EQ(now, complete) << "the output is neither the previous file nor the complete new one";
    }
  }
  EXPECT_EQ(killed_while_writing, 1) << "every kill landed after the rename: the test did not kill a writer";
}

// `traffic --tntp` on Barcelona (1,020 nodes, 2,522 links), killed while solving and while writing
// each of its two files.
TEST(KillHalfWay, AssignKilledWhileSolvingOrWritingLeavesWholeFiles) {
  const fs::path network = fs::path(LANDBRIDGE_SHARED_DIR) / "data" / "tntp" / "Barcelona";
  ASSERT_TRUE(fs::is_directory(network)) << network << " is missing (../shared/data/tntp)";
  testing::TempFolder scratch;
  auto args = [&](const fs::path& out) {
    return std::vector<std::string>{"traffic", "--tntp", network, "--method", "fw", "--gap", "1e-15", "--max-iter",
                                    LANDBRIDGE_KILL_TEST_ITERATIONS, "--out", out};
  };
  const fs::path reference = scratch.path() / "reference";
  fs::create_directories(reference);
  const auto started = Clock::now();
  const pid_t full = spawn(args(reference));
  int status = 0;
  ::waitpid(full, &status, 0);
  const auto run_time = Clock::now() - started;
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const auto complete = visible_files(reference);
  ASSERT_EQ(complete.size(), 2u);  // link_flows.csv, summary.json

  const fs::path folder = scratch.path() / "out";
  fs::create_directories(folder);
  const std::map<std::string, std::string> previous = {{"link_flows.csv", "previous flows\n"},
                                                       {"summary.json", "previous summary\n"}};
  auto reset = [&] {
    for (const auto& name : hidden_files(folder)) fs::remove(folder / name);
    for (const auto& [name, text] : previous) testing::write_text(folder / name, text);
  };

  // While solving (a third of the way): nothing changes, nothing is created.
  reset();
  const pid_t solving = spawn(args(folder));
  std::this_thread::sleep_for(run_time / 3);
  ASSERT_TRUE(kill_and_reap(solving));
  EXPECT_EQ(visible_files(folder), previous);
  EXPECT_TRUE(hidden_files(folder).empty());

  // While writing the first, then the second file: each file is the previous or the complete new one.
  for (int n = 1; n <= 2; ++n) {
    SCOPED_TRACE("killed when temporary file " + std::to_string(n) + " appeared");
    reset();
    FolderWatch watch(folder);
    const pid_t pid = spawn(args(folder));
    ASSERT_TRUE(watch.wait_for_temporary(n, std::chrono::seconds(120)));
    kill_and_reap(pid);
    const auto files = visible_files(folder);
    ASSERT_EQ(files.size(), 2u);
    for (const auto& [name, text] : files) {
      if (name == "summary.json" && text != previous.at(name)) {
        EXPECT_EQ(text.substr(0, 1), "{") << name << " is neither the previous file nor a whole new one";
      } else if (text != previous.at(name)) {
        EXPECT_EQ(text, complete.at(name)) << name << " is neither the previous file nor the complete new one";
      }
    }
    if (n == 1) {
      EXPECT_EQ(files.at("summary.json"), previous.at("summary.json")) << "summary.json is written second";
    }
  }
}

}  // namespace
}  // namespace landbridge
