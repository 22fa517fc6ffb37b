// report/route_output.hpp: routes and matrices as a table, JSON or GeoJSON.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "routing/route_summary.hpp"
#include "routing/router.hpp"

namespace landbridge::report {

enum class Format : std::uint8_t { table, json, geojson, csv };
[[nodiscard]] std::optional<Format> parse_format(std::string_view text);

// One route as JSON: total {km, hours, days, usd, co2_kg, customs_hours, customs_usd}, legs,
// gauge_changes, countries, passages (see docs/cli.md).
[[nodiscard]] nlohmann::ordered_json route_json(const routing::Router& router, const routing::RouteSummary& route,
                                        routing::Criterion criterion);

// The answer to a route request: the best route's keys at the top level, and "alternatives" with
// the others. `summaries` must not be empty.
[[nodiscard]] nlohmann::ordered_json routes_json(const routing::Router& router, const std::vector<routing::RouteSummary>& summaries,
                                         routing::Criterion criterion);
[[nodiscard]] std::string routes_table(const routing::Router& router, const std::vector<routing::RouteSummary>& summaries,
                                       routing::Criterion criterion);
// A FeatureCollection: one LineString per leg (properties route, leg, mode, from, to, km, hours,
// usd, co2_kg) and a Point for each route's origin and destination.
[[nodiscard]] nlohmann::ordered_json routes_geojson(const routing::Router& router,
                                            const std::vector<routing::RouteSummary>& summaries);

}  // namespace landbridge::report
