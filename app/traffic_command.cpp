// app/traffic_command.cpp: `landbridge traffic`: parse options into a config, validate, call the assignment library, print.
#include "traffic_command.hpp"

#include "assignment/assign.hpp"
#include "assignment/output.hpp"
#include "assignment/tntp.hpp"
#include "common/input_error.hpp"

#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

namespace landbridge::app {
namespace {

namespace asg = landbridge::assignment;

struct TrafficConfig {
  std::string tntp_dir;
  std::string method = "bush";
  std::string objective = "ue";
  double gap = 1e-4;
  std::uint32_t max_iterations = 100000;
  double max_seconds = 3600;
  unsigned threads = 1;
  std::optional<double> toll_factor, distance_factor;
  std::string vdf = "bpr";
  asg::VdfChoice vdf_choice;
  std::string format = "table";
  std::string out_dir;

  void validate() const {
    if (!(gap > 0)) throw InputError("", "", "--gap", fmt::format("expected a number > 0, got {}", gap));
    if (!(max_seconds > 0)) {
      throw InputError("", "", "--max-seconds", fmt::format("expected a number > 0, got {}", max_seconds));
    }
    if (max_iterations == 0) throw InputError("", "", "--max-iter", "expected a whole number >= 1, got 0");
    for (const auto& [flag, factor] : {std::pair{"--toll-factor", toll_factor}, std::pair{"--distance-factor", distance_factor}}) {
      if (factor && !(*factor >= 0 && std::isfinite(*factor))) {
        throw InputError("", "", flag, fmt::format("expected a number >= 0, got {}", *factor));
      }
    }
    if (threads < 1 || threads > 1024) {
      throw InputError("", "", "--threads", fmt::format("expected a whole number from 1 to 1024, got {}", threads));
    }
  }
};

void run_traffic_assignment(const TrafficConfig& config) {
  config.validate();
  asg::TntpNetwork network = asg::read_tntp_directory(config.tntp_dir);
  if (config.toll_factor) network.problem.toll_factor = *config.toll_factor;
  if (config.distance_factor) network.problem.distance_factor = *config.distance_factor;
  static const std::map<std::string, asg::VdfKind> vdfs = {
      {"bpr", asg::VdfKind::bpr}, {"conical", asg::VdfKind::conical}, {"akcelik", asg::VdfKind::akcelik}};
  asg::VdfChoice vdf = config.vdf_choice;
  vdf.kind = vdfs.at(config.vdf);
  asg::apply_vdf(network.problem, vdf);

  static const std::map<std::string, asg::Method> methods = {{"aon", asg::Method::all_or_nothing},
                                                             {"fw", asg::Method::frank_wolfe},
                                                             {"cfw", asg::Method::conjugate_frank_wolfe},
                                                             {"bfw", asg::Method::biconjugate_frank_wolfe},
                                                             {"bush", asg::Method::bush}};
  asg::AssignmentOptions options;
  options.method = methods.at(config.method);
  options.objective = config.objective == "so" ? asg::Objective::system_optimum : asg::Objective::user_equilibrium;
  options.relative_gap = config.gap;
  options.max_iterations = config.max_iterations;
  options.max_seconds = config.max_seconds;
  options.threads = config.threads;
  if (isatty(STDERR_FILENO) != 0) {
    options.progress = [](const asg::IterationReport& report) {
      std::fprintf(stderr, "iteration %5u  gap %.3e  objective %.12g  %.2f s\n", report.iteration,
                   report.relative_gap, report.objective, report.seconds);
    };
  }

  const asg::AssignmentResult result = asg::assign(network.problem, options);
  if (result.status == asg::AssignmentStatus::unroutable_demand) {
    throw InputError(network.trips_file.string(), "", "", asg::unroutable_problem(result.unroutable));
  }

  asg::OutputLabels labels;
  labels.network = std::filesystem::path(config.tntp_dir).filename().string();
  if (labels.network.empty()) labels.network = std::filesystem::path(config.tntp_dir).parent_path().filename().string();
  if (!config.out_dir.empty()) asg::write_outputs(config.out_dir, result, network.problem, options, labels);
  if (config.format == "json") {
    const bool with_links = config.out_dir.empty();
    std::fputs((asg::to_json(result, network.problem, options, labels, with_links).dump(2) + "\n").c_str(), stdout);
  } else {
    std::fputs(asg::to_table(result, options, labels).c_str(), stdout);
  }
  std::fflush(stdout);
}

}  // namespace

void add_traffic_command(CLI::App& app) {
  auto config = std::make_shared<TrafficConfig>();
  CLI::App* command = app.add_subcommand(
      "traffic", "Road traffic assignment (user equilibrium or system optimum) on a TNTP network (docs/assignment.md)");
  command->add_option("--tntp", config->tntp_dir, "Folder with *_net.tntp and *_trips.tntp")->required();
  command->add_option("--method", config->method, "fw, cfw, bfw, bush (Algorithm B) or aon")
      ->check(CLI::IsMember({"aon", "fw", "cfw", "bfw", "bush"}))
      ->capture_default_str();
  command->add_option("--objective", config->objective, "ue (user equilibrium) or so (system optimum)")
      ->check(CLI::IsMember({"ue", "so"}))
      ->capture_default_str();
  command->add_option("--gap", config->gap, "Stop at this relative gap (TSTT - SPTT) / TSTT")->capture_default_str();
  command->add_option("--max-iter", config->max_iterations, "Iteration limit")->capture_default_str();
  command->add_option("--max-seconds", config->max_seconds, "Wall-time limit of the solver, seconds")
      ->capture_default_str();
  command->add_option("--threads", config->threads,
                      "Threads for Algorithm B's shortest paths (same result for any count)")
      ->capture_default_str();
  command->add_option("--toll-factor", config->toll_factor,
                      "Time units per toll unit in the generalized cost (default: <TOLL FACTOR> or 0)");
  command->add_option("--distance-factor", config->distance_factor,
                      "Time units per length unit in the generalized cost (default: <DISTANCE FACTOR> or 0)");
  command->add_option("--vdf", config->vdf,
                      "Volume-delay function of the congestible links: bpr (the file's), conical (Spiess) or akcelik")
      ->check(CLI::IsMember({"bpr", "conical", "akcelik"}))
      ->capture_default_str();
  command->add_option("--conical-alpha", config->vdf_choice.conical_alpha, "--vdf conical: alpha > 1 (slope of t/fft at capacity)")
      ->capture_default_str();
  command->add_option("--akcelik-j", config->vdf_choice.akcelik_j, "--vdf akcelik: delay parameter J > 0")
      ->capture_default_str();
  command->add_option("--akcelik-period", config->vdf_choice.akcelik_period_hours,
                      "--vdf akcelik: flow period T in hours (capacities are per hour)")
      ->capture_default_str();
  command->add_option("--time-units-per-hour", config->vdf_choice.time_units_per_hour,
                      "--vdf akcelik: the network's time units in an hour (60: times in minutes)")
      ->capture_default_str();
  command->add_option("--format", config->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command->add_option("--out", config->out_dir, "Write link_flows.csv and summary.json into this folder");
  command->callback([config] { run_traffic_assignment(*config); });
}

}  // namespace landbridge::app
