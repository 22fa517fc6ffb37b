// assignment/tntp.hpp: reader for the TNTP text format of the Transportation Networks for Research repository.
#pragma once
#include "assignment/problem.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace landbridge::assignment {

// A TNTP network: node id k (1-based) is dense node k - 1; zone k is zone k - 1 at node k - 1.
// Zones below <FIRST THRU NODE> may not be passed through. All readers throw landbridge::InputError
// naming the file, line and field: e.g.
//   "dir/x_net.tntp: line 12: field \"capacity\": expected a number, got \"abc\"".
struct TntpNetwork {
  AssignmentProblem problem;
  std::uint32_t first_thru_node = 1;        // 1-based, as in the file
  bool has_toll_factor = false;             // <TOLL FACTOR> was in the metadata
  bool has_distance_factor = false;         // <DISTANCE FACTOR> was in the metadata
  std::vector<std::uint32_t> link_type;     // per link, the file's last column (0 if absent)
  std::filesystem::path net_file, trips_file, flow_file, node_file;  // empty when absent
};

// Reads *_net.tntp (links, nodes, zones; problem.demand is left empty).
[[nodiscard]] TntpNetwork read_tntp_net(const std::filesystem::path& file);

// Reads *_trips.tntp into network.problem.demand (zones x zones).
void read_tntp_trips(const std::filesystem::path& file, TntpNetwork& network);

// Reads *_flow.tntp (From To Volume Cost): the flow of each link of the network, in link order.
// Parallel links are matched in file order. Every link must appear exactly once.
[[nodiscard]] std::vector<double> read_tntp_flow(const std::filesystem::path& file, const TntpNetwork& network);

// Node coordinates from *_node.tntp, x and y per dense node (NaN for nodes not listed).
struct TntpCoordinates {
  std::vector<double> x, y;
};
[[nodiscard]] TntpCoordinates read_tntp_nodes(const std::filesystem::path& file, std::uint32_t num_nodes);

// The same readers on text already in memory (tests, fuzzing); file names only label the errors.
[[nodiscard]] TntpNetwork parse_tntp_net(std::string_view text, const std::filesystem::path& file);
void parse_tntp_trips(std::string_view text, const std::filesystem::path& file, TntpNetwork& network);
[[nodiscard]] std::vector<double> parse_tntp_flow(std::string_view text, const std::filesystem::path& file,
                                                  const TntpNetwork& network);
[[nodiscard]] TntpCoordinates parse_tntp_nodes(std::string_view text, const std::filesystem::path& file,
                                               std::uint32_t num_nodes);

// Finds <name>_net.tntp, _trips.tntp (required) and _flow.tntp, _node.tntp (optional) in dir,
// reads net and trips, and records the optional files' paths without reading them.
[[nodiscard]] TntpNetwork read_tntp_directory(const std::filesystem::path& dir);

}  // namespace landbridge::assignment
