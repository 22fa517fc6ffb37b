// fuzz/fixtures.hpp: the real inputs some targets parse against (the embedded Eurasia network, its
// demand and parameters), loaded once per process from LANDBRIDGE_DATA_DIR.
#pragma once
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "network/graph.hpp"
#include "network/model.hpp"

namespace landbridge::fuzz {

struct Eurasia {
  network::Network network;
  network::Graph graph;
  freight::Demand demand;
  freight::FreightParameters parameters;
};

// Loaded on first use; aborts if the data folder cannot be read (a broken build, not a finding).
[[nodiscard]] const Eurasia& eurasia();

}  // namespace landbridge::fuzz
