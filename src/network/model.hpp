// network/model.hpp: the multimodal freight network as the user wrote it: nodes and links with
// their attributes and external string ids. Immutable once built; compile() turns it into a Graph.
#pragma once
#include <array>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "network/ids.hpp"

namespace landbridge::network {

enum class NodeKind : std::uint8_t { terminal, border, seaport, hub, chokepoint, junction, airport };
enum class Mode : std::uint8_t { rail, sea, road, ferry, transfer, air };
inline constexpr int mode_count = 6;
// airport: trucking and handling between a place and its airport; border: a road border post (queue,
// inspection) between two countries' road networks.
enum class TransferKind : std::uint8_t { none, gauge, port, ferry, terminal, airport, border };

[[nodiscard]] std::string_view to_string(NodeKind kind);
[[nodiscard]] std::string_view to_string(Mode mode);
[[nodiscard]] std::string_view to_string(TransferKind kind);
[[nodiscard]] std::optional<NodeKind> parse_node_kind(std::string_view text);
[[nodiscard]] std::optional<Mode> parse_mode(std::string_view text);
[[nodiscard]] std::optional<TransferKind> parse_transfer_kind(std::string_view text);

// A place where routes start, end, split into legs or cross a border; or a vertex of a sea lane.
struct Node {
  std::string id;       // external id, UN/LOCODE where one exists ("DEDUI")
  std::string name;     // "Duisburg"; may be empty for junctions
  NodeKind kind = NodeKind::junction;
  std::string country;  // ISO 3166-1 alpha-2, empty at sea
  double lat = 0, lon = 0;
  bool free_zone = false;
  std::optional<double> customs_hours;  // clearance time when cargo enters a customs territory here
  std::optional<double> customs_usd;    // clearance fees per TEU, same condition
  std::string passage;                  // chokepoint tag for kind == chokepoint ("suez")
  std::string source;                   // SOURCES.md keys

  // Legs of a route are split at places; junctions and chokepoints are passed through.
  [[nodiscard]] bool is_place() const { return kind != NodeKind::junction && kind != NodeKind::chokepoint; }
};

inline constexpr double unlimited_capacity = std::numeric_limits<double>::infinity();

// A connection between two nodes with the figures of one direction; two-way unless `oneway`.
struct Link {
  std::string id;
  NodeId from = invalid_id, to = invalid_id;
  Mode mode = Mode::rail;
  double length_km = 0;
  double hours = 0;            // travel or handling time, customs excluded
  double usd_per_teu = 0;      // rate or handling charge, customs excluded
  double co2_kg_per_teu = 0;
  double capacity_teu_per_day = unlimited_capacity;
  // Traffic outside the freight model's demand that takes a share of the capacity (bulk trains,
  // other services), in TEU-equivalents of capacity per day: [0] from -> to, [1] to -> from.
  std::array<double, 2> background_teu_per_day{0, 0};
  // A carrier rule (sanctions on hauliers): the load changes truck or trailer on this link, taking
  // these hours and USD per TEU on top of `hours` and `usd_per_teu`. Zero: no change.
  double carrier_change_hours = 0, carrier_change_usd = 0;
  int gauge_mm = 0;            // rail only
  TransferKind transfer = TransferKind::none;  // transfer only
  std::string passage;         // chokepoint the link itself passes ("" if none)
  std::vector<std::string> corridors;
  bool oneway = false;
  std::string source;
  std::vector<std::array<double, 2>> geometry;  // [lon, lat] vertices for drawing, from -> to
};

// Customs unions (ISO2 members); "" when the country belongs to none.
[[nodiscard]] std::string_view customs_union_of(std::string_view country_iso2);

class Network {
 public:
  Network() = default;
  Network(std::vector<Node> nodes, std::vector<Link> links);

  [[nodiscard]] const std::vector<Node>& nodes() const { return nodes_; }
  [[nodiscard]] const std::vector<Link>& links() const { return links_; }
  [[nodiscard]] const Node& node(NodeId id) const { return nodes_[id]; }
  [[nodiscard]] const Link& link(LinkId id) const { return links_[id]; }
  [[nodiscard]] NodeId node_count() const { return static_cast<NodeId>(nodes_.size()); }
  [[nodiscard]] LinkId link_count() const { return static_cast<LinkId>(links_.size()); }

  // Exact external id, or invalid_id.
  [[nodiscard]] NodeId find_node(std::string_view external_id) const;
  [[nodiscard]] LinkId find_link(std::string_view external_id) const;

  // Node names folded for matching (common/text.hpp), computed once: the name, and the name
  // without a bracketed qualifier ("Shanghai (Yangshan)" -> "shanghai").
  [[nodiscard]] const std::string& folded_name(NodeId node) const { return folded_names_[node]; }
  [[nodiscard]] const std::string& folded_base_name(NodeId node) const { return folded_base_names_[node]; }

  // Customs territory of a node: "free:<id>" for a free zone, else the union ("EU", "EAEU"),
  // else the country; "" at sea and for junctions and chokepoints, which are passed in transit.
  [[nodiscard]] std::string customs_territory(NodeId node) const;

 private:
  std::vector<Node> nodes_;
  std::vector<Link> links_;
  std::vector<std::string> folded_names_, folded_base_names_;
  std::unordered_map<std::string, NodeId> node_index_;
  std::unordered_map<std::string, LinkId> link_index_;
};

}  // namespace landbridge::network
