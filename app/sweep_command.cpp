#include "sweep_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "context.hpp"
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "io/csv.hpp"
#include "io/network_geojson.hpp"
#include "sweep/report.hpp"
#include "sweep/run.hpp"

namespace landbridge::app {
namespace {

struct SweepOptions {
  std::string risk, network, demand, parameters, out, format = "table";
  std::uint64_t samples = 1000, seed = 1, stop_after = 0;
  int threads = 0;
  int max_iterations = 100;
  std::size_t batch = 0;
  bool no_criticality = false, cold_start = false;
};

// Limits that keep a typo from asking for years of computing (docs/sweeps.md).
constexpr std::uint64_t max_samples = 100'000'000;
constexpr int max_threads = 1024;

// FNV-1a, 64 bits: identifies the inputs a results store belongs to.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (unsigned char c : bytes) hash = (hash ^ c) * 0x100000001b3ULL;
  return hash;
}

std::string format_duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "?";
  const auto s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}h{:02}m", s / 3600, s / 60 % 60) : s >= 60 ? fmt::format("{}m{:02}s", s / 60, s % 60) : fmt::format("{}s", s);
}

void run(const SweepOptions& options) {
  if (options.format != "table" && options.format != "json")
    throw InputError("", "", "--format", fmt::format("expected table or json, got \"{}\"", options.format));
  if (options.samples == 0 || options.samples > max_samples)
    throw InputError("", "", "--samples", fmt::format("expected 1 to {} samples, got {}", max_samples, options.samples));
  if (options.max_iterations < 1 || options.max_iterations > 100000)
    throw InputError("", "", "--max-iterations", fmt::format("expected 1 to 100000, got {}", options.max_iterations));
  if (options.threads < 0 || options.threads > max_threads)
    throw InputError("", "", "--threads", fmt::format("expected 0 (all cores) to {}, got {}", max_threads, options.threads));

  auto group = sweep::open_process_group(nullptr, nullptr);
  const bool root = group->is_root();
  try {
    const std::filesystem::path folder = network_folder(options.network);
    const std::filesystem::path data = io::default_network_folder().parent_path();
    const std::filesystem::path risk_path = options.risk.empty() ? sweep::default_risk_file(data) : std::filesystem::path(options.risk);
    const sweep::RiskModel model = sweep::load_risk_model(risk_path);
    const network::Network net = load_network_option(options.network);
    const routing::Router router(net);
    const std::filesystem::path demand_path = options.demand.empty() ? freight::default_demand_file(folder) : std::filesystem::path(options.demand);
    if (options.demand.empty() && !std::filesystem::exists(demand_path))
      throw InputError(demand_path.string(), "", "", "the network has no default demand; give one with --demand FILE");
    const freight::Demand demand = freight::load_demand(demand_path, net);
    const std::filesystem::path parameters_path =
        options.parameters.empty() ? freight::default_parameters_file(folder) : std::filesystem::path(options.parameters);
    freight::FreightParameters parameters = freight::load_freight_parameters(parameters_path);
    // Each state's equilibrium stops here at the latest (docs/sweeps.md: where MSA stalls, the figures
    // move by less than 0.01 % between 100 and 300 iterations).
    parameters.max_iterations = std::min(parameters.max_iterations, options.max_iterations);

    const bool terminal = root && isatty(STDERR_FILENO) != 0;
    if (terminal) std::fprintf(stderr, "sweep: solving the baseline and checking the risk model...\r");
    const sweep::Evaluator evaluator(router, demand, parameters, model, sweep::EvaluatorOptions{!options.cold_start});

    std::unique_ptr<sweep::ResultStore> store;
    std::filesystem::path out = options.out.empty() ? std::filesystem::path("sweep-" + model.name) : std::filesystem::path(options.out);
    if (root) {
      std::uint64_t hash = fnv1a(fmt::format("landbridge sweep 3, max iterations {}, equilibrium {}", parameters.max_iterations, freight::to_string(parameters.equilibrium_method)));
      for (const std::filesystem::path& p : {risk_path, folder / "nodes.geojson", folder / "links.geojson", demand_path, parameters_path}) {
        hash = fnv1a(std::filesystem::exists(p) ? io::read_text_file(p.string()) : p.string(), hash);
      }
      std::error_code error;
      std::filesystem::create_directories(out, error);
      if (error || !std::filesystem::is_directory(out))
        throw InputError(out.string(), "", "--out", fmt::format("cannot make a folder here: {}", error ? error.message() : "a file has that name"));
      store = std::make_unique<sweep::ResultStore>(out / "sweep.sqlite", sweep::SweepIdentity{options.seed, fmt::format("{:016x}", hash), !options.cold_start},
                                                   model, evaluator.countries());
    }

    sweep::SweepConfig config;
    config.seed = options.seed;
    config.samples = options.samples;
    config.threads = options.threads;
    config.stop_after = options.stop_after;
    config.batch_per_rank = options.batch;
    config.criticality = !options.no_criticality;
    auto progress = [terminal](const sweep::SweepProgress& p) {
      if (!terminal) return;
      const double rate = p.seconds > 0 ? static_cast<double>(p.done) / p.seconds : 0;
      std::fprintf(stderr, "\r\033[Ksweep: %s %llu/%llu (%.0f %%), %.2f/s, ETA %s", p.phase, static_cast<unsigned long long>(p.done),
                   static_cast<unsigned long long>(p.total), p.total > 0 ? 100.0 * static_cast<double>(p.done) / static_cast<double>(p.total) : 100.0,
                   rate, rate > 0 ? format_duration(static_cast<double>(p.total - p.done) / rate).c_str() : "?");
      std::fflush(stderr);
    };
    const sweep::SweepRun result = sweep::run_sweep(evaluator, config, *group, store.get(), progress);
    if (!root) return;
    if (terminal) std::fprintf(stderr, "\r\033[K");

    const sweep::SweepSummary summary = sweep::summarize_sweep(evaluator, result, options.seed);
    if (result.complete) {
      store->write_percentiles(sweep::percentile_rows(summary));
      sweep::write_sweep_report(out, summary);
    }
    std::fprintf(stderr,
                 "sweep: %llu new samples (%llu freight equilibria) in %.2f s on %s x %d threads: %.2f samples/s, %.2f equilibria/s; "
                 "%llu equilibria solved (%.2f iterations each), %llu taken from the cache; "
                 "%.0f bytes per sample gathered; %zu of %llu samples stored in %s\n",
                 static_cast<unsigned long long>(result.evaluated), static_cast<unsigned long long>(result.solves), result.sample_seconds,
                 group->describe().c_str(), result.threads,
                 result.sample_seconds > 0 ? static_cast<double>(result.evaluated) / result.sample_seconds : 0.0,
                 result.sample_seconds > 0 ? static_cast<double>(result.solves) / result.sample_seconds : 0.0,
                 static_cast<unsigned long long>(result.solved),
                 result.solved > 0 ? static_cast<double>(result.solved_iterations) / static_cast<double>(result.solved) : 0.0,
                 static_cast<unsigned long long>(result.reused),
                 result.evaluated > 0 ? static_cast<double>(result.bytes_gathered) / static_cast<double>(result.evaluated) : 0.0,
                 result.samples.size(),
                 static_cast<unsigned long long>(options.samples), store->path().c_str());
    if (!result.complete) {
      std::fprintf(stderr, "sweep: stopped before the end (--stop-after); run the same command again to continue\n");
      return;
    }
    emit(options.format == "json" ? sweep::summary_json(summary).dump(2) + "\n" : sweep::summary_table(summary), "");
    if (options.format == "table")
      std::printf("\nwrote %s/{sweep.sqlite, summary.json, percentiles.csv, criticality.csv, report.html}\n", out.c_str());
  } catch (const std::exception& e) {
    if (root || group->size() == 1) throw;
    // Other ranks: the root reports the same error (every rank reads the same inputs).
    const int status = dynamic_cast<const InputError*>(&e) != nullptr ? exit_bad_input : exit_internal;
    group.reset();
    std::exit(status);
  }
}

}  // namespace

void add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* command = app.add_subcommand(
      "sweep", "Monte Carlo risk sweep: sampled disruptions through the freight model, percentiles, criticality ranking (docs/sweeps.md)");
  command->add_option("--risk", options->risk, "Risk model (TOML); default: the embedded data/risk/eurasia.toml");
  command->add_option("--samples", options->samples, "Periods to sample (sample indices 0..N-1)");
  command->add_option("--seed", options->seed, "Random seed: the same seed gives the same samples on any thread or rank count");
  command->add_option("--threads", options->threads, "Threads per process; default: all cores (shared among the MPI ranks of a machine)");
  command->add_option("--out", options->out, "Folder for sweep.sqlite and the reports (created); default: sweep-<risk model name>");
  command->add_option("--network", options->network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--demand", options->demand, "Demand CSV; default: the network's demand.csv");
  command->add_option("--parameters", options->parameters, "Freight parameters JSON; default: the network's freight-parameters.json");
  command->add_option("--stop-after", options->stop_after, "Evaluate at most N new samples, then stop; the next run continues");
  command->add_flag("--no-criticality", options->no_criticality, "Skip the one-at-a-time criticality sweep");
  command->add_option("--batch", options->batch,
                      "Samples per process between two writes to the store (default 8 per thread): smaller batches "
                      "lose less when interrupted, larger ones write less often")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  command->add_option("--max-iterations", options->max_iterations,
                      "Equilibrium iterations per state at most (default 100; the parameters file's limit if lower)");
  command->add_flag("--cold-start", options->cold_start, "Solve each state from an empty network instead of from the baseline's flows");
  command->add_option("--format", options->format, "table or json");
  command->callback([options] { run(*options); });
}

}  // namespace landbridge::app
