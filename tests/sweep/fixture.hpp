// The tiny freight network (tests/data/tiny-freight) with a small risk model over it: cheap enough
// to sample thousands of periods in a test.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "io/network_geojson.hpp"
#include "routing/router.hpp"
#include "sweep/evaluate.hpp"
#include "sweep/risk_model.hpp"

namespace landbridge::sweep::testing {

inline const std::filesystem::path tiny_folder = std::filesystem::path(LANDBRIDGE_TEST_DATA_DIR) / "tiny-freight";

inline const char* const tiny_risk_text = R"(
name = "tiny"
title = "Tiny test risk model"
period_days = 365

[[group]]
name = "sea"
correlation = 0.8

[[element]]
name = "bab"
group = "sea"
passage = "bab-el-mandeb"
probability = 0.3
duration_days = { triangular = [10, 60, 200] }

[[element]]
name = "suez"
group = "sea"
passage = "suez"
probability = 0.2
duration_days = { uniform = [5, 30] }

[[element]]
name = "brest"
crossing = "t2"
probability = 0.4
duration_days = 45
effect = "delay"
severity = { uniform = [10, 100] }

[[element]]
name = "baltic"
crossing = "t3"
probability = 0.25
duration_days = { lognormal = { median = 20, p90 = 60, max = 200 } }
)";

struct TinyFixture {
  TinyFixture()
      : network(io::load_network(tiny_folder)),
        router(network),
        demand(freight::load_demand(tiny_folder / "demand.csv", network)),
        parameters(freight::load_freight_parameters(tiny_folder / "freight-parameters.json")),
        model(parse_risk_model(tiny_risk_text, "tiny.toml")) {}
  network::Network network;
  routing::Router router;
  freight::Demand demand;
  freight::FreightParameters parameters;
  RiskModel model;
};

}  // namespace landbridge::sweep::testing
