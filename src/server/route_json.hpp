// server/route_json.hpp: the answer of GET /v1/route written straight into a string, without the
// nlohmann DOM that report::routes_json builds: the same bytes as routes_json(...).dump() (compact;
// tests/server/route_json_test.cpp compares them over many routes), at a fraction of the cost
// (building and freeing the DOM was about half the CPU time of an uncached route request).
#pragma once
#include <string>
#include <vector>

#include "routing/route_summary.hpp"
#include "routing/router.hpp"

namespace landbridge::server {

class RouteJsonWriter {
 public:
  // Escapes every node's id and name once. Keeps a reference to `router`.
  explicit RouteJsonWriter(const routing::Router& router);

  // Appends the JSON of report::routes_json(router, summaries, criterion) to `out`. `summaries`
  // must not be empty.
  void write(const std::vector<routing::RouteSummary>& summaries, routing::Criterion criterion, std::string& out) const;

 private:
  void write_route(const routing::RouteSummary& route, routing::Criterion criterion, std::string& out) const;

  const routing::Router& router_;
  std::vector<std::string> id_json_, name_json_;  // per node: the quoted JSON string
};

}  // namespace landbridge::server
