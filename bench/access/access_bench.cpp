// Market access on the embedded network: Great Stone, Łódź, Budapest and Khorgos for machinery to
// every market of data/access (one shortest-path tree per site, duties by origin). Inputs loaded
// once (not timed). Target: < 50 ms (docs/access.md); BM_AccessAnswer also resolves the names and
// builds the query, as the command and GET /v1/access do after loading.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "access/request.hpp"
#include "io/network_geojson.hpp"

namespace {

using namespace landbridge;

struct Fixture {
  network::Network network;
  std::unique_ptr<routing::Router> router;
  freight::Demand demand;
  freight::FreightParameters parameters;
  access::AccessData data;
};

const Fixture& fixture() {
  static const Fixture* f = [] {
    auto* x = new Fixture;
    const std::filesystem::path data = LANDBRIDGE_DATA_DIR;
    x->network = io::load_network(data / "eurasia");
    x->router = std::make_unique<routing::Router>(x->network);
    x->demand = freight::load_demand(data / "eurasia" / "demand.csv", x->network);
    x->parameters = freight::load_freight_parameters(data / "eurasia" / "freight-parameters.json");
    x->data = access::load_access_data(access::default_markets_file(data), access::default_duties_file(data), x->network);
    return x;
  }();
  return *f;
}

void BM_AccessFourSitesAllMarkets(benchmark::State& state) {
  const Fixture& f = fixture();
  std::vector<access::Site> sites;
  for (const char* s : {"BYGST", "PLLOD", "HUBUD", "CNKHG"}) sites.push_back(access::resolve_site(f.network, s, "FROM"));
  access::AccessSettings settings;
  settings.commodity = freight::Commodity::machinery;
  settings.value_usd_per_teu = *access::mean_value_usd_per_teu(f.demand, settings.commodity);
  settings.carrying_rate_per_year = f.parameters.carrying_rate_per_year[static_cast<std::size_t>(settings.commodity)];
  access::AccessQuery query(*f.router);
  for (auto _ : state) {
    access::AccessResult r = query.run(f.data, sites, settings);
    benchmark::DoNotOptimize(r.sites[0].potential);
  }
  state.counters["markets"] = static_cast<double>(f.data.markets.size());
}
BENCHMARK(BM_AccessFourSitesAllMarkets)->Unit(benchmark::kMillisecond);

void BM_AccessAnswer(benchmark::State& state) {
  const Fixture& f = fixture();
  const access::AccessInputs inputs{&f.network, f.router.get(), &f.data, &f.parameters, &f.demand, LANDBRIDGE_DATA_DIR};
  access::AccessRequest request;
  request.from = "Great Stone";
  request.compare = {"Łódź", "Budapest", "Khorgos"};
  for (auto _ : state) {
    access::AccessResult r = access::answer_access(inputs, request, access::AccessOptionNames::command_line());
    benchmark::DoNotOptimize(r.sites[0].potential);
  }
}
BENCHMARK(BM_AccessAnswer)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
