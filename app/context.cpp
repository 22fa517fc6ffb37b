#include "context.hpp"

#include <cstdio>
#include <iostream>

#include "common/atomic_file.hpp"
#include "io/network_geojson.hpp"

namespace landbridge::app {

std::filesystem::path network_folder(const std::string& network_option) {
  return network_option.empty() ? io::default_network_folder() : std::filesystem::path(network_option);
}

network::Network load_network_option(const std::string& network_option) {
  return io::load_network(network_folder(network_option));
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
