#include "freight/commodity.hpp"

namespace landbridge::freight {
namespace {
constexpr std::array<std::string_view, commodity_count> names = {
    "electronics", "machinery", "consumer-goods", "auto-parts", "chemicals-plastics", "bulk-in-containers"};
}

std::string_view to_string(Commodity commodity) { return names[static_cast<std::size_t>(commodity)]; }

std::optional<Commodity> parse_commodity(std::string_view text) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<Commodity>(i);
  }
  return std::nullopt;
}

}  // namespace landbridge::freight
