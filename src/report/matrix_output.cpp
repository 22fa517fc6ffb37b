#include "report/matrix_output.hpp"

#include <cmath>

#include <fmt/format.h>

#include "report/format.hpp"

namespace landbridge::report {

using json = nlohmann::ordered_json;

namespace {

const std::string& label(const network::Network& net, const std::vector<NodeId>& group) { return net.node(group.front()).id; }

}  // namespace

json matrix_json(const network::Network& net, const routing::Matrix& matrix) {
  static constexpr std::array<const char*, 5> keys = {"values", "hours", "usd", "km", "co2_kg"};
  json j = {{"optimize", routing::to_string(matrix.criterion)}, {"origins", json::array()}, {"destinations", json::array()}};
  for (const auto& group : matrix.origins) j["origins"].push_back(label(net, group));
  for (const auto& group : matrix.destinations) j["destinations"].push_back(label(net, group));
  for (std::size_t k = 0; k < keys.size(); ++k) {
    json rows = json::array();
    for (std::size_t i = 0; i < matrix.origins.size(); ++i) {
      json row = json::array();
      for (std::size_t c = 0; c < matrix.destinations.size(); ++c) {
        const double v = matrix.cell(i, c)[k];
        row.push_back(std::isnan(v) ? json(nullptr) : json(rounded(v, 2)));
      }
      rows.push_back(std::move(row));
    }
    j[keys[k]] = std::move(rows);
  }
  return j;
}

std::string matrix_csv(const network::Network& net, const routing::Matrix& matrix) {
  std::string text = "origin,destination,value,hours,usd,km,co2_kg\n";
  for (std::size_t i = 0; i < matrix.origins.size(); ++i) {
    for (std::size_t c = 0; c < matrix.destinations.size(); ++c) {
      const auto& cell = matrix.cell(i, c);
      const std::string& from = label(net, matrix.origins[i]);
      const std::string& to = label(net, matrix.destinations[c]);
      if (std::isnan(cell[0])) {
        text += fmt::format("{},{},,,,,\n", from, to);
      } else {
        text += fmt::format("{},{},{:.2f},{:.2f},{:.2f},{:.1f},{:.1f}\n", from, to, cell[0], cell[1], cell[2], cell[3], cell[4]);
      }
    }
  }
  return text;
}

std::string matrix_table(const network::Network& net, const routing::Matrix& matrix) {
  std::string text = fmt::format("{} (optimized for {}; '-' = no route)\n",
                                 matrix.criterion == routing::Criterion::time ? "Hours" : "Values",
                                 routing::to_string(matrix.criterion));
  text += fmt::format("{:<12}", "from \\ to");
  for (const auto& group : matrix.destinations) text += fmt::format("{:>12}", label(net, group));
  text += "\n";
  for (std::size_t i = 0; i < matrix.origins.size(); ++i) {
    text += fmt::format("{:<12}", label(net, matrix.origins[i]));
    for (std::size_t c = 0; c < matrix.destinations.size(); ++c) {
      const double v = matrix.cell(i, c)[0];
      text += fmt::format("{:>12}", std::isnan(v) ? std::string("-") : with_thousands(v, 1));
    }
    text += "\n";
  }
  return text;
}

json nodes_json(const network::Network& net, const std::vector<NodeId>& nodes) {
  json list = json::array();
  for (NodeId v : nodes) {
    const network::Node& n = net.node(v);
    list.push_back({{"id", n.id}, {"name", n.name}, {"kind", network::to_string(n.kind)}, {"country", n.country},
                    {"lat", n.lat}, {"lon", n.lon}});
  }
  return list;
}

}  // namespace landbridge::report
