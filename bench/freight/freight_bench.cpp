// Full baseline freight assignment of the embedded network (mode and corridor choice, congestion,
// equilibrium), the unit of work of scenario comparisons and risk sweeps. Target: under 1 s.
//   build/bench/freight/freight_bench --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include "freight/model.hpp"
#include "io/network_geojson.hpp"

namespace {

using namespace landbridge;

void BM_FreightBaseline(benchmark::State& state) {
  const std::filesystem::path folder = std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia";
  const network::Network net = io::load_network(folder);
  const routing::Router router(net);
  const freight::Demand demand = freight::load_demand(freight::default_demand_file(folder), net);
  const freight::FreightParameters parameters = freight::load_freight_parameters(freight::default_parameters_file(folder));
  const freight::FreightModel model(router, demand, parameters);
  int iterations = 0;
  for (auto _ : state) {
    const freight::FreightResult result = model.solve();
    iterations = result.iterations;
    benchmark::DoNotOptimize(result.arc_flow_teu_per_day.data());
  }
  state.counters["equilibrium_iterations"] = iterations;
  state.counters["demand_rows"] = static_cast<double>(demand.rows.size());
}
BENCHMARK(BM_FreightBaseline)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
