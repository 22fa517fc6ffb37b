// assignment/problem.hpp: the solver's input, an arrays-only static assignment problem independent of any file format.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace landbridge::assignment {

using NodeId = std::uint32_t;
using LinkId = std::uint32_t;
using ZoneId = std::uint32_t;
inline constexpr std::uint32_t invalid_id = std::numeric_limits<std::uint32_t>::max();
static_assert(sizeof(NodeId) == 4 && sizeof(LinkId) == 4 && sizeof(ZoneId) == 4);

// Volume-delay function of one link (docs/assignment.md, "Volume-delay functions").
enum class VdfKind : std::uint8_t {
  bpr,      // t(x) = fft * (1 + alpha * (x / capacity)^beta)        (Bureau of Public Roads 1964)
  conical,  // t(x) = fft * (2 + sqrt(a^2 (1-x/c)^2 + b^2) - a (1-x/c) - b), a = alpha, b = (2a-1)/(2a-2)
            //                                                         (Spiess 1990, alpha > 1)
};

// One demand class on a directed network. Units are the caller's, but consistent: times in one
// unit (e.g. minutes), flows in one unit (e.g. vehicles/h or TEU/day), toll and length converted to
// time by toll_factor and distance_factor. Several classes can later be added as extra demand
// matrices and per-class cost factors without changing the link arrays.
struct AssignmentProblem {
  std::uint32_t num_nodes = 0;

  // Per link, all of size num_links().
  std::vector<NodeId> tail, head;
  std::vector<double> free_flow_time;   // >= 0
  std::vector<double> capacity;         // > 0 (flow units per period)
  std::vector<double> alpha;            // BPR b / conical alpha, >= 0
  std::vector<double> beta;             // BPR power, >= 0 (non-integer allowed)
  std::vector<double> toll;             // money per unit flow, converted with toll_factor
  std::vector<double> length;           // distance, converted with distance_factor
  std::vector<VdfKind> vdf;             // empty means BPR on every link

  // Generalized cost c(x) = t(x) + toll_factor * toll + distance_factor * length.
  double toll_factor = 0.0;
  double distance_factor = 0.0;

  // Zones: zone z loads and unloads at node zone_node[z]. A node whose through_allowed flag is 0
  // may start or end a path but never be passed through (TNTP: zones below FIRST THRU NODE).
  std::vector<NodeId> zone_node;
  std::vector<std::uint8_t> through_allowed;  // size num_nodes; empty means every node allows through traffic

  // Demand, row-major num_zones() x num_zones(): demand[o * num_zones() + d] >= 0.
  // Intrazonal entries (o == d) are ignored: they load no link.
  std::vector<double> demand;

  [[nodiscard]] std::uint32_t num_links() const { return static_cast<std::uint32_t>(tail.size()); }
  [[nodiscard]] std::uint32_t num_zones() const { return static_cast<std::uint32_t>(zone_node.size()); }
  [[nodiscard]] double od_demand(ZoneId o, ZoneId d) const {
    return demand[static_cast<std::size_t>(o) * num_zones() + d];
  }
  [[nodiscard]] bool allows_through(NodeId n) const { return through_allowed.empty() || through_allowed[n] != 0; }
  [[nodiscard]] VdfKind vdf_of(LinkId a) const { return vdf.empty() ? VdfKind::bpr : vdf[a]; }

  // Checks sizes, ids and value ranges; throws landbridge::InputError (field like "capacity[12]").
  void validate() const;
};

// One origin-destination pair with demand that no path can carry.
struct UnroutablePair {
  ZoneId origin = invalid_id;
  ZoneId destination = invalid_id;
  double demand = 0.0;
};

// All OD pairs with positive demand whose destination cannot be reached from the origin (respecting
// through_allowed), in (origin, destination) order. Empty when all demand can be routed. O(Z * (N + M)).
[[nodiscard]] std::vector<UnroutablePair> find_unroutable_pairs(const AssignmentProblem& problem);

}  // namespace landbridge::assignment
