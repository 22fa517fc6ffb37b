// network/graph.hpp: the compiled network: CSR adjacency over dense ids plus one contiguous array
// per arc attribute. Topology never changes after compile(); costs may be swapped by callers.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "network/model.hpp"

namespace landbridge::network {

// Forward-star adjacency: the arcs leaving node v are first_out[v] .. first_out[v+1]-1.
struct CsrGraph {
  std::vector<ArcId> first_out;  // node_count + 1 entries
  std::vector<NodeId> head;      // per arc
  std::vector<NodeId> tail;      // per arc

  [[nodiscard]] NodeId node_count() const { return first_out.empty() ? 0 : static_cast<NodeId>(first_out.size() - 1); }
  [[nodiscard]] ArcId arc_count() const { return static_cast<ArcId>(head.size()); }

  // Builds the CSR from an arc list (any order); arcs are sorted by tail, stably, and
  // `order` receives for each CSR arc its index in the input list.
  static CsrGraph from_arcs(NodeId node_count, std::span<const NodeId> tails, std::span<const NodeId> heads,
                            std::vector<ArcId>* order = nullptr);
};

// The freight network compiled for the algorithms. Each two-way link gives two arcs.
// Arc figures include customs where the arc enters a customs territory (see docs/network-format.md).
struct Graph {
  CsrGraph topology;
  std::vector<LinkId> arc_link;          // the link an arc comes from
  std::vector<std::uint8_t> arc_reversed;  // 1 if the arc runs to -> from
  std::vector<Mode> arc_mode;
  std::vector<double> arc_length_km;
  std::vector<double> arc_hours;          // travel + customs + carrier-change hours
  std::vector<double> arc_usd;            // rate + customs fees + carrier-change charge, per TEU
  std::vector<double> arc_co2_kg;
  std::vector<double> arc_capacity_teu_per_day;
  std::vector<double> arc_background_teu_per_day;  // capacity taken by traffic outside the demand (Link)
  std::vector<double> arc_customs_hours;  // the customs part of arc_hours (0 if the arc enters none)
  std::vector<double> arc_customs_usd;
  std::vector<std::uint16_t> node_territory;  // index into territories; 0 = at sea (none)
  std::vector<std::string> territories;       // "", "EU", "EAEU", "CN", "free:BYGST", ...

  [[nodiscard]] NodeId node_count() const { return topology.node_count(); }
  [[nodiscard]] ArcId arc_count() const { return topology.arc_count(); }
  [[nodiscard]] bool arc_enters_territory(ArcId arc) const {
    const std::uint16_t to = node_territory[topology.head[arc]];
    return to != 0 && to != node_territory[topology.tail[arc]];
  }
};

// Compiles a validated network. Customs figures missing where needed are a validation error
// (io/ checks them), so here they are asserted.
[[nodiscard]] Graph compile(const Network& network);

}  // namespace landbridge::network
