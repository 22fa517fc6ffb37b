#include "context.hpp"

#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "common/atomic_file.hpp"
#include "common/input_error.hpp"
#include "io/csv.hpp"
#include "io/network_geojson.hpp"

namespace landbridge::app {

std::filesystem::path network_folder(const std::string& network_option) {
  return network_option.empty() ? io::default_network_folder() : std::filesystem::path(network_option);
}

network::Network load_network_option(const std::string& network_option) {
  return io::load_network(network_folder(network_option));
}

std::unique_ptr<FreightInputs> load_freight_inputs(const std::string& network_option, const std::string& demand_option,
                                                   const std::string& parameters_option) {
  auto inputs = std::make_unique<FreightInputs>();
  const std::filesystem::path folder = network_folder(network_option);
  inputs->network = load_network_option(network_option);
  inputs->router = std::make_unique<routing::Router>(inputs->network);
  const std::filesystem::path demand_path = demand_option.empty() ? freight::default_demand_file(folder) : std::filesystem::path(demand_option);
  if (demand_option.empty() && !std::filesystem::exists(demand_path)) {
    throw InputError(demand_path.string(), "", "", "the network has no default demand; give one with --demand FILE");
  }
  inputs->demand = freight::load_demand(demand_path, inputs->network);
  for (const std::string& warning : inputs->demand.warnings) std::fprintf(stderr, "landbridge: warning: %s\n", warning.c_str());
  inputs->parameters = freight::load_freight_parameters(
      parameters_option.empty() ? freight::default_parameters_file(folder) : std::filesystem::path(parameters_option));
  return inputs;
}

void make_out_folder(const std::string& out) {
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error || !std::filesystem::is_directory(out)) {
    throw InputError(out, "", "--out", fmt::format("cannot make a folder here: {}", error ? error.message() : "a file has that name"));
  }
}

std::string country_shapes(const std::filesystem::path& data_folder) {
  const std::filesystem::path shapes = data_folder / "geo" / "countries-110m.geojson";
  return std::filesystem::exists(shapes) ? io::read_text_file(shapes.string()) : std::string();
}

void emit(const std::string& text, const std::string& out_path) {
  if (out_path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  } else {
    write_file_atomically(out_path, text);
  }
}

}  // namespace landbridge::app
