// tests/scenario/fixture.hpp: the embedded network, demand and parameters, loaded once per process.
#pragma once
#include <memory>

#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "io/network_geojson.hpp"
#include "routing/router.hpp"
#include "scenario/compare.hpp"

namespace landbridge::scenario::testing {

struct Eurasia {
  network::Network network;
  std::unique_ptr<routing::Router> router;
  freight::Demand demand;
  freight::FreightParameters parameters;
};

inline const Eurasia& eurasia() {
  static const Eurasia* e = [] {
    auto* x = new Eurasia;
    const std::filesystem::path folder = std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia";
    x->network = io::load_network(folder);
    x->router = std::make_unique<routing::Router>(x->network);
    x->demand = freight::load_demand(folder / "demand.csv", x->network);
    x->parameters = freight::load_freight_parameters(folder / "freight-parameters.json");
    return x;
  }();
  return *e;
}

inline std::unique_ptr<Comparison> run(const std::vector<std::string>& names) {
  std::vector<Scenario> scenarios;
  for (const auto& n : names) scenarios.push_back(resolve_scenario(n, LANDBRIDGE_DATA_DIR));
  const Eurasia& e = eurasia();
  return compare(*e.router, e.demand, e.parameters, std::move(scenarios));
}

inline std::unique_ptr<Comparison> run_text(const std::string& toml) {
  const Eurasia& e = eurasia();
  return compare(*e.router, e.demand, e.parameters, {parse_scenario(toml, "test.toml")});
}

}  // namespace landbridge::scenario::testing
