// `landbridge sweep` as users run it: on the tiny network (fast) for resumption after a kill and
// for MPI ranks (2 and 3 of one thread, 2 of two threads) against one process of 2 threads, bit for
// bit; on the embedded network with its default risk model; bad input.
#include <gtest/gtest.h>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>
#include <vector>

#include "sweep/fixture.hpp"
#include "sweep/store_dump.hpp"

namespace {

namespace fs = std::filesystem;

struct Result {
  int status = -1;
  std::string out, err;
};

fs::path work_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("landbridge-cli-sweep-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

Result run(const std::string& arguments, const std::string& prefix = "") {
  static int counter = 0;
  const fs::path err_path = fs::temp_directory_path() / ("landbridge-cli-sweep-err-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  const std::string command = prefix + std::string(LANDBRIDGE_BINARY) + " " + arguments + " 2>" + err_path.string();
  Result r;
  FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  r.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  fs::remove(err_path);
  return r;
}

std::string tiny_arguments(const fs::path& folder) {
  const fs::path risk = folder / "tiny-risk.toml";
  std::ofstream(risk) << landbridge::sweep::testing::tiny_risk_text;
  const fs::path tiny = landbridge::sweep::testing::tiny_folder;
  return "sweep --network " + tiny.string() + " --demand " + (tiny / "demand.csv").string() + " --parameters " +
         (tiny / "freight-parameters.json").string() + " --risk " + risk.string();
}

long long scalar(const fs::path& db_path, const char* sql) {
  sqlite3* db = nullptr;
  long long value = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
      value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return value;
}

using landbridge::sweep::testing::dump_store;

TEST(SweepCli, KilledHalfWayItResumesWhereItStopped) {
  const fs::path folder = work_folder("kill");
  const std::string arguments = tiny_arguments(folder) + " --samples 6000 --seed 5 --threads 1 --no-criticality";
  const Result whole = run(arguments + " --out " + (folder / "whole").string());
  ASSERT_EQ(whole.status, 0) << whole.err;

  const fs::path db = folder / "killed" / "sweep.sqlite";
  const pid_t child = ::fork();
  if (child == 0) {
    const std::string command = std::string(LANDBRIDGE_BINARY) + " " + arguments + " --out " + (folder / "killed").string() + " >/dev/null 2>&1";
    ::execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  // Kill it once some batches are committed and before it ends.
  long long stored = 0;
  for (int i = 0; i < 6000 && stored < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (fs::exists(db)) stored = scalar(db, "SELECT count(*) FROM samples");
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the sweep ended before it could be killed; make it longer";
  const long long kept = scalar(db, "SELECT count(*) FROM samples");
  EXPECT_GT(kept, 0);
  EXPECT_LT(kept, 6000);
  // Nothing half-written: every stored sample has all its rows (a batch is one transaction).
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM sample_disruptions WHERE sample NOT IN (SELECT sample FROM samples)"), 0);

  const Result resumed = run(arguments + " --out " + (folder / "killed").string());
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_NE(resumed.err.find(std::to_string(6000 - kept) + " new samples"), std::string::npos) << resumed.err;
  EXPECT_EQ(dump_store(folder / "whole" / "sweep.sqlite"), dump_store(db));
  EXPECT_TRUE(fs::exists(folder / "killed" / "report.html"));
  fs::remove_all(folder);
}

TEST(SweepCli, StopAfterThenContinue) {
  const fs::path folder = work_folder("stop");
  const std::string arguments = tiny_arguments(folder) + " --samples 300 --seed 8 --out " + (folder / "out").string();
  const Result first = run(arguments + " --stop-after 120");
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_NE(first.err.find("run the same command again to continue"), std::string::npos) << first.err;
  EXPECT_FALSE(fs::exists(folder / "out" / "report.html"));
  EXPECT_EQ(scalar(folder / "out" / "sweep.sqlite", "SELECT count(*) FROM samples"), 120);
  const Result second = run(arguments + " --format json");
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_NE(second.out.find("\"samples\": 300"), std::string::npos);
  EXPECT_EQ(scalar(folder / "out" / "sweep.sqlite", "SELECT count(*) FROM samples"), 300);
  for (const char* file : {"summary.json", "percentiles.csv", "criticality.csv", "report.html"}) EXPECT_TRUE(fs::exists(folder / "out" / file)) << file;
  // A different seed may not write into this store.
  const Result other = run(tiny_arguments(folder) + " --samples 300 --seed 9 --out " + (folder / "out").string());
  EXPECT_EQ(other.status, 2);
  EXPECT_NE(other.err.find("holds another sweep (seed = 8, this run has 9)"), std::string::npos) << other.err;
  fs::remove_all(folder);
}

TEST(SweepCli, MpiRanksGiveTheSingleProcessResultsBitForBit) {
  ASSERT_EQ(std::system("command -v mpirun >/dev/null 2>&1"), 0) << "mpirun is missing (openmpi-bin: scripts/install-deps.sh)";
  const fs::path folder = work_folder("mpi");
  const std::string arguments = tiny_arguments(folder) + " --samples 500 --seed 21";
  const Result single = run(arguments + " --threads 2 --out " + (folder / "single").string());
  ASSERT_EQ(single.status, 0) << single.err;
  // 2 and 3 ranks of one thread, and 2 ranks of 2 threads.
  for (const auto& [ranks, threads] : std::vector<std::pair<std::string, std::string>>{{"2", "1"}, {"3", "1"}, {"2", "2"}}) {
    const std::string out = (folder / ("mpi" + ranks + "x" + threads)).string();
    // The MPI runtime's own allocations outlive MPI_Finalize: not ours to report in a sanitizer build.
    const char* asan = std::getenv("ASAN_OPTIONS");
    const std::string environment = "ASAN_OPTIONS='" + std::string(asan != nullptr ? asan : "") + ":detect_leaks=0' ";
    const Result mpi = run(arguments + " --threads " + threads + " --out " + out,
                           environment + "mpirun --allow-run-as-root --oversubscribe -np " + ranks + " ");
    ASSERT_EQ(mpi.status, 0) << mpi.err;
    EXPECT_NE(mpi.err.find(ranks + " MPI ranks x " + threads + " threads"), std::string::npos) << mpi.err;
    EXPECT_EQ(dump_store(folder / "single" / "sweep.sqlite"), dump_store(fs::path(out) / "sweep.sqlite")) << ranks << " ranks";
    // The same tables on stdout, but for the folder named at the end.
    EXPECT_EQ(single.out.substr(0, single.out.find("\nwrote ")), mpi.out.substr(0, mpi.out.find("\nwrote ")));
  }
  fs::remove_all(folder);
}

TEST(SweepCli, TheEmbeddedNetworkWithItsDefaultRiskModel) {
  const fs::path folder = work_folder("eurasia");
  const Result r = run("sweep --samples 4 --seed 1 --out " + folder.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Shippers' expected cost (logsum)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Red Sea closed (Bab-el-Mandeb)"), std::string::npos) << r.out;
  EXPECT_EQ(scalar(folder / "sweep.sqlite", "SELECT count(*) FROM criticality"), scalar(folder / "sweep.sqlite", "SELECT count(*) FROM elements"));
  // The Red Sea closing costs the shippers more than any crossing closing.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((folder / "sweep.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT name FROM criticality_ranking WHERE rank = 1", -1, &statement, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)), "bab-el-mandeb");
  sqlite3_finalize(statement);
  sqlite3_close(db);
  fs::remove_all(folder);
}

TEST(SweepCli, BadInputIsRefusedWithFileLineAndKey) {
  const fs::path folder = work_folder("bad");
  const fs::path risk = folder / "bad.toml";
  std::ofstream(risk) << "name = \"bad\"\n[[element]]\nname = \"x\"\ncrossing = \"T-NOWHERE\"\nprobability = 0.1\nduration_days = 5\n";
  Result r = run("sweep --risk " + risk.string() + " --samples 3 --out " + (folder / "out").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bad.toml: line 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("T-NOWHERE"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(folder / "out"));
  r = run("sweep --samples 0");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--samples"), std::string::npos) << r.err;
  r = run("sweep --samples 1000000000000");
  EXPECT_EQ(r.status, 2);
  r = run("sweep --risk " + (folder / "missing.toml").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("missing.toml"), std::string::npos) << r.err;
  fs::remove_all(folder);
}

}  // namespace
