#include "access/output.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "access/report_assets.hpp"
#include "common/atomic_file.hpp"
#include "report/format.hpp"

namespace landbridge::access {
namespace {

using json = nlohmann::ordered_json;
using report::csv_field;
using report::rounded;
using report::with_thousands;

// Upper bounds of the colour bands (USD per TEU delivered) and their colours (ColorBrewer RdYlGn).
constexpr std::array<std::pair<double, const char*>, 6> bands = {{{1500, "#1a9850"},
                                                                  {3000, "#91cf60"},
                                                                  {4500, "#d9ef8b"},
                                                                  {6000, "#fee08b"},
                                                                  {9000, "#fc8d59"},
                                                                  {1e300, "#d73027"}}};
constexpr const char* blocked_colour = "#9e9e9e";

json number_or_null(const MarketAccess& a, double value, int decimals) {
  return a.blocked == Blocked::none ? json(rounded(value, decimals)) : json(nullptr);
}

// Sites by rank.
std::vector<std::size_t> rank_order(const AccessResult& r) {
  std::vector<std::size_t> order(r.sites.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return r.sites[a].rank < r.sites[b].rank; });
  return order;
}

std::size_t reached(const SiteAccess& s) {
  return static_cast<std::size_t>(std::count_if(s.markets.begin(), s.markets.end(), [](const MarketAccess& a) { return a.blocked == Blocked::none; }));
}

// Text padded to `width` code points (names have diacritics).
std::string pad(const std::string& text, std::size_t width) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xc0) != 0x80 ? 1 : 0;
  return text + std::string(width > count ? width - count : 0, ' ');
}

}  // namespace

std::string access_colour(const MarketAccess& access) {
  if (access.blocked != Blocked::none) return blocked_colour;
  for (const auto& [upper, colour] : bands) {
    if (access.usd_per_teu <= upper) return colour;
  }
  return bands.back().second;
}

json access_json(const AccessResult& r, const network::Network& network) {
  const AccessSettings& s = r.settings;
  json markets = json::array();
  for (const Market& m : r.markets) {
    const network::Node& n = network.node(m.nodes.front());
    json nodes = json::array();
    for (NodeId v : m.nodes) nodes.push_back(network.node(v).id);
    markets.push_back({{"market", m.id}, {"name", m.name}, {"group", m.group}, {"country", m.country}, {"territory", m.territory},
                       {"gdp_usd_bn", m.size_usd_bn}, {"nodes", std::move(nodes)}, {"lon", n.lon}, {"lat", n.lat}, {"source", m.source}});
  }
  json ranking = json::array();
  for (std::size_t i : rank_order(r)) ranking.push_back(r.sites[i].site.id);
  json sites = json::array();
  for (const SiteAccess& site : r.sites) {
    json rows = json::array();
    for (std::size_t m = 0; m < r.markets.size(); ++m) {
      const MarketAccess& a = site.markets[m];
      const bool ok = a.blocked == Blocked::none;
      rows.push_back({{"market", r.markets[m].id},
                      {"usd_per_teu", number_or_null(a, a.usd_per_teu, 2)},
                      {"freight_usd", number_or_null(a, a.freight_usd, 2)},
                      {"time_cost_usd", number_or_null(a, a.time_cost_usd, 2)},
                      {"customs_usd", number_or_null(a, a.customs_usd, 2)},
                      {"duty_usd", number_or_null(a, a.duty_usd, 2)},
                      {"duty_percent", number_or_null(a, a.duty_percent, 3)},
                      {"days", number_or_null(a, a.days(), 2)},
                      {"km", number_or_null(a, a.km, 0)},
                      {"mode", ok ? json(a.mode) : json(nullptr)},
                      {"node", ok ? json(network.node(a.node).id) : json(nullptr)},
                      {"blocked", ok ? json(nullptr) : json(to_string(a.blocked))},
                      {"fill", access_colour(a)}});
    }
    const network::Node& n = network.node(site.site.nodes.front());
    sites.push_back({{"site", site.site.id},
                     {"name", site.site.name},
                     {"country", site.site.country},
                     {"lon", n.lon},
                     {"lat", n.lat},
                     {"potential", rounded(site.potential, 3)},
                     {"rank", site.rank},
                     {"markets_reached", reached(site)},
                     {"markets", std::move(rows)}});
  }
  json colour_bands = json::array();
  for (const auto& [upper, colour] : bands) colour_bands.push_back({{"max_usd_per_teu", upper < 1e299 ? json(upper) : json(nullptr)}, {"fill", colour}});
  return json{{"commodity", freight::to_string(s.commodity)},
              {"value_usd_per_teu", rounded(s.value_usd_per_teu, 2)},
              {"carrying_rate_per_year", s.carrying_rate_per_year},
              {"usd_per_teu_hour", rounded(s.usd_per_teu_hour(), 4)},
              {"potential_reference_usd", s.potential_reference_usd},
              {"scenarios", r.scenarios},
              {"scenario_effects", r.effects},
              {"ranking", std::move(ranking)},
              {"colour_bands", std::move(colour_bands)},
              {"blocked_fill", blocked_colour},
              {"markets", std::move(markets)},
              {"sites", std::move(sites)}};
}

std::string access_table(const AccessResult& r) {
  const AccessSettings& s = r.settings;
  std::string out = fmt::format("Market access for {}, {} USD of cargo per TEU (time at {:g} % a year: {:.2f} USD per TEU-hour); scenario: {}\n\n",
                                freight::to_string(s.commodity), with_thousands(s.value_usd_per_teu, 0), s.carrying_rate_per_year * 100,
                                s.usd_per_teu_hour(), r.scenarios.empty() ? std::string("none") : fmt::format("{}", fmt::join(r.scenarios, " + ")));
  out += fmt::format("{:>4}  {}{:>18}  {:>8}  {:>8}\n", "rank", pad("site", 44), "potential bn USD", "reached", "blocked");
  for (std::size_t i : rank_order(r)) {
    const SiteAccess& site = r.sites[i];
    const std::size_t ok = reached(site);
    out += fmt::format("{:>4}  {}{:>18}  {:>8}  {:>8}\n", site.rank, pad(fmt::format("{} ({}, {})", site.site.name, site.site.id, site.site.country), 44),
                       with_thousands(site.potential, 1), ok, site.markets.size() - ok);
  }
  out += fmt::format("potential = Σ GDP × {} / max(delivered USD per TEU, {}) (docs/access.md)\n", with_thousands(s.potential_reference_usd, 0),
                     with_thousands(s.potential_reference_usd, 0));
  for (const std::string& effect : r.effects) out += fmt::format("rule {}\n", effect);
  for (std::size_t i : rank_order(r)) {
    const SiteAccess& site = r.sites[i];
    out += fmt::format("\n{} ({}), origin {}: rank {}, potential {} bn USD\n", site.site.name, site.site.id, site.site.country, site.rank,
                       with_thousands(site.potential, 1));
    out += fmt::format("{}{:<6}{:>9}{:>9}{:>7}{:>9}{:>8}{:>7}  {}\n", pad("market", 26), "terr.", "USD/TEU", "freight", "time", "customs",
                       "duty", "days", "mode");
    std::vector<std::size_t> order(r.markets.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const MarketAccess &x = site.markets[a], &y = site.markets[b];
      if ((x.blocked == Blocked::none) != (y.blocked == Blocked::none)) return x.blocked == Blocked::none;
      return x.usd_per_teu < y.usd_per_teu;
    });
    for (std::size_t m : order) {
      const Market& market = r.markets[m];
      const MarketAccess& a = site.markets[m];
      const std::string name = pad(fmt::format("{} ({})", market.name, market.id), 26);
      if (a.blocked != Blocked::none) {
        out += fmt::format("{}{:<6}{:>9}  {}\n", name, market.territory, "-",
                           a.blocked == Blocked::sanctions ? "blocked: sanctions" : "blocked: no route");
        continue;
      }
      out += fmt::format("{}{:<6}{:>9}{:>9}{:>7}{:>9}{:>8}{:>7.1f}  {}\n", name, market.territory, with_thousands(a.usd_per_teu, 0),
                         with_thousands(a.freight_usd, 0), with_thousands(a.time_cost_usd, 0), with_thousands(a.customs_usd, 0),
                         with_thousands(a.duty_usd, 0), a.days(), a.mode);
    }
  }
  return out;
}

std::string access_csv(const AccessResult& r) {
  std::string out =
      "site,site_name,rank,potential,market,market_name,territory,usd_per_teu,freight_usd,time_cost_usd,customs_usd,duty_usd,duty_percent,days,km,mode,"
      "blocked\n";
  for (const SiteAccess& site : r.sites) {
    for (std::size_t m = 0; m < r.markets.size(); ++m) {
      const Market& market = r.markets[m];
      const MarketAccess& a = site.markets[m];
      const std::string head = fmt::format("{},{},{},{:.3f},{},{},{}", csv_field(site.site.id), csv_field(site.site.name), site.rank, site.potential,
                                           csv_field(market.id), csv_field(market.name), market.territory);
      if (a.blocked != Blocked::none) {
        out += fmt::format("{},,,,,,,,,,{}\n", head, to_string(a.blocked));
      } else {
        out += fmt::format("{},{:.2f},{:.2f},{:.2f},{:.2f},{:.2f},{:.3f},{:.2f},{:.0f},{},\n", head, a.usd_per_teu, a.freight_usd, a.time_cost_usd,
                           a.customs_usd, a.duty_usd, a.duty_percent, a.days(), a.km, a.mode);
      }
    }
  }
  return out;
}

json access_geojson(const AccessResult& r, const network::Network& network) {
  json features = json::array();
  const json full = access_json(r, network);
  for (std::size_t i = 0; i < r.sites.size(); ++i) {
    const SiteAccess& site = r.sites[i];
    const network::Node& sn = network.node(site.site.nodes.front());
    features.push_back({{"type", "Feature"},
                        {"properties", {{"kind", "site"}, {"site", site.site.id}, {"name", site.site.name}, {"potential", rounded(site.potential, 3)},
                                        {"rank", site.rank}}},
                        {"geometry", {{"type", "Point"}, {"coordinates", {sn.lon, sn.lat}}}}});
    for (std::size_t m = 0; m < r.markets.size(); ++m) {
      const MarketAccess& a = site.markets[m];
      const network::Node& n = network.node(a.node != invalid_id ? a.node : r.markets[m].nodes.front());
      json properties = full["sites"][i]["markets"][m];
      properties["kind"] = "market";
      properties["site"] = site.site.id;
      properties["name"] = r.markets[m].name;
      properties["country"] = r.markets[m].country;
      features.push_back({{"type", "Feature"}, {"properties", std::move(properties)},
                          {"geometry", {{"type", "Point"}, {"coordinates", {n.lon, n.lat}}}}});
    }
  }
  return json{{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

std::string access_html(const AccessResult& r, const network::Network& network, const std::string& countries_geojson) {
  std::string data = json{{"access", access_json(r, network)}}.dump();
  if (!countries_geojson.empty()) {
    data.pop_back();
    data += ",\"countries\":" + countries_geojson + "}";
  }
  return report::fill_report_page(detail::access_template(), detail::access_script(), data, "landbridge market access");
}

void write_access(const std::filesystem::path& folder, const AccessResult& r, const network::Network& network, const std::string& countries_geojson) {
  write_file_atomically(folder / "access.json", access_json(r, network).dump(2) + "\n");
  write_file_atomically(folder / "access.csv", access_csv(r));
  write_file_atomically(folder / "access.geojson", access_geojson(r, network).dump() + "\n");
  write_file_atomically(folder / "report.html", access_html(r, network, countries_geojson));
}

}  // namespace landbridge::access
