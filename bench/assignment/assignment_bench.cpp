// bench/assignment/assignment_bench.cpp: wall time to a relative gap and peak RSS of `landbridge traffic`,
// per TNTP network, method, target gap and thread count. Each case runs the command-line program in a
// child process, like tap-b's published figures: start-up, reading the files, solving and writing the link
// flows (--out) all count, and the peak RSS (wait4) is the program's own. Usage: assignment_bench
// [--networks ...] [--methods ...] [--gaps ...] [--threads ...] [--max-seconds S] [--repeat N] [--binary PATH]
// (docs/assignment.md, "Benchmark").
#include "assignment/tntp.hpp"
#include "assignment/vdf.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

namespace asg = landbridge::assignment;
namespace fs = std::filesystem;

struct Network {
  std::string name;
  double toll_factor = 0, distance_factor = 0;
};

const std::map<std::string, Network> known_networks = {
    {"SiouxFalls", {"SiouxFalls", 0, 0}},         {"Anaheim", {"Anaheim", 0, 0}},
    {"ChicagoSketch", {"ChicagoSketch", 0.02, 0.04}}, {"Barcelona", {"Barcelona", 0, 0}},
    {"Winnipeg", {"Winnipeg", 0, 0}},             {"BerlinCenter", {"BerlinCenter", 0, 0}}};

struct Run {
  bool ok = false;
  double wall = 0, cpu = 0;
  long peak_kib = 0;
  nlohmann::json summary;
  std::string error;
};

// Runs the program with args, stdout captured; wall time from fork to exit.
Run run_program(const std::string& binary, const std::vector<std::string>& args) {
  Run run;
  int fds[2];
  if (pipe(fds) != 0) return run;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  char buffer[65536];
  ssize_t got = 0;
  while ((got = read(fds[0], buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(got));
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  run.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
            1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  run.peak_kib = usage.ru_maxrss;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    run.error = fmt::format("exit status {}", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return run;
  }
  try {
    run.summary = nlohmann::json::parse(out);
    run.ok = true;
  } catch (const std::exception& e) {
    run.error = e.what();
  }
  return run;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t comma = std::min(s.find(',', start), s.size());
    if (comma > start) parts.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Wall time to relative gap and peak RSS of `landbridge traffic` per TNTP network and method"};
  std::string networks = "SiouxFalls,Anaheim,ChicagoSketch,Barcelona,Winnipeg";
  std::string methods = "bush,bfw,cfw,fw";
  std::string gaps = "1e-4,1e-6";
  std::string threads = "1";
  std::string binary = LANDBRIDGE_BINARY;
  double max_seconds = 60;
  int repeat = 3;
  app.add_option("--networks", networks, "Comma-separated folder names under shared/data/tntp")->capture_default_str();
  app.add_option("--methods", methods, "Comma-separated: fw,cfw,bfw,bush")->capture_default_str();
  app.add_option("--gaps", gaps, "Comma-separated target relative gaps")->capture_default_str();
  app.add_option("--threads", threads, "Comma-separated thread counts (landbridge traffic --threads)")
      ->capture_default_str();
  app.add_option("--max-seconds", max_seconds, "Solver time limit per case")->capture_default_str();
  app.add_option("--repeat", repeat, "Runs per case; the median wall time is reported")->capture_default_str();
  app.add_option("--binary", binary, "The landbridge program")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const fs::path out_dir = fs::temp_directory_path() / fmt::format("landbridge-bench-{}", getpid());
  std::printf("| network | method | target gap | threads | status | iterations | reached gap | wall s (median) | "
              "wall s (min) | solve s | CPU s | peak RSS MiB | Beckmann rel. diff vs best-known |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::fflush(stdout);
  int failures = 0;
  for (const auto& network_name : split(networks)) {
    const auto net_it = known_networks.find(network_name);
    const Network net = net_it != known_networks.end() ? net_it->second : Network{network_name, 0, 0};
    const fs::path dir = fs::path(LANDBRIDGE_SHARED_DIR) / "data" / "tntp" / net.name;
    // The best-known solution's Beckmann objective, computed here (outside the timed runs).
    double best_objective = 0;
    bool has_best = false;
    try {
      asg::TntpNetwork network = asg::read_tntp_directory(dir);
      network.problem.toll_factor = net.toll_factor;
      network.problem.distance_factor = net.distance_factor;
      if (!network.flow_file.empty()) {
        best_objective = asg::LinkCostModel(network.problem).beckmann(asg::read_tntp_flow(network.flow_file, network));
        has_best = true;
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: %s\n", network_name.c_str(), e.what());
      return 2;
    }
    for (const auto& method : split(methods)) {
      for (const auto& gap : split(gaps)) {
        for (const auto& thread_count : split(threads)) {
          std::vector<std::string> args = {"traffic", "--tntp", dir.string(), "--method", method, "--gap", gap,
                                            "--max-seconds", fmt::format("{}", max_seconds), "--toll-factor",
                                            fmt::format("{}", net.toll_factor), "--distance-factor",
                                            fmt::format("{}", net.distance_factor), "--format", "json", "--out",
                                            out_dir.string()};
          if (thread_count != "1") {
            args.push_back("--threads");
            args.push_back(thread_count);
          }
          std::vector<Run> runs;
          for (int r = 0; r < repeat; ++r) {
            runs.push_back(run_program(binary, args));
            if (!runs.back().ok || runs.back().summary["status"] != "converged") break;  // one run is enough
          }
          if (!runs.back().ok) {
            std::printf("| %s | %s | %s | %s | failed: %s | | | | | | | | |\n", network_name.c_str(), method.c_str(),
                        gap.c_str(), thread_count.c_str(), runs.back().error.c_str());
            ++failures;
            continue;
          }
          std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.wall < b.wall; });
          const Run& median = runs[runs.size() / 2];
          long peak = 0;
          for (const Run& r : runs) peak = std::max(peak, r.peak_kib);
          const auto& s = median.summary;
          const double objective = s["beckmann_objective"].get<double>();
          std::printf("| %s | %s | %s | %s | %s | %d | %.2e | %.3f | %.3f | %.3f | %.3f | %.1f | %s |\n",
                      network_name.c_str(), method.c_str(), gap.c_str(), thread_count.c_str(),
                      s["status"].get<std::string>().c_str(), s["iterations"].get<int>(),
                      s["relative_gap"].get<double>(), median.wall, runs.front().wall, s["seconds"].get<double>(),
                      median.cpu, static_cast<double>(peak) / 1024.0,
                      has_best ? fmt::format("{:.1e}", (objective - best_objective) / best_objective).c_str() : "n/a");
          std::fflush(stdout);
        }
      }
    }
  }
  fs::remove_all(out_dir);
  return failures == 0 ? 0 : 1;
}
