#include "access/access.hpp"

#include <algorithm>
#include <array>
#include <numeric>

#include "routing/node_search.hpp"

namespace landbridge::access {

std::string_view to_string(Blocked blocked) {
  switch (blocked) {
    case Blocked::none: return "";
    case Blocked::sanctions: return "sanctions";
    case Blocked::no_route: return "no_route";
  }
  return "";
}

Site resolve_site(const network::Network& network, std::string_view text, const std::string& field) {
  Site site;
  site.nodes = routing::resolve_nodes(network, text, field);
  const network::Node& first = network.node(site.nodes.front());
  site.id = first.id;
  site.name = first.name;
  site.country = first.country;
  return site;
}

AccessQuery::AccessQuery(const routing::Router& router) : router_(router), dijkstra_(router.graph().topology) {}

AccessResult AccessQuery::run(const AccessData& data, std::span<const Site> sites, const AccessSettings& settings,
                              std::span<const std::uint8_t> arc_blocked) {
  const network::Graph& g = router_.graph();
  AccessResult result;
  result.settings = settings;
  result.markets = data.markets;
  result.sites.reserve(sites.size());
  const double usd_per_hour = settings.usd_per_teu_hour();
  // The router's generalized weights (cents of freight + customs + hours x value of time); the
  // figures reported are summed again from the arcs' own numbers along the tree path.
  weights_ = router_.weights(routing::Criterion::generalized, routing::CostParameters{usd_per_hour, 0});
  for (const Site& site : sites) {
    SiteAccess out;
    out.site = site;
    out.markets.resize(data.markets.size());
    dijkstra_.run(site.nodes, weights_, arc_blocked);
    for (std::size_t m = 0; m < data.markets.size(); ++m) {
      const Market& market = data.markets[m];
      MarketAccess& a = out.markets[m];
      const DutyRow* duty = data.duties.find(market.country, market.territory, site.country, settings.commodity);
      if (duty != nullptr && duty->sanctioned) {
        a.blocked = Blocked::sanctions;
        continue;
      }
      routing::Distance best = routing::unreachable;
      for (NodeId v : market.nodes) {
        const routing::Distance d = dijkstra_.distance(v);
        if (d < best) {
          best = d;
          a.node = v;
        }
      }
      if (best == routing::unreachable) {
        a.blocked = Blocked::no_route;
        a.node = invalid_id;
        continue;
      }
      std::array<double, network::mode_count> km_by_mode{};
      bool any_arc = false;
      for (ArcId arc = dijkstra_.parent_arc(a.node); arc != invalid_id; arc = dijkstra_.parent_arc(g.topology.tail[arc])) {
        any_arc = true;
        a.customs_usd += g.arc_customs_usd[arc];
        a.freight_usd += g.arc_usd[arc] - g.arc_customs_usd[arc];
        a.hours += g.arc_hours[arc];
        a.km += g.arc_length_km[arc];
        km_by_mode[static_cast<std::size_t>(g.arc_mode[arc])] += g.arc_length_km[arc];
      }
      if (!any_arc) {
        a.mode = "local";
      } else {
        int main = -1;
        for (int mode = 0; mode < network::mode_count; ++mode) {
          if (static_cast<network::Mode>(mode) == network::Mode::transfer) continue;
          if (main < 0 || km_by_mode[mode] > km_by_mode[main]) main = mode;
        }
        a.mode = km_by_mode[main] > 0 ? std::string(network::to_string(static_cast<network::Mode>(main))) : "transfer";
      }
      a.time_cost_usd = a.hours * usd_per_hour;
      a.duty_percent = duty != nullptr ? duty->duty_percent : 0;
      a.duty_usd = a.duty_percent / 100.0 * settings.value_usd_per_teu;
      a.usd_per_teu = a.freight_usd + a.time_cost_usd + a.customs_usd + a.duty_usd;
      // Harris (1954) market potential, cost in units of the reference and floored at 1.
      out.potential += market.size_usd_bn * settings.potential_reference_usd / std::max(a.usd_per_teu, settings.potential_reference_usd);
    }
    result.sites.push_back(std::move(out));
  }
  std::vector<std::size_t> order(result.sites.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return result.sites[x].potential > result.sites[y].potential; });
  for (std::size_t r = 0; r < order.size(); ++r) result.sites[order[r]].rank = static_cast<int>(r + 1);
  return result;
}

std::optional<double> mean_value_usd_per_teu(const freight::Demand& demand, freight::Commodity commodity) {
  double teu = 0, value = 0;
  for (const freight::DemandRow& row : demand.rows) {
    if (row.commodity != commodity) continue;
    teu += row.teu_per_year;
    value += row.teu_per_year * row.value_usd_per_teu;
  }
  if (teu <= 0) return std::nullopt;
  return value / teu;
}

}  // namespace landbridge::access
