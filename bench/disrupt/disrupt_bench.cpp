// The day-by-day loop on the embedded network: 365 days of the EU–Belarus closure (13 days from
// day 30), input built once from the two equilibria (not timed). Target: < 1 s on one core
// (docs/disruptions.md). The equilibria themselves are the freight model's (bench/freight).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "disrupt/freight_input.hpp"
#include "io/network_geojson.hpp"

namespace {

using namespace landbridge;

struct Fixture {
  network::Network network;
  std::unique_ptr<routing::Router> router;
  freight::Demand demand;
  freight::FreightParameters parameters;
  std::unique_ptr<scenario::Comparison> comparison;
};

const Fixture& fixture() {
  static const Fixture* f = [] {
    auto* x = new Fixture;
    const std::filesystem::path folder = std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia";
    x->network = io::load_network(folder);
    x->router = std::make_unique<routing::Router>(x->network);
    x->demand = freight::load_demand(folder / "demand.csv", x->network);
    x->parameters = freight::load_freight_parameters(folder / "freight-parameters.json");
    x->comparison = scenario::compare(*x->router, x->demand, x->parameters,
                                      {scenario::resolve_scenario("eu-belarus-border-closure", LANDBRIDGE_DATA_DIR)});
    return x;
  }();
  return *f;
}

void BM_Disrupt365Days(benchmark::State& state) {
  const Fixture& f = fixture();
  disrupt::DisruptionSettings settings;
  settings.start_day = 30;
  settings.days = 13;
  settings.horizon_days = static_cast<int>(state.range(0));
  const disrupt::SimulationInput input = disrupt::build_input(*f.router, f.demand, f.parameters, *f.comparison, settings);
  for (auto _ : state) {
    disrupt::SimulationResult r = disrupt::simulate(input);
    benchmark::DoNotOptimize(r.extra_cost_usd);
  }
  state.counters["paths"] = static_cast<double>(input.paths.size());
  state.counters["stations"] = static_cast<double>(input.stations.size());
}
BENCHMARK(BM_Disrupt365Days)->Arg(365)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
