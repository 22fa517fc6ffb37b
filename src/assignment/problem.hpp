// assignment/problem.hpp: the solver's input, an arrays-only static assignment problem independent of any file format.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace landbridge::assignment {

using NodeId = std::uint32_t;
using LinkId = std::uint32_t;
using ZoneId = std::uint32_t;
inline constexpr std::uint32_t invalid_id = std::numeric_limits<std::uint32_t>::max();
static_assert(sizeof(NodeId) == 4 && sizeof(LinkId) == 4 && sizeof(ZoneId) == 4);

// Volume-delay function of one link (docs/assignment.md, "Cost functions"). What alpha and beta mean
// depends on it; capacity is in flow units per hour for Akcelik (its period T is in hours).
enum class VdfKind : std::uint8_t {
  bpr,      // t(x) = fft * (1 + alpha * (x / capacity)^beta)        (Bureau of Public Roads 1964)
  conical,  // t(x) = fft * (2 + sqrt(a^2 (1-x/c)^2 + b^2) - a (1-x/c) - b), a = alpha > 1,
            // b = (2a-1)/(2a-2), beta unused                         (Spiess 1990)
  akcelik,  // t(x) = fft + U T/4 [(r - 1) + sqrt((r - 1)^2 + 8 J r / (c T))], r = x / c  (Akcelik 1991),
            // J = alpha > 0 (delay parameter), T = beta > 0 (flow period, hours),
            // U = time_units_per_hour; needs c T > 2 J (convexity)
};

// Parameters for replacing the BPR functions of a TNTP network (`landbridge assign --vdf`).
struct VdfChoice {
  VdfKind kind = VdfKind::bpr;
  double conical_alpha = 4.0;         // Spiess's alpha (> 1): slope of t/fft at capacity
  double akcelik_j = 0.1;             // Akcelik's delay parameter J (> 0): 0.1 freeway ... 1.6 busy secondary road
  double akcelik_period_hours = 1.0;  // Akcelik's flow period T (> 0), hours
  double time_units_per_hour = 60.0;  // converts Akcelik's delay (hours) into the network's time unit
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
  std::vector<double> alpha;            // BPR b / conical alpha / Akcelik J, >= 0
  std::vector<double> beta;             // BPR power (non-integer allowed) / Akcelik T (hours), >= 0
  std::vector<double> toll;             // money per unit flow, converted with toll_factor
  std::vector<double> length;           // distance, converted with distance_factor
  std::vector<VdfKind> vdf;             // empty means BPR on every link

  // Generalized cost c(x) = t(x) + toll_factor * toll + distance_factor * length.
  double toll_factor = 0.0;
  double distance_factor = 0.0;
  double time_units_per_hour = 60.0;    // Akcelik links only: time units in an hour (60: times in minutes)

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

// Gives every BPR link whose cost grows with flow (alpha, beta and free-flow time > 0) the function
// choice.kind with choice's parameters; constant-cost links (connectors, zero-time links priced by
// distance) keep a constant cost. Does nothing for VdfKind::bpr. Throws InputError for parameters out
// of range (field like "--akcelik-j").
void apply_vdf(AssignmentProblem& problem, const VdfChoice& choice);

[[nodiscard]] std::string_view vdf_name(VdfKind kind);  // "bpr", "conical", "akcelik"

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
