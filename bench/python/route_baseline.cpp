// bench/python/route_baseline.cpp: the C++ half of bench/python/route_bench.py. Runs the route queries
// the Python binding's Network.route() runs (routing::find_routes: names resolved, default options,
// the route summarized), from a file of "FROM<TAB>TO" lines, and prints the loop's wall times as JSON.
//   route_baseline NETWORK_DIR PAIRS_FILE REPEATS
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "io/network_geojson.hpp"
#include "routing/route_options.hpp"
#include "routing/router.hpp"

int main(int argc, char** argv) {
  using namespace landbridge;
  if (argc != 4) {
    std::fprintf(stderr, "usage: route_baseline NETWORK_DIR PAIRS_FILE REPEATS\n");
    return 1;
  }
  const network::Network net = io::load_network(argv[1]);
  std::vector<std::pair<std::string, std::string>> pairs;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) pairs.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  const int repeats = std::stoi(argv[3]);
  const routing::Router router(net);
  routing::RouterQuery query(router);
  const routing::RouteOptions options;  // optimize = time, no avoid-rules: Network.route()'s defaults
  const routing::OptionNames names = routing::OptionNames::command_line();
  std::size_t found = 0;
  double hours = 0;
  std::string seconds, cpu_seconds;  // JSON lists
  auto append = [](std::string& list, double value) {
    if (!list.empty()) list += ", ";
    list += std::to_string(value);
  };
  for (int r = 0; r < repeats; ++r) {
    found = 0, hours = 0;
    const std::clock_t cpu_start = std::clock();  // CPU time of the process: less disturbed by other load
    const auto start = std::chrono::steady_clock::now();
    for (const auto& [from, to] : pairs) {
      const auto routes = routing::find_routes(router, query, from, to, options, 1, names);
      if (!routes.empty()) ++found, hours += routes.front().total.hours;
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    append(seconds, elapsed.count());
    append(cpu_seconds, cpu);
  }
  std::printf("{\"queries\": %zu, \"found\": %zu, \"hours_checksum\": %.6f, \"seconds\": [%s], \"cpu_seconds\": [%s]}\n",
              pairs.size(), found, hours, seconds.c_str(), cpu_seconds.c_str());
  return 0;
}
