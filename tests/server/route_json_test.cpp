// server::RouteJsonWriter writes the same bytes as report::routes_json(...).dump(): over many
// routes of the Eurasia network (every criterion, alternatives, avoid-rules) and over a network
// whose names need escaping.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "io/network_geojson.hpp"
#include "report/route_output.hpp"
#include "routing/route_options.hpp"
#include "server/route_json.hpp"

namespace landbridge {
namespace {

std::string dom_bytes(const routing::Router& router, const std::vector<routing::RouteSummary>& summaries, routing::Criterion c) {
  return report::routes_json(router, summaries, c).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

class RouteJson : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    network_ = new network::Network(io::load_network(std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia"));
    router_ = new routing::Router(*network_);
  }
  static void TearDownTestSuite() {
    delete router_;
    delete network_;
  }
  static network::Network* network_;
  static routing::Router* router_;
};
network::Network* RouteJson::network_ = nullptr;
routing::Router* RouteJson::router_ = nullptr;

TEST_F(RouteJson, SameBytesAsTheDomForManyRoutes) {
  const server::RouteJsonWriter writer(*router_);
  routing::RouterQuery query(*router_);
  const routing::OptionNames names = routing::OptionNames::http();
  // Every 7th node to every 11th: inland terminals, ports, borders, in both directions.
  std::vector<std::string> places;
  for (NodeId v = 0; v < network_->node_count(); v += 7) places.push_back(network_->node(v).id);
  int compared = 0, with_alternatives = 0;
  for (const char* optimize : {"time", "cost", "co2", "generalized"}) {
    for (std::size_t i = 0; i < places.size(); ++i) {
      for (std::size_t j = 0; j < places.size(); j += 3) {
        if (i == j) continue;
        routing::RouteOptions options;
        options.optimize = optimize;
        if ((i + j) % 4 == 0) options.avoid_passage = {"suez"};
        if ((i + j) % 5 == 0) options.usd_per_tonne_co2 = 87.5;
        const int alternatives = (i + j) % 3 == 0 ? 3 : 1;
        std::vector<routing::RouteSummary> summaries;
        try {
          summaries = routing::find_routes(*router_, query, places[i], places[j], options, alternatives, names);
        } catch (const InputError&) {
          continue;  // an avoided origin or destination
        }
        if (summaries.empty()) continue;
        const routing::Criterion criterion = options.criterion(names);
        std::string fast;
        writer.write(summaries, criterion, fast);
        ASSERT_EQ(fast, dom_bytes(*router_, summaries, criterion)) << places[i] << " -> " << places[j] << " by " << optimize;
        ++compared;
        with_alternatives += summaries.size() > 1 ? 1 : 0;
      }
    }
  }
  EXPECT_GT(compared, 300);
  EXPECT_GT(with_alternatives, 20);
}

TEST_F(RouteJson, AppendsToWhatIsThere) {
  const server::RouteJsonWriter writer(*router_);
  routing::RouterQuery query(*router_);
  const auto summaries =
      routing::find_routes(*router_, query, "CNCKG", "DEDUI", routing::RouteOptions{}, 1, routing::OptionNames::http());
  std::string out = "prefix";
  writer.write(summaries, routing::Criterion::time, out);
  EXPECT_EQ(out, "prefix" + dom_bytes(*router_, summaries, routing::Criterion::time));
}

// Names with quotes, backslashes, control characters, non-ASCII and invalid UTF-8 are escaped as
// nlohmann's dump escapes them.
TEST(RouteJsonEscaping, NamesThatNeedEscaping) {
  network::Network net = io::load_network(std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia");
  const std::vector<std::string> odd = {"Quote \"A\"", "Back\\slash", "Tab\there\nnewline\x01", "Łódź → Brest",
                                        std::string("bad \xff\xfe utf8"), "", "DEL\x7f"};
  // Rename the places of one route.
  routing::Router plain_router(net);
  routing::RouterQuery plain_query(plain_router);
  const auto plain = routing::find_routes(plain_router, plain_query, "CNCKG", "DEDUI", routing::RouteOptions{}, 1,
                                          routing::OptionNames::http());
  ASSERT_FALSE(plain.empty());
  std::vector<NodeId> touched = {plain.front().origin, plain.front().destination};
  for (const routing::Leg& leg : plain.front().legs) touched.push_back(leg.to);
  std::vector<network::Node> nodes;
  for (NodeId v = 0; v < net.node_count(); ++v) nodes.push_back(net.node(v));
  for (std::size_t k = 0; k < touched.size(); ++k) nodes[touched[k]].name = odd[k % odd.size()];
  network::Network renamed(std::move(nodes), net.links());
  const routing::Router router(renamed);
  routing::RouterQuery query(router);
  const auto summaries =
      routing::find_routes(router, query, "CNCKG", "DEDUI", routing::RouteOptions{}, 2, routing::OptionNames::http());
  ASSERT_FALSE(summaries.empty());
  const server::RouteJsonWriter writer(router);
  std::string fast;
  writer.write(summaries, routing::Criterion::time, fast);
  EXPECT_EQ(fast, dom_bytes(router, summaries, routing::Criterion::time));
  EXPECT_NE(fast.find("Quote \\\"A\\\""), std::string::npos);
  EXPECT_NE(fast.find("\\u0001"), std::string::npos);
}

}  // namespace
}  // namespace landbridge
