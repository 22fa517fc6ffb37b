// fuzz/network_geojson.cpp: the network reader (io/network_geojson) on nodes.geojson + links.geojson
// text (two files, split at fuzz_target.hpp's separator). An accepted network must compile.
#include "common/input_error.hpp"
#include "fuzz_target.hpp"
#include "io/network_geojson.hpp"
#include "network/graph.hpp"

LANDBRIDGE_FUZZ_TARGET(network_geojson) {
  using namespace landbridge;
  const auto files = fuzz::split_files({reinterpret_cast<const char*>(data), size}, 2);
  try {
    const network::Network net = io::parse_network(files[0], files[1], "nodes.geojson", "links.geojson");
    fuzz::check(net.node_count() > 0, "an accepted network has nodes");
    const network::Graph graph = network::compile(net);
    fuzz::check(graph.arc_count() >= net.link_count(), "every link gives at least one arc");
  } catch (const InputError&) {
  }
  return 0;
}
