// Rules for year inputs and road sanctions ([[rate]], [[avoid]], [[haulier_ban]], background_factor,
// demand by region, year and [[period]]) on the tiny freight network, checked by hand.
#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "freight/model.hpp"
#include "io/network_geojson.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::scenario {
namespace {

const std::filesystem::path tiny = std::filesystem::path(LANDBRIDGE_TEST_DATA_DIR) / "tiny-freight";

// The tiny network (tests/data/tiny/README.md) with t2 (Brest -> Małaszewicze) given a capacity and
// 100 TEU a day of background traffic each way, and a road from CNAAA to a Polish road post PLRD.
struct Tiny {
  Tiny() {
    const network::Network base = io::load_network(tiny);
    std::vector<network::Node> nodes = base.nodes();
    // The road runs both ways, so its reversed arc enters China at CNAAA, which needs customs figures.
    nodes[base.find_node("CNAAA")].customs_hours = 6, nodes[base.find_node("CNAAA")].customs_usd = 90;
    network::Node post;
    post.id = post.name = "PLRD";
    post.kind = network::NodeKind::border;
    post.country = "PL";
    post.lon = 23.6, post.lat = 52.1;
    post.customs_hours = 8, post.customs_usd = 150;
    post.source = "tiny";
    nodes.push_back(post);
    std::vector<network::Link> links = base.links();
    links[base.find_link("t2")].capacity_teu_per_day = 1200;
    links[base.find_link("t2")].background_teu_per_day = {100, 100};
    network::Link road;
    road.id = "d1";
    road.from = base.find_node("CNAAA");
    road.to = static_cast<NodeId>(nodes.size() - 1);
    road.mode = network::Mode::road;
    road.hours = 60, road.usd_per_teu = 3000, road.length_km = 4000;
    road.source = "tiny";
    road.geometry = {{104, 30}, {23.6, 52.1}};
    links.push_back(road);
    network = network::Network(std::move(nodes), std::move(links));
    graph = network::compile(network);
    demand = freight::load_demand(tiny / "demand.csv", network);
    parameters = freight::load_freight_parameters(tiny / "freight-parameters.json");
    parameters.regions = {{"CN", {"CN"}}, {"EU", {"PL", "DE", "NL", "LT"}}};
  }
  [[nodiscard]] AppliedScenario apply(const std::string& toml) const {
    return apply_scenarios({parse_scenario("name = \"test\"\n" + toml, "test.toml")}, network, graph, demand, parameters);
  }
  network::Network network;
  network::Graph graph;
  freight::Demand demand;
  freight::FreightParameters parameters;
};

std::string error_of(const std::string& toml) {
  try {
    (void)Tiny().apply(toml);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(YearRules, RateIndexRaisesTheLineHaulOfOneDirection) {
  const Tiny t;
  const AppliedScenario a = t.apply("[[rate]]\nmode = \"sea\"\ndirection = \"CN->EU\"\nindex = 2\n");
  EXPECT_EQ(a.parameters.rate_index_for("sea", "CN->EU"), 2);
  EXPECT_EQ(a.parameters.rate_index_for("sea", "EU->CN"), 1);
  const routing::Router router(a.network);
  const freight::FreightResult result = freight::FreightModel(router, a.demand, a.parameters, &a.restrictions).solve();
  for (const freight::RowOption& o : result.row_options(0)) {
    // Suez: 2,080 USD, of which s1-s4 carry 300 + 200 + 100 + 400 = 1,000 of sea rates (doubled).
    if (result.corridor_names[o.corridor] == "sea-suez") {
      EXPECT_DOUBLE_EQ(o.usd, 3080);
    } else if (result.corridor_names[o.corridor] == "northern") {
      EXPECT_DOUBLE_EQ(o.usd, 4050);
    }
  }
}

TEST(YearRules, AvoidSplitsTheRowsAndTheSplitTakesNoRouteThroughTheCountry) {
  const Tiny t;
  const AppliedScenario a = t.apply("[[avoid]]\nshare = 0.25\nthrough = \"BY\"\norigin_region = \"CN\"\n");
  ASSERT_EQ(a.demand.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(a.demand.rows[0].teu_per_year, 3650 * 0.75);
  EXPECT_DOUBLE_EQ(a.demand.rows[1].teu_per_year, 3650 * 0.25);
  EXPECT_EQ(a.demand.rows[1].avoid, 1);
  ASSERT_EQ(a.restrictions.avoid.size(), 1u);
  const routing::Router router(a.network);
  const freight::FreightResult result = freight::FreightModel(router, a.demand, a.parameters, &a.restrictions).solve();
  std::vector<std::string> avoiding;
  for (const freight::RowOption& o : result.row_options(1)) avoiding.push_back(result.corridor_names[o.corridor]);
  EXPECT_EQ(avoiding, (std::vector<std::string>{"baltic", "sea-suez", "sea-cape"}));  // northern runs through Brest
  EXPECT_EQ(result.row_options(0).size(), 4u);
  EXPECT_EQ(error_of("[[avoid]]\nshare = 0.5\nthrough = \"BY\"\norigin_region = \"XX\"\n"),
            "test.toml: line 2: field \"avoid[1].origin_regions\": no region \"XX\" in the freight parameters' regions");
}

TEST(YearRules, HaulierBanAddsACarrierChangeOnRoadsBetweenTheCountries) {
  const Tiny t;
  const AppliedScenario a =
      t.apply("[[haulier_ban]]\ncarriers_of = [\"CN\"]\nroads_of = [\"EU\"]\nchange_hours = 12\nchange_usd = 250\n");
  const network::Link& d1 = a.network.link(a.network.find_link("d1"));
  EXPECT_EQ(d1.carrier_change_hours, 12);
  EXPECT_EQ(d1.carrier_change_usd, 250);
  const network::Graph g = network::compile(a.network);
  for (ArcId arc = 0; arc < g.arc_count(); ++arc) {
    if (a.network.link(g.arc_link[arc]).id != "d1" || g.arc_reversed[arc] != 0) continue;
    EXPECT_DOUBLE_EQ(g.arc_hours[arc], 60 + 8 + 12);     // driving + customs at PLRD + the change
    EXPECT_DOUBLE_EQ(g.arc_usd[arc], 3000 + 150 + 250);
  }
  EXPECT_EQ(a.network.link(a.network.find_link("r1")).carrier_change_hours, 0);  // rail is not touched
  EXPECT_EQ(error_of("[[haulier_ban]]\ncarriers_of = [\"KZ\"]\nroads_of = [\"EU\"]\nchange_hours = 12\n"),
            "test.toml: line 2: field \"haulier_ban[1]\": matches no road link or road border post between those countries");
}

TEST(YearRules, BackgroundFactorScalesBothDirections) {
  const Tiny t;
  const AppliedScenario a = t.apply("[[change]]\nlink = \"t2\"\nbackground_factor = 2.5\n");
  const auto& b = a.network.link(a.network.find_link("t2")).background_teu_per_day;
  EXPECT_EQ(b[0], 250);
  EXPECT_EQ(b[1], 250);
}

TEST(YearRules, DemandByRegion) {
  const Tiny t;
  const AppliedScenario a = t.apply("[[demand]]\nfactor = 1.5\norigin_region = \"CN\"\ndestination_region = \"EU\"\n");
  EXPECT_DOUBLE_EQ(a.demand.rows[0].teu_per_year, 3650 * 1.5);
  EXPECT_EQ(error_of("[[demand]]\nfactor = 1.5\norigin_region = \"EU\"\n"), "test.toml: line 2: field \"demand[1]\": matches no demand row");
}

TEST(YearRules, YearAndPeriods) {
  const Scenario s = parse_scenario(R"(name = "2025"
year = 2025
[[rate]]
mode = "sea"
direction = ["CN->EU", "*"]
index = 1.8
[[period]]
name = "Poland closes its Belarus border"
days = 13
[[period.close]]
link = "t2"
)", "2025.toml");
  EXPECT_EQ(s.year, 2025);
  ASSERT_EQ(s.periods.size(), 1u);
  EXPECT_EQ(s.periods[0].days, 13);
  ASSERT_EQ(s.periods[0].rules.size(), 1u);
  EXPECT_EQ(s.periods[0].rules[0].key, "period[1].close[1]");
  const auto error = [](const std::string& text) {
    try {
      (void)parse_scenario(text, "y.toml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("name = \"y\"\n[[period]]\nname = \"p\"\n[[period.close]]\nlink = \"t2\"\n"),
            "y.toml: line 2: field \"period[1].days\": a period needs \"days\"");
  EXPECT_EQ(error("name = \"y\"\n[[period]]\ndays = 400\n"), "y.toml: line 3: field \"period[1].days\": expected a whole number of days from 1 to 366");
  EXPECT_EQ(error("name = \"y\"\n[[period]]\ndays = 3\nspeed = 2\n"),
            "y.toml: line 4: field \"period[1].speed\": unknown key \"speed\" in a [[period]] (name, days, and rule tables)");
  EXPECT_EQ(error("name = \"y\"\nyear = \"2024\"\n[[close]]\nlink = \"t2\"\n"), "y.toml: line 2: field \"year\": expected a year such as 2024");
  EXPECT_EQ(error("name = \"y\"\n[[rate]]\nmode = \"ship\"\ndirection = \"*\"\nindex = 2\n"),
            "y.toml: line 3: field \"rate[1].mode\": expected sea, rail, air or road, got \"ship\"");
  // A comparison applies one state to the whole year.
  const Tiny t;
  try {
    (void)apply_scenarios({s}, t.network, t.graph, t.demand, t.parameters);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).substr(0, 29), "2025.toml: field \"period\": [[");
  }
}

}  // namespace
}  // namespace landbridge::scenario
