// freight/commodity.hpp: the fixed list of commodity classes (docs/demand-format.md).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace landbridge::freight {

enum class Commodity : std::uint8_t {
  electronics,
  machinery,
  consumer_goods,
  auto_parts,
  chemicals_plastics,
  bulk_in_containers,
};
inline constexpr int commodity_count = 6;
inline constexpr std::array<Commodity, commodity_count> all_commodities = {
    Commodity::electronics, Commodity::machinery,          Commodity::consumer_goods,
    Commodity::auto_parts,  Commodity::chemicals_plastics, Commodity::bulk_in_containers};

// "electronics", "consumer-goods", ... as written in demand files.
[[nodiscard]] std::string_view to_string(Commodity commodity);
[[nodiscard]] std::optional<Commodity> parse_commodity(std::string_view text);

}  // namespace landbridge::freight
