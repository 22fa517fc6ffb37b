// Scenario files: parsing, errors with file/line/key, each kind of rule on the embedded network,
// composition in order, the unchanged baseline, and the compare command's outputs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "io/csv.hpp"
#include "scenario/fixture.hpp"

namespace landbridge::scenario {
namespace {

using testing::eurasia;
using testing::run_text;

std::string error_of(const std::string& toml) {
  try {
    const auto c = run_text(toml);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ScenarioParse, ReadsRulesInFileOrder) {
  const Scenario s = parse_scenario(R"(name = "x"
[[change]]
link = "T-BRS-MAL"
capacity_factor = 2
[[close]]
passage = "suez"
[parameters]
usd_per_tonne_co2 = 50
)", "x.toml");
  ASSERT_EQ(s.rules.size(), 3u);
  EXPECT_EQ(s.rules[0].kind, RuleKind::change);
  EXPECT_EQ(s.rules[0].line, 2);
  EXPECT_EQ(s.rules[1].kind, RuleKind::close);
  EXPECT_EQ(s.rules[2].kind, RuleKind::parameters);
}

TEST(ScenarioParse, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(error_of("name = \"x\"\n[[close]]\npassage = \"suez\"\nfrobnicate = 1\n"),
            "test.toml: line 4: field \"close[1].frobnicate\": unknown key \"frobnicate\" in a [close] rule");
  EXPECT_EQ(error_of("name = \"x\"\n[[change]]\nlink = \"T-BRS-MAL\"\ncapacity_factor = \"big\"\n"),
            "test.toml: line 4: field \"change[1].capacity_factor\": expected a number");
  EXPECT_NE(error_of("name = \"x\"\n[[close]\n").find("test.toml: line 2, column"), std::string::npos);
  EXPECT_EQ(error_of("name = \"x\"\n[[sanction]]\ncommodities = [\"gold\"]\nthrough = [\"BY\"]\n").substr(0, 52),
            "test.toml: line 3: field \"sanction[1].commodities\": ");
}

TEST(ScenarioApply, RuleThatMatchesNothingIsAnError) {
  EXPECT_EQ(error_of("name = \"x\"\n\n[[close]]\npassage = \"panama\"\n"),
            "test.toml: line 3: field \"close[1].passages\": no chokepoint node or link has the passage \"panama\"");
  EXPECT_EQ(error_of("name = \"x\"\n[[close]]\nlink = \"NOPE\"\n"),
            "test.toml: line 2: field \"close[1].links\": no link \"NOPE\" in the network");
  EXPECT_EQ(error_of("name = \"x\"\n[[close]]\ncountry = \"BY\"\nborder_with = [\"DE\"]\n"),
            "test.toml: line 2: field \"close[1]\": matches no link of the network");
  EXPECT_EQ(error_of("name = \"x\"\n[[demand]]\nfactor = 2\norigin_country = \"PL\"\ndestination_country = \"PL\"\n"),
            "test.toml: line 2: field \"demand[1]\": matches no demand row");
}

TEST(ScenarioApply, BaselineIsBitIdenticalWithoutRestrictions) {
  const auto& e = eurasia();
  const freight::FreightModel plain(*e.router, e.demand, e.parameters);
  const freight::ArcRestrictions none;
  const freight::FreightModel restricted(*e.router, e.demand, e.parameters, &none);
  const auto a = plain.solve(), b = restricted.solve();
  EXPECT_EQ(a.arc_flow_teu_per_day, b.arc_flow_teu_per_day);
  EXPECT_EQ(a.iterations, b.iterations);
  EXPECT_EQ(a.relative_gap, b.relative_gap);
}

TEST(ScenarioApply, ClosedPassageNamesItsLinksAndEmptiesTheCorridor) {
  const auto c = run_text("name = \"x\"\n[[close]]\npassage = \"suez\"\n");
  ASSERT_EQ(c->applied.effects.size(), 1u);
  EXPECT_FALSE(c->applied.effects[0].touched.empty());
  EXPECT_LT(c->scenario.teu_by_corridor.at("sea-suez"), 1.0);
  EXPECT_GT(c->scenario.teu_by_corridor.at("sea-cape"), 0.9 * c->baseline.teu_by_corridor.at("sea-suez"));
}

TEST(ScenarioApply, SanctionBansOneCommodityThroughACountryOnly) {
  const auto c = run_text("name = \"x\"\n[[sanction]]\ncommodities = [\"electronics\"]\nthrough = [\"BY\"]\n");
  const auto& b = c->baseline.teu_by_mode_commodity.at("rail");
  const auto& s = c->scenario.teu_by_mode_commodity.at("rail");
  // Electronics leave Belarus: rail electronics fall (other routes are longer), machinery stays.
  EXPECT_LT(s.at("electronics"), 0.9 * b.at("electronics"));
  EXPECT_NEAR(s.at("machinery"), b.at("machinery"), 0.05 * b.at("machinery"));
  const freight::FreightResult& r = c->scenario_result;
  const auto& net = c->applied.network;
  const auto& g = c->scenario_router->graph();
  for (std::size_t row = 0; row < c->applied.demand.rows.size(); ++row) {
    if (c->applied.demand.rows[row].commodity != freight::Commodity::electronics) continue;
    for (const auto& o : r.row_options(row)) {
      for (ArcId a : r.arcs_of(o)) {
        ASSERT_NE(net.node(g.topology.head[a]).country, "BY") << "electronics row " << row << " passes Belarus";
      }
    }
  }
}

TEST(ScenarioApply, DemandGrowthByCommodity) {
  const auto c = run_text("name = \"x\"\n[[demand]]\nfactor = 1.5\ncommodities = [\"electronics\"]\norigin_country = \"CN\"\n");
  double electronics_cn = 0;
  const auto& e = eurasia();
  for (const auto& row : e.demand.rows) {
    if (row.commodity == freight::Commodity::electronics && e.network.node(row.origin).country == "CN") electronics_cn += row.teu_per_year;
  }
  EXPECT_NEAR(c->scenario.total_teu - c->baseline.total_teu, 0.5 * electronics_cn, 1.0);
}

TEST(ScenarioApply, ScenariosComposeInOrder) {
  const auto& e = eurasia();
  const Scenario twice = parse_scenario("name = \"a\"\n[[change]]\nlink = \"T-BRS-MAL\"\ncapacity_factor = 2\n", "a.toml");
  const Scenario plus = parse_scenario("name = \"b\"\n[[change]]\nlink = \"T-BRS-MAL\"\ncapacity_add_teu_per_day = 100\n", "b.toml");
  const LinkId l = e.network.find_link("T-BRS-MAL");
  const double c0 = e.network.link(l).capacity_teu_per_day;
  const auto ab = apply_scenarios({twice, plus}, e.network, e.router->graph(), e.demand, e.parameters);
  const auto ba = apply_scenarios({plus, twice}, e.network, e.router->graph(), e.demand, e.parameters);
  EXPECT_DOUBLE_EQ(ab.network.link(l).capacity_teu_per_day, 2 * c0 + 100);
  EXPECT_DOUBLE_EQ(ba.network.link(l).capacity_teu_per_day, 2 * (c0 + 100));
  EXPECT_EQ(ab.effects.size(), 2u);
}

TEST(ScenarioApply, BorderClosureForAModeKeepsOtherBorders) {
  const auto& e = eurasia();
  const Scenario s = parse_scenario("name = \"x\"\n[[close]]\ncountry = \"BY\"\nborder_with = [\"PL\"]\nmode = \"rail\"\n", "x.toml");
  const auto applied = apply_scenarios({s}, e.network, e.router->graph(), e.demand, e.parameters);
  std::set<std::string> closed(applied.closed_links.begin(), applied.closed_links.end());
  EXPECT_TRUE(closed.contains("T-BRS-MAL"));
  EXPECT_TRUE(closed.contains("T-SVI-SIE"));
  EXPECT_FALSE(closed.contains("R-GDG-KEN"));  // Belarus–Lithuania stays open
  EXPECT_FALSE(closed.contains("R-KRS-OSI"));  // and Russia–Belarus
}

TEST(CompareCommand, WritesSummaryWithTheAssignKeysAndAllFiles) {
  const std::string out = ::testing::TempDir() + "/landbridge-compare-test";
  std::filesystem::remove_all(out);
  const std::string command = std::string(LANDBRIDGE_BINARY) + " compare --scenario carbon-price-100 --out " + out + " > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  for (const char* f : {"summary.json", "flows.geojson", "link_flows.csv", "modes.csv", "corridors.csv", "markets.csv", "countries.csv", "crossings.csv",
                        "report.html"}) {
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(out) / f)) << f;
  }
  const auto summary = nlohmann::json::parse(io::read_text_file(out + "/summary.json"));
  ASSERT_TRUE(summary.contains("baseline") && summary.contains("scenario") && summary.contains("delta"));
  const auto& e = eurasia();
  const freight::FreightModel model(*e.router, e.demand, e.parameters);
  const auto result = model.solve();
  const auto assign = freight::summary_json(freight::summarize(model, result), result);
  for (const auto& [key, value] : assign.items()) {
    EXPECT_TRUE(summary["baseline"].contains(key)) << key;
    EXPECT_TRUE(summary["scenario"].contains(key)) << key;
  }
  EXPECT_EQ(summary["baseline"]["teu_by_mode"], nlohmann::json::parse(assign["teu_by_mode"].dump()));
  std::filesystem::remove_all(out);
}

TEST(CompareCommand, UnknownScenarioListsTheBuiltIns) {
  try {
    (void)resolve_scenario("atlantis", LANDBRIDGE_DATA_DIR);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("red-sea-closure"), std::string::npos);
  }
}

}  // namespace
}  // namespace landbridge::scenario
