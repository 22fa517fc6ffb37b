// scenario/report_html.hpp: the comparison as one self-contained HTML file (map, charts, tables),
// from a template and a d3 bundle built from web/report/ with npm and embedded in the binary.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace landbridge::scenario {

// True when the build embedded the report's page and script (Node.js and npm were found).
[[nodiscard]] bool report_assets_available();

// The page with the data inlined: `summary` is comparison_json(), `flows` flows_geojson(),
// `countries_geojson` the text of a GeoJSON FeatureCollection of country shapes (or empty).
[[nodiscard]] std::string report_html(const nlohmann::ordered_json& summary, const nlohmann::ordered_json& flows,
                                      const std::string& countries_geojson);

}  // namespace landbridge::scenario
