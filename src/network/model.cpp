#include "network/model.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace landbridge::network {
namespace {

constexpr std::array<std::string_view, 7> node_kind_names = {"terminal",   "border",   "seaport", "hub",
                                                             "chokepoint", "junction", "airport"};
constexpr std::array<std::string_view, 6> mode_names = {"rail", "sea", "road", "ferry", "transfer", "air"};
constexpr std::array<std::string_view, 7> transfer_names = {"", "gauge", "port", "ferry", "terminal", "airport", "border"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(std::string_view text, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (!names[i].empty() && names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(NodeKind kind) { return node_kind_names[static_cast<std::size_t>(kind)]; }
std::string_view to_string(Mode mode) { return mode_names[static_cast<std::size_t>(mode)]; }
std::string_view to_string(TransferKind kind) { return transfer_names[static_cast<std::size_t>(kind)]; }
std::optional<NodeKind> parse_node_kind(std::string_view text) { return parse_enum<NodeKind>(text, node_kind_names); }
std::optional<Mode> parse_mode(std::string_view text) { return parse_enum<Mode>(text, mode_names); }
std::optional<TransferKind> parse_transfer_kind(std::string_view text) {
  return parse_enum<TransferKind>(text, transfer_names);
}

std::string_view customs_union_of(std::string_view country) {
  // Membership as of 2026 (EU 27; EAEU 5). Sorted for binary search.
  static constexpr std::array<std::string_view, 27> eu = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                                          "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                                                          "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
  static constexpr std::array<std::string_view, 5> eaeu = {"AM", "BY", "KG", "KZ", "RU"};
  if (std::binary_search(eu.begin(), eu.end(), country)) return "EU";
  if (std::binary_search(eaeu.begin(), eaeu.end(), country)) return "EAEU";
  return "";
}

Network::Network(std::vector<Node> nodes, std::vector<Link> links) : nodes_(std::move(nodes)), links_(std::move(links)) {
  node_index_.reserve(nodes_.size());
  for (NodeId i = 0; i < nodes_.size(); ++i) node_index_.emplace(nodes_[i].id, i);
  folded_names_.reserve(nodes_.size());
  folded_base_names_.reserve(nodes_.size());
  for (const Node& node : nodes_) {
    folded_names_.push_back(fold_for_matching(node.name));
    const std::size_t bracket = node.name.find(" (");
    folded_base_names_.push_back(bracket == std::string::npos || bracket == 0 ? folded_names_.back()
                                                                              : fold_for_matching(node.name.substr(0, bracket)));
  }
  link_index_.reserve(links_.size());
  for (LinkId i = 0; i < links_.size(); ++i) link_index_.emplace(links_[i].id, i);
}

NodeId Network::find_node(std::string_view external_id) const {
  const auto it = node_index_.find(std::string(external_id));
  return it == node_index_.end() ? invalid_id : it->second;
}

LinkId Network::find_link(std::string_view external_id) const {
  const auto it = link_index_.find(std::string(external_id));
  return it == link_index_.end() ? invalid_id : it->second;
}

std::string Network::customs_territory(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.free_zone) return "free:" + n.id;
  // Junctions and chokepoints are passed in transit (a canal is no customs entry).
  if (n.country.empty() || !n.is_place()) return "";
  const std::string_view customs_union = customs_union_of(n.country);
  return std::string(customs_union.empty() ? std::string_view(n.country) : customs_union);
}

}  // namespace landbridge::network
