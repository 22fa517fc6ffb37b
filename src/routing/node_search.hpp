// routing/node_search.hpp: finding nodes by what people type: an id or a name, in any case and
// with or without diacritics ("Malaszewicze" finds Małaszewicze).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "network/model.hpp"

namespace landbridge::routing {

// The nodes a text means: the node with that id (case-insensitive); else every node whose folded
// name equals the folded text (a city may have a seaport and a rail terminal of one name); else the
// nodes whose name without a bracketed qualifier equals it ("Shanghai" means both "Shanghai
// (Yangshan)" and "Shanghai (rail terminal)"); else the nodes of the one name that starts with the text. Throws InputError naming `field` with up to five
// "did you mean" suggestions when nothing or several different names match.
[[nodiscard]] std::vector<NodeId> resolve_nodes(const network::Network& network, std::string_view text,
                                                const std::string& field);

// Nodes whose id or name contains the folded text, best matches first (exact, prefix, substring),
// then by id; all nodes (by id) for an empty text.
[[nodiscard]] std::vector<NodeId> search_nodes(const network::Network& network, std::string_view text);

// Up to `limit` nodes whose names are closest to the text (edit distance on folded names).
[[nodiscard]] std::vector<NodeId> suggest_nodes(const network::Network& network, std::string_view text,
                                                std::size_t limit);

}  // namespace landbridge::routing
