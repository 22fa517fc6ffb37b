// network/ids.hpp: dense 32-bit ids shared by every module.
#pragma once
#include <cstdint>
#include <limits>

namespace landbridge {

using NodeId = std::uint32_t;  // index into Network::nodes() and the graph's node arrays
using LinkId = std::uint32_t;  // index into Network::links()
using ArcId = std::uint32_t;   // index into the compiled graph's arc arrays (one or two arcs per link)
inline constexpr std::uint32_t invalid_id = std::numeric_limits<std::uint32_t>::max();
static_assert(sizeof(NodeId) == 4 && sizeof(ArcId) == 4);

}  // namespace landbridge
