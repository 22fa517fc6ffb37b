// report/matrix_output.hpp: route matrices (routing::route_matrix) as JSON, CSV or a text table,
// and node lists as JSON: the shapes `landbridge table` and `landbridge nodes` print and the HTTP
// API answers.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "routing/route_options.hpp"

namespace landbridge::report {

// {optimize, origins, destinations, values, hours, usd, km, co2_kg}; each matrix is origins x
// destinations, null where there is no route. Origins and destinations are labelled by the first
// node of each group.
[[nodiscard]] nlohmann::ordered_json matrix_json(const network::Network& network, const routing::Matrix& matrix);
// origin,destination,value,hours,usd,km,co2_kg; empty fields where there is no route.
[[nodiscard]] std::string matrix_csv(const network::Network& network, const routing::Matrix& matrix);
// The criterion values for people, '-' where there is no route.
[[nodiscard]] std::string matrix_table(const network::Network& network, const routing::Matrix& matrix);

// [{id, name, kind, country, lat, lon}, ...] in the given order.
[[nodiscard]] nlohmann::ordered_json nodes_json(const network::Network& network, const std::vector<NodeId>& nodes);

}  // namespace landbridge::report
