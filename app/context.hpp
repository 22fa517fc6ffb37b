// app/context.hpp: what every subcommand shares: loading the network named by --network (or the
// embedded default) and writing results to stdout or an --out file.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "network/model.hpp"
#include "routing/router.hpp"

namespace landbridge::app {

// The network folder: --network if given, else the embedded data/eurasia.
[[nodiscard]] std::filesystem::path network_folder(const std::string& network_option);

// Loads and validates; throws InputError / io::ValidationErrors.
[[nodiscard]] network::Network load_network_option(const std::string& network_option);

// What the freight model runs on: a network with its router, a demand and parameters.
struct FreightInputs {
  network::Network network;
  std::unique_ptr<routing::Router> router;  // on `network`
  freight::Demand demand;
  freight::FreightParameters parameters;
};

// Loads --network (or the embedded one), --demand (or the network's demand.csv) and --parameters
// (or its freight-parameters.json); prints the demand's warnings on stderr. Throws InputError.
[[nodiscard]] std::unique_ptr<FreightInputs> load_freight_inputs(const std::string& network_option, const std::string& demand_option,
                                                                 const std::string& parameters_option);

// Creates the --out folder of a report (and its parents); throws InputError naming --out when it cannot.
void make_out_folder(const std::string& out);

// The country shapes drawn behind the reports' maps (DATA/geo/countries-110m.geojson), or "" if missing.
[[nodiscard]] std::string country_shapes(const std::filesystem::path& data_folder);

// Writes to stdout when `out_path` is empty, else atomically to the file.
void emit(const std::string& text, const std::string& out_path);

}  // namespace landbridge::app
