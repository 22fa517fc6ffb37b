// access/access.hpp: market access from production sites (docs/access.md): for each site one
// shortest-path tree on the generalized cost (freight USD + value of time x hours, customs at
// territory entry as the router prices them), then per market the best of its serving nodes plus
// the import duty by origin; a Harris-type market potential per site and the ranking.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "access/markets.hpp"
#include "freight/commodity.hpp"
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "network/model.hpp"
#include "routing/router.hpp"

namespace landbridge::access {

// A production site: the nodes one place name means; goods made there take `country`'s origin
// (a free zone such as Great Stone included: its goods are of its country's origin).
struct Site {
  std::vector<NodeId> nodes;
  std::string id, name, country;
};

// Resolves a place name or id (routing::resolve_nodes); throws InputError naming `field`.
[[nodiscard]] Site resolve_site(const network::Network& network, std::string_view text, const std::string& field);

struct AccessSettings {
  freight::Commodity commodity = freight::Commodity::machinery;
  double value_usd_per_teu = 0;        // cargo value of one TEU
  double carrying_rate_per_year = 0;   // the class's inventory carrying rate (freight parameters)
  // Markets delivered for this cost or less count in full in the potential (docs/access.md).
  double potential_reference_usd = 1000;
  // The cost of an hour in transit for one TEU, as the freight model prices it (docs/freight.md).
  [[nodiscard]] double usd_per_teu_hour() const {
    return freight::time_value_usd_per_teu_hour(value_usd_per_teu, carrying_rate_per_year);
  }
};

enum class Blocked : std::uint8_t { none, sanctions, no_route };
[[nodiscard]] std::string_view to_string(Blocked blocked);

// The best delivery of one site's goods to one market. When blocked, the figures are 0 and
// mode is empty (null in JSON).
struct MarketAccess {
  Blocked blocked = Blocked::none;
  double usd_per_teu = 0;    // freight + time cost + customs + duty
  double freight_usd = 0;    // rates and handling charges (customs fees excluded)
  double time_cost_usd = 0;  // hours x usd_per_teu_hour
  double customs_usd = 0;    // clearance fees where the route enters a customs territory
  double duty_usd = 0;       // duty_percent / 100 x value
  double duty_percent = 0;
  double hours = 0;          // door to door, customs hours included
  double km = 0;
  std::string mode;          // main mode of the line haul (most km); "local" when delivered at the site
  NodeId node = invalid_id;  // the market node delivered to
  [[nodiscard]] double days() const { return hours / 24.0; }
};

struct SiteAccess {
  Site site;
  double potential = 0;  // Σ size x reference / max(cost, reference), bn USD (docs/access.md)
  int rank = 0;          // 1 = highest potential
  std::vector<MarketAccess> markets;  // in the order of AccessData::markets
};

struct AccessResult {
  AccessSettings settings;
  std::vector<Market> markets;
  std::vector<SiteAccess> sites;  // in the order given (rank says the order by potential)
  std::vector<std::string> scenarios;  // names applied
  std::vector<std::string> effects;    // what each scenario rule did, for people
};

// The whole computation on a router (its network possibly changed by scenarios), with arcs that
// are closed for this commodity marked in `arc_blocked` (empty: none). Reuse one AccessQuery per
// thread: run() allocates only its result.
class AccessQuery {
 public:
  explicit AccessQuery(const routing::Router& router);
  [[nodiscard]] AccessResult run(const AccessData& data, std::span<const Site> sites, const AccessSettings& settings,
                                 std::span<const std::uint8_t> arc_blocked = {});

 private:
  const routing::Router& router_;
  routing::DijkstraQuery dijkstra_;
  std::vector<routing::Weight> weights_;
};

// The TEU-weighted mean cargo value of a class in a demand (its default value); nullopt if none.
[[nodiscard]] std::optional<double> mean_value_usd_per_teu(const freight::Demand& demand, freight::Commodity commodity);

}  // namespace landbridge::access
