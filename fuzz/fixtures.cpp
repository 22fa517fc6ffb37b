// fuzz/fixtures.cpp: the Eurasia fixture of fixtures.hpp.
#include "fixtures.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>

#include "io/network_geojson.hpp"

namespace landbridge::fuzz {

const Eurasia& eurasia() {
  static const Eurasia* loaded = [] {
    try {
      const std::filesystem::path folder = std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia";
      auto* e = new Eurasia{io::load_network(folder), {}, {}, {}};
      e->graph = network::compile(e->network);
      e->demand = freight::load_demand(freight::default_demand_file(folder), e->network);
      e->parameters = freight::load_freight_parameters(freight::default_parameters_file(folder));
      return e;
    } catch (const std::exception& error) {
      std::fprintf(stderr, "cannot load the Eurasia fixture: %s\n", error.what());
      std::abort();
    }
  }();
  return *loaded;
}

}  // namespace landbridge::fuzz
