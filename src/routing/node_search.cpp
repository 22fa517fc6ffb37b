#include "routing/node_search.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "common/text.hpp"

namespace landbridge::routing {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// True if some word of `name` (folded, space-separated) starts with `prefix`.
bool starts_with_word(const std::string& name, const std::string& prefix) {
  if (prefix.empty()) return false;
  for (std::size_t pos = 0;; ++pos) {
    if (name.compare(pos, prefix.size(), prefix) == 0) return true;
    pos = name.find(' ', pos);
    if (pos == std::string::npos) return false;
  }
}

std::string describe(const network::Node& node) {
  return node.name.empty() ? node.id : fmt::format("{} ({})", node.name, node.id);
}

}  // namespace

std::vector<NodeId> suggest_nodes(const network::Network& network, std::string_view text, std::size_t limit) {
  const std::string folded = fold_for_matching(text);
  std::vector<std::pair<std::size_t, NodeId>> scored;
  for (NodeId v = 0; v < network.node_count(); ++v) {
    const network::Node& node = network.node(v);
    if (node.name.empty()) continue;
    const std::string& name = network.folded_name(v);
    std::size_t score = edit_distance(folded, name);
    // A query that is part of a longer name ("Brest" in "Brest North") is a good suggestion too.
    if (!folded.empty() && name.find(folded) != std::string::npos) score = std::min<std::size_t>(score, 1);
    score = std::min(score, edit_distance(upper(text), node.id));
    scored.emplace_back(score, v);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<NodeId> result;
  for (const auto& [score, v] : scored) {
    if (result.size() == limit) break;
    if (score > std::max<std::size_t>(3, folded.size() / 2)) break;
    result.push_back(v);
  }
  return result;
}

std::vector<NodeId> resolve_nodes(const network::Network& network, std::string_view text, const std::string& field) {
  if (text.empty()) throw InputError("", "", field, "no place given");
  if (const NodeId by_id = network.find_node(upper(text)); by_id != invalid_id) return {by_id};
  if (const NodeId by_id = network.find_node(text); by_id != invalid_id) return {by_id};
  const std::string folded = fold_for_matching(text);
  std::vector<NodeId> exact, same_base;
  std::set<std::string> prefix_names;
  std::vector<NodeId> prefixed;
  for (NodeId v = 0; v < network.node_count(); ++v) {
    const std::string& name = network.folded_name(v);
    if (name.empty()) continue;
    if (name == folded) exact.push_back(v);
    else if (network.folded_base_name(v) == folded) same_base.push_back(v);
    else if (starts_with_word(name, folded)) prefixed.push_back(v), prefix_names.insert(name);
  }
  if (!exact.empty()) return exact;
  if (!same_base.empty()) return same_base;
  if (prefix_names.size() == 1) return prefixed;
  std::vector<std::string> options;
  if (prefix_names.size() > 1) {
    for (NodeId v : prefixed) {
      if (options.size() == 5) break;
      options.push_back(describe(network.node(v)));
    }
    throw InputError("", "", field, fmt::format("\"{}\" matches several places: {}; say which", text, fmt::join(options, ", ")));
  }
  for (NodeId v : suggest_nodes(network, text, 5)) options.push_back(describe(network.node(v)));
  if (options.empty()) throw InputError("", "", field, fmt::format("no place called \"{}\" (see: landbridge nodes --search TEXT)", text));
  throw InputError("", "", field, fmt::format("no place called \"{}\"; did you mean {}?", text, fmt::join(options, ", ")));
}

std::vector<NodeId> search_nodes(const network::Network& network, std::string_view text) {
  const std::string folded = fold_for_matching(text);
  const std::string id_query = upper(text);
  std::vector<std::pair<int, NodeId>> ranked;
  for (NodeId v = 0; v < network.node_count(); ++v) {
    const network::Node& node = network.node(v);
    const std::string& name = network.folded_name(v);
    int rank = -1;
    if (folded.empty()) rank = 3;
    else if (node.id == id_query || name == folded) rank = 0;
    else if (starts_with_word(name, folded) || node.id.rfind(id_query, 0) == 0) rank = 1;
    else if (name.find(folded) != std::string::npos || node.id.find(id_query) != std::string::npos) rank = 2;
    if (rank >= 0) ranked.emplace_back(rank, v);
  }
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : network.node(a.second).id < network.node(b.second).id;
  });
  std::vector<NodeId> result;
  for (const auto& entry : ranked) result.push_back(entry.second);
  return result;
}

}  // namespace landbridge::routing
