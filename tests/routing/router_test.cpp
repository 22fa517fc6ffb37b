#include "routing/router.hpp"

#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "io/network_geojson.hpp"
#include "routing/node_search.hpp"
#include "routing/route_summary.hpp"
#include "support/temp_folder.hpp"

namespace landbridge::routing {
namespace {

// The tiny network (tests/data/tiny/README.md has the drawing and the hand-worked answers).
class TinyRouting : public ::testing::Test {
 protected:
  TinyRouting() : net_(io::load_network(testing::tiny_network())), router_(net_), query_(router_) {}

  RouteSummary best(const std::string& from, const std::string& to, Criterion criterion, AvoidRules avoid = {},
                    CostParameters parameters = {}) {
    RouteRequest request;
    request.origins = resolve_nodes(net_, from, "from");
    request.destinations = resolve_nodes(net_, to, "to");
    request.criterion = criterion;
    request.avoid = std::move(avoid);
    request.parameters = parameters;
    const RouteResult result = query_.route(request);
    EXPECT_EQ(result.status, RouteStatus::found);
    return summarize(router_, result.routes.at(0));
  }

  std::vector<std::string> link_ids(const RouteSummary& s) {
    std::vector<std::string> ids;
    for (const Leg& leg : s.legs)
      for (ArcId a : leg.arcs) ids.push_back(net_.link(router_.graph().arc_link[a]).id);
    return ids;
  }

  network::Network net_;
  Router router_;
  RouterQuery query_;
};

using Ids = std::vector<std::string>;

TEST_F(TinyRouting, FastestIsTheNorthernRailRoute) {
  const RouteSummary s = best("Alpha", "Duisburg", Criterion::time);
  EXPECT_EQ(link_ids(s), (Ids{"r1", "t1", "r2", "t2", "r3"}));
  EXPECT_DOUBLE_EQ(s.total.hours, 146.0);
  EXPECT_DOUBLE_EQ(s.total.usd, 4050.0);
  EXPECT_DOUBLE_EQ(s.total.co2_kg, 490.0);
  EXPECT_DOUBLE_EQ(s.total.km, 5000.0);
  EXPECT_DOUBLE_EQ(s.total.customs_hours, 18.0);  // KZ border 10 h + Małaszewicze 8 h
  EXPECT_DOUBLE_EQ(s.total.customs_usd, 250.0);
  EXPECT_EQ(s.gauge_changes, 2);
  EXPECT_EQ(s.countries, (Ids{"CN", "KZ", "BY", "PL", "DE"}));
  EXPECT_TRUE(s.passages.empty());
  EXPECT_DOUBLE_EQ(s.criterion_value, 146.0);
}

TEST_F(TinyRouting, CheapestIsTheSeaRouteThroughSuez) {
  const RouteSummary s = best("Alpha", "Duisburg", Criterion::cost);
  EXPECT_EQ(link_ids(s), (Ids{"r0", "p1", "s1", "s2", "s3", "s4", "p2", "r7"}));
  EXPECT_DOUBLE_EQ(s.total.usd, 2080.0);
  EXPECT_DOUBLE_EQ(s.total.hours, 560.0);
  EXPECT_EQ(s.passages, (Ids{"bab-el-mandeb", "suez"}));
  EXPECT_EQ(s.gauge_changes, 0);
  // Sea links through a junction and two chokepoints merge into one leg between named ports.
  ASSERT_EQ(s.legs.size(), 5u);
  EXPECT_EQ(net_.node(s.legs[2].from).id, "CNSHA");
  EXPECT_EQ(net_.node(s.legs[2].to).id, "NLRTM");
  EXPECT_EQ(s.legs[2].mode, network::Mode::sea);
  EXPECT_DOUBLE_EQ(s.legs[2].totals.km, 16000.0);
  EXPECT_DOUBLE_EQ(s.legs[2].totals.customs_usd, 80.0);  // entering the EU at Rotterdam
  EXPECT_EQ(s.legs[1].transfer, network::TransferKind::port);
}

TEST_F(TinyRouting, LowestCo2IsTheNorthernRailRoute) {
  const RouteSummary s = best("Alpha", "Duisburg", Criterion::co2);
  EXPECT_EQ(link_ids(s), (Ids{"r1", "t1", "r2", "t2", "r3"}));
  EXPECT_DOUBLE_EQ(s.total.co2_kg, 490.0);
}

TEST_F(TinyRouting, GeneralizedCostSwitchesModeAtTheHandComputedValueOfTime) {
  // north: 4,050 + 146 v; sea: 2,080 + 560 v; equal at v = 4.758.
  const RouteSummary low = best("Alpha", "Duisburg", Criterion::generalized, {}, {4.7, 0});
  EXPECT_EQ(low.legs.size(), 5u);
  EXPECT_DOUBLE_EQ(low.total.usd, 2080.0);
  EXPECT_NEAR(low.criterion_value, 2080 + 560 * 4.7, 1e-9);
  const RouteSummary high = best("Alpha", "Duisburg", Criterion::generalized, {}, {4.8, 0});
  EXPECT_DOUBLE_EQ(high.total.usd, 4050.0);
  EXPECT_NEAR(high.criterion_value, 4050 + 146 * 4.8, 1e-9);
  // A carbon price alone (no value of time) must favour the cleaner route once it outweighs the
  // rate gap: 1,970 USD / (1.410 - 0.490) t = 2,141 USD per tonne.
  EXPECT_DOUBLE_EQ(best("Alpha", "Duisburg", Criterion::generalized, {}, {0, 2100}).total.usd, 2080.0);
  EXPECT_DOUBLE_EQ(best("Alpha", "Duisburg", Criterion::generalized, {}, {0, 2200}).total.usd, 4050.0);
}

TEST_F(TinyRouting, AvoidingBelarusTakesTheBalticRoute) {
  AvoidRules avoid;
  avoid.countries = {"BY"};
  const RouteSummary s = best("Alpha", "Duisburg", Criterion::time, avoid);
  EXPECT_EQ(link_ids(s), (Ids{"r1", "t1", "r4", "t3", "r5"}));
  EXPECT_DOUBLE_EQ(s.total.hours, 175.0);
  EXPECT_DOUBLE_EQ(s.total.usd, 4710.0);
}

TEST_F(TinyRouting, AvoidingBabElMandebGoesRoundTheCape) {
  AvoidRules avoid;
  avoid.passages = {"bab-el-mandeb"};
  const RouteSummary s = best("Shanghai", "Rotterdam", Criterion::cost, avoid);
  EXPECT_EQ(link_ids(s), (Ids{"s1", "s5", "s6"}));
  EXPECT_DOUBLE_EQ(s.total.km, 26000.0);
  EXPECT_EQ(s.passages, (Ids{"cape-of-good-hope"}));
}

TEST_F(TinyRouting, AvoidingModesNodesAndLinks) {
  AvoidRules no_sea;
  no_sea.modes = {network::Mode::sea};
  EXPECT_DOUBLE_EQ(best("Alpha", "Duisburg", Criterion::cost, no_sea).total.usd, 4050.0);
  AvoidRules no_brest;
  no_brest.nodes = {"BYBRS"};
  EXPECT_DOUBLE_EQ(best("Alpha", "Duisburg", Criterion::time, no_brest).total.hours, 175.0);
  AvoidRules no_r2;
  no_r2.links = {"r2"};
  EXPECT_DOUBLE_EQ(best("Alpha", "Duisburg", Criterion::time, no_r2).total.hours, 175.0);
  AvoidRules no_suez_link;
  no_suez_link.passages = {"suez"};  // the chokepoint node carries the tag
  EXPECT_DOUBLE_EQ(best("Alpha", "Duisburg", Criterion::cost, no_suez_link).total.usd, 2780.0);
}

TEST_F(TinyRouting, NoRouteIsAValueNotAnError) {
  RouteRequest request;
  request.origins = {net_.find_node("CNAAA")};
  request.destinations = {net_.find_node("DEDUI")};
  request.avoid.countries = {"BY", "LT"};
  request.avoid.modes = {network::Mode::sea};
  EXPECT_EQ(query_.route(request).status, RouteStatus::no_route);
}

TEST_F(TinyRouting, RulesNamingUnknownThingsAreInputErrors) {
  RouteRequest request;
  request.origins = {net_.find_node("CNAAA")};
  request.destinations = {net_.find_node("DEDUI")};
  request.avoid.countries = {"FR"};
  EXPECT_THROW((void)query_.route(request), InputError);
  request.avoid = {};
  request.avoid.passages = {"panama"};
  try {
    (void)query_.route(request);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "field \"avoid_passage\": no passage \"panama\" in the network; known: bab-el-mandeb, cape-of-good-hope, suez");
  }
  request.avoid = {};
  request.avoid.countries = {"CN"};  // the origin itself
  EXPECT_THROW((void)query_.route(request), InputError);
}

TEST_F(TinyRouting, SameNameMeansAnyOfItsNodes) {
  // "Rotterdam" is both the seaport and the rail terminal: a sea route ends at the port, without
  // paying the port transfer, while a rail route from Duisburg ends at the rail terminal.
  const RouteSummary sea = best("Shanghai", "Rotterdam", Criterion::cost);
  EXPECT_EQ(net_.node(sea.destination).id, "NLRTM");
  const RouteSummary rail = best("Duisburg", "Rotterdam", Criterion::cost);
  EXPECT_EQ(net_.node(rail.destination).id, "NLRTM-R");
  EXPECT_DOUBLE_EQ(rail.total.usd, 300.0);
}

TEST_F(TinyRouting, FreeZoneEntryPaysItsOwnCustoms) {
  const RouteSummary s = best("Alpha", "Great Stone", Criterion::time);
  // r1 20 + t1 6 + KZ customs 10 + r2 60 + r6 2 + free-zone customs 2 = 100 h
  EXPECT_DOUBLE_EQ(s.total.hours, 100.0);
  EXPECT_DOUBLE_EQ(s.total.customs_usd, 120.0);
}

TEST_F(TinyRouting, EastboundPaysChineseCustoms) {
  const RouteSummary s = best("Duisburg", "Alpha", Criterion::time);
  EXPECT_DOUBLE_EQ(s.total.customs_hours, 5.0 + 4.0);  // entering CN at the border, and the EAEU at Brest
}

TEST_F(TinyRouting, AlternativesDifferMateriallyAndComeBestFirst) {
  RouteRequest request;
  request.origins = {net_.find_node("CNAAA")};
  request.destinations = {net_.find_node("DEDUI")};
  request.criterion = Criterion::cost;
  request.alternatives = 4;
  const RouteResult result = query_.route(request);
  ASSERT_EQ(result.routes.size(), 4u);
  std::vector<double> costs;
  for (const RoutePath& p : result.routes) costs.push_back(summarize(router_, p).total.usd);
  EXPECT_EQ(costs, (std::vector<double>{2080, 2780, 4050, 4710}));
  // No alternative repeats another's links.
  for (std::size_t i = 0; i < result.routes.size(); ++i)
    for (std::size_t j = i + 1; j < result.routes.size(); ++j) EXPECT_NE(result.routes[i].arcs, result.routes[j].arcs);
}

TEST_F(TinyRouting, AlternativesRespectTheOverlapLimit) {
  RouteRequest request;
  request.origins = {net_.find_node("CNAAA")};
  request.destinations = {net_.find_node("DEDUI")};
  request.criterion = Criterion::cost;
  request.alternatives = 4;
  // Cape shares r0 p1 s1 p2 r7 and Rotterdam customs with Suez (1,380 of 2,780 USD, 0.50); the
  // Baltic route shares r1 t1 and the Kazakh customs with the northern one (1,300 of 4,710, 0.28).
  request.max_overlap = 0.25;
  const RouteResult result = query_.route(request);
  std::vector<double> costs;
  for (const RoutePath& p : result.routes) costs.push_back(summarize(router_, p).total.usd);
  EXPECT_EQ(costs, (std::vector<double>{2080, 4050}));
}

}  // namespace
}  // namespace landbridge::routing
