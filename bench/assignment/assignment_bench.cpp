// bench/assignment/assignment_bench.cpp: wall time to a relative gap, per TNTP network and method, with peak RSS.
// Each case runs in a forked child (so peak RSS is the case's own) and is timed like tap-b: reading the
// files, solving, and writing the link flows. Usage: assignment_bench [--networks ...] [--methods ...]
// [--gaps ...] [--max-seconds S] [--repeat N]   (docs/assignment.md, "Benchmark").
#include "assignment/assign.hpp"
#include "assignment/output.hpp"
#include "assignment/tntp.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

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

struct Network {
  std::string name;
  double toll_factor = 0, distance_factor = 0;
};

const std::map<std::string, Network> known_networks = {
    {"SiouxFalls", {"SiouxFalls", 0, 0}},         {"Anaheim", {"Anaheim", 0, 0}},
    {"ChicagoSketch", {"ChicagoSketch", 0.02, 0.04}}, {"Barcelona", {"Barcelona", 0, 0}},
    {"Winnipeg", {"Winnipeg", 0, 0}},             {"BerlinCenter", {"BerlinCenter", 0, 0}}};

const std::map<std::string, asg::Method> known_methods = {{"fw", asg::Method::frank_wolfe},
                                                          {"cfw", asg::Method::conjugate_frank_wolfe},
                                                          {"bfw", asg::Method::biconjugate_frank_wolfe},
                                                          {"bush", asg::Method::bush}};

struct Outcome {
  double seconds = 0, solve_seconds = 0, gap = 0, objective_rel_diff = 0;
  std::uint32_t iterations = 0;
  int status = 0;
  int has_best = 0;
};

// The timed work of one case, in the child process.
Outcome run_case(const Network& net, asg::Method method, double gap, double max_seconds, const std::string& out_dir) {
  const auto start = std::chrono::steady_clock::now();
  const auto dir = std::filesystem::path(LANDBRIDGE_SHARED_DIR) / "data" / "tntp" / net.name;
  asg::TntpNetwork network = asg::read_tntp_directory(dir);
  network.problem.toll_factor = net.toll_factor;
  network.problem.distance_factor = net.distance_factor;
  asg::AssignmentOptions options;
  options.method = method;
  options.relative_gap = gap;
  options.max_seconds = max_seconds;
  const asg::AssignmentResult result = asg::assign(network.problem, options);
  asg::write_outputs(out_dir, result, network.problem, options, {});
  Outcome o;
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.solve_seconds = result.seconds;
  o.gap = result.relative_gap;
  o.iterations = result.iterations;
  o.status = static_cast<int>(result.status);
  if (!network.flow_file.empty()) {  // outside the timed part
    const auto best = asg::read_tntp_flow(network.flow_file, network);
    const double b = asg::LinkCostModel(network.problem).beckmann(best);
    o.objective_rel_diff = (result.beckmann_objective - b) / b;
    o.has_best = 1;
  }
  return o;
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
  CLI::App app{"Time to relative gap per TNTP network and assignment method"};
  std::string networks = "SiouxFalls,Anaheim,ChicagoSketch,Barcelona,Winnipeg";
  std::string methods = "bush,bfw,cfw,fw";
  std::string gaps = "1e-4,1e-6";
  double max_seconds = 60;
  int repeat = 3;
  app.add_option("--networks", networks, "Comma-separated folder names under shared/data/tntp")->capture_default_str();
  app.add_option("--methods", methods, "Comma-separated: fw,cfw,bfw,bush")->capture_default_str();
  app.add_option("--gaps", gaps, "Comma-separated target relative gaps")->capture_default_str();
  app.add_option("--max-seconds", max_seconds, "Solver time limit per case")->capture_default_str();
  app.add_option("--repeat", repeat, "Runs per case; the fastest is reported")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const auto out_dir = std::filesystem::temp_directory_path() / fmt::format("landbridge-bench-{}", getpid());
  std::printf("| network | method | target gap | status | iterations | reached gap | wall s (read+solve+write) | "
              "solve s | child CPU s | peak RSS MiB | Beckmann rel. diff vs best-known |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& network_name : split(networks)) {
    const auto net_it = known_networks.find(network_name);
    const Network net = net_it != known_networks.end() ? net_it->second : Network{network_name, 0, 0};
    for (const auto& method_name : split(methods)) {
      const auto method_it = known_methods.find(method_name);
      if (method_it == known_methods.end()) {
        std::fprintf(stderr, "unknown method %s\n", method_name.c_str());
        return 1;
      }
      for (const auto& gap_text : split(gaps)) {
        const double gap = std::stod(gap_text);
        Outcome best{};
        long peak_kib = 0;
        double cpu_seconds = 0;
        bool ok = true;
        for (int r = 0; r < repeat && ok; ++r) {
          int fds[2];
          if (pipe(fds) != 0) return 3;
          const pid_t pid = fork();
          if (pid == 0) {
            close(fds[0]);
            Outcome o{};
            try {
              o = run_case(net, method_it->second, gap, max_seconds, out_dir.string());
            } catch (const std::exception& e) {
              std::fprintf(stderr, "%s: %s\n", network_name.c_str(), e.what());
              _exit(2);
            }
            const ssize_t written = write(fds[1], &o, sizeof o);
            _exit(written == static_cast<ssize_t>(sizeof o) ? 0 : 3);
          }
          close(fds[1]);
          Outcome o{};
          const ssize_t got = read(fds[0], &o, sizeof o);
          close(fds[0]);
          int wstatus = 0;
          rusage usage{};
          wait4(pid, &wstatus, 0, &usage);
          if (got != static_cast<ssize_t>(sizeof o) || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
            ok = false;
            break;
          }
          peak_kib = std::max(peak_kib, usage.ru_maxrss);
          // CPU time of the whole child (includes reading the best-known flows, untimed in wall s).
          const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                             1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
          if (r == 0 || o.seconds < best.seconds) {
            best = o;
            cpu_seconds = cpu;
          }
          if (o.status != 0) break;  // did not converge: one run is enough
        }
        if (!ok) {
          std::printf("| %s | %s | %s | failed | | | | | | | |\n", network_name.c_str(), method_name.c_str(),
                      gap_text.c_str());
          continue;
        }
        std::printf("| %s | %s | %s | %s | %u | %.2e | %.3f | %.3f | %.3f | %.1f | %s |\n", network_name.c_str(),
                    method_name.c_str(), gap_text.c_str(),
                    std::string(asg::status_name(static_cast<asg::AssignmentStatus>(best.status))).c_str(),
                    best.iterations, best.gap, best.seconds, best.solve_seconds, cpu_seconds,
                    static_cast<double>(peak_kib) / 1024.0,
                    best.has_best ? fmt::format("{:.1e}", best.objective_rel_diff).c_str() : "n/a");
        std::fflush(stdout);
      }
    }
  }
  std::filesystem::remove_all(out_dir);
  return 0;
}
