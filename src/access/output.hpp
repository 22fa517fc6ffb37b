// access/output.hpp: market access for people (ranking and per-site tables), for programs (JSON,
// CSV, GeoJSON of the markets coloured by delivered cost) and as a self-contained report page
// with a map per site (docs/access.md).
#pragma once
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "access/access.hpp"
#include "network/model.hpp"

namespace landbridge::access {

// {"commodity", "value_usd_per_teu", "usd_per_teu_hour", ..., "markets": [...], "ranking": [ids],
//  "sites": [{"site", "name", "country", "potential", "rank", "markets": [{"market", "usd_per_teu",
//  "freight_usd", "time_cost_usd", "customs_usd", "duty_usd", "days", "mode", "blocked", ...}]}]}
// Blocked markets have null figures and mode, and "blocked": "sanctions" or "no_route".
[[nodiscard]] nlohmann::ordered_json access_json(const AccessResult& result, const network::Network& network);

// The ranking, then one table per site (markets by delivered cost, blocked ones last).
[[nodiscard]] std::string access_table(const AccessResult& result);

// One line per site and market: site, market, ..., usd_per_teu, ..., mode, blocked.
[[nodiscard]] std::string access_csv(const AccessResult& result);

// A Point per site and market at the market node delivered to (or its first node when blocked),
// with the figures and "fill": the colour of its delivered cost (access_colour); a Point per site.
[[nodiscard]] nlohmann::ordered_json access_geojson(const AccessResult& result, const network::Network& network);

// The colour of a delivered cost on the maps (six bands; grey when blocked): "#rrggbb".
[[nodiscard]] std::string access_colour(const MarketAccess& access);

// The report page: the JSON and the country shapes (may be empty) inlined with the embedded script.
[[nodiscard]] std::string access_html(const AccessResult& result, const network::Network& network, const std::string& countries_geojson);

// Writes access.json, access.csv, access.geojson and report.html into an existing folder, atomically.
void write_access(const std::filesystem::path& folder, const AccessResult& result, const network::Network& network,
                  const std::string& countries_geojson);

}  // namespace landbridge::access
