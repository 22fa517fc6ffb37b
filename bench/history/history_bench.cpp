// The backcast of the embedded history (data/history): the seven years 2019-2025, each year's states
// (the year and its periods) solved with the one parameter set. Target (issue 16): under 3 s on one core.
//   taskset -c 0 build/bench/history/history_bench
#include <benchmark/benchmark.h>

#include "io/network_geojson.hpp"
#include "scenario/history.hpp"

namespace {

using namespace landbridge;

void BM_HistoryAllYears(benchmark::State& state) {
  const std::filesystem::path data = LANDBRIDGE_DATA_DIR;
  const network::Network net = io::load_network(data / "eurasia");
  const routing::Router router(net);
  const freight::Demand demand = freight::load_demand(freight::default_demand_file(data / "eurasia"), net);
  const freight::FreightParameters parameters =
      freight::load_freight_parameters(freight::default_parameters_file(data / "eurasia"));
  const std::vector<scenario::Scenario> years = scenario::load_year_files(data / "history");
  const std::vector<scenario::PublishedFigure> published = scenario::load_published(data / "history" / "published.toml");
  int iterations = 0;
  for (auto _ : state) {
    iterations = 0;
    for (const scenario::Scenario& year : years) {
      const scenario::YearResult result = scenario::run_year(router, demand, parameters, year, published);
      iterations += result.iterations;
      benchmark::DoNotOptimize(result.model.size());
    }
  }
  state.counters["years"] = static_cast<double>(years.size());
  state.counters["equilibrium_iterations"] = iterations;
}
BENCHMARK(BM_HistoryAllYears)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

}  // namespace

BENCHMARK_MAIN();
