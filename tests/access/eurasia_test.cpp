// `landbridge access` on the embedded network: the JSON shape of docs/access.md, figures that add
// up, the origin rule at Great Stone, the before/after-2022 example, and the table's ranking.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_command.hpp"
#include "support/temp_folder.hpp"

namespace landbridge {
namespace {

using json = nlohmann::json;

json run_json(const std::string& args) {
  testing::TempFolder scratch;
  const testing::CommandResult r = testing::run_landbridge(args + " --format json", scratch.path() / "run");
  EXPECT_EQ(r.status, 0) << r.err;
  return json::parse(r.out);
}

const json& market_of(const json& site, const std::string& id) {
  for (const json& m : site["markets"]) {
    if (m["market"] == id) return m;
  }
  static const json none;
  ADD_FAILURE() << "no market " << id;
  return none;
}

TEST(AccessEurasia, JsonShapeAndFiguresThatAddUp) {
  const json j = run_json("access \"Great Stone\" --compare Łódź,Budapest,Khorgos --commodity machinery");
  EXPECT_EQ(j["commodity"], "machinery");
  EXPECT_GT(j["value_usd_per_teu"].get<double>(), 10000);
  ASSERT_EQ(j["sites"].size(), 4u);
  EXPECT_EQ(j["sites"][0]["site"], "BYGST");
  EXPECT_EQ(j["sites"][1]["site"], "PLLOD");
  std::vector<int> ranks;
  for (const json& site : j["sites"]) {
    for (const char* key : {"site", "name", "potential", "rank", "markets"}) EXPECT_TRUE(site.contains(key)) << key;
    ranks.push_back(site["rank"].get<int>());
    EXPECT_EQ(site["markets"].size(), j["markets"].size());
    for (const json& m : site["markets"]) {
      for (const char* key : {"market", "usd_per_teu", "freight_usd", "time_cost_usd", "customs_usd", "duty_usd", "days", "mode", "blocked"}) {
        EXPECT_TRUE(m.contains(key)) << key;
      }
      if (m["blocked"].is_null()) {
        const double sum = m["freight_usd"].get<double>() + m["time_cost_usd"].get<double>() + m["customs_usd"].get<double>() +
                           m["duty_usd"].get<double>();
        EXPECT_NEAR(sum, m["usd_per_teu"].get<double>(), 0.05) << site["site"] << " " << m["market"];
      } else {
        EXPECT_TRUE(m["usd_per_teu"].is_null());
        EXPECT_TRUE(m["mode"].is_null());
      }
    }
  }
  std::sort(ranks.begin(), ranks.end());
  EXPECT_EQ(ranks, (std::vector<int>{1, 2, 3, 4}));
  // Origin rule: Great Stone's goods are Belarusian, duty free in the EAEU, MFN in the EU.
  const json& gst = j["sites"][0];
  EXPECT_EQ(market_of(gst, "RU")["duty_usd"].get<double>(), 0);
  EXPECT_GT(market_of(gst, "DE")["duty_usd"].get<double>(), 0);
  // The pair worked by hand in docs/access.md: rail to Klaipėda, sea to Hamburg.
  const json& de = market_of(gst, "DE");
  EXPECT_EQ(de["mode"], "sea");
  EXPECT_EQ(de["node"], "DEHAM");
  EXPECT_NEAR(de["freight_usd"].get<double>(), 427.00, 0.005);
  EXPECT_NEAR(de["time_cost_usd"].get<double>(), 250.78, 0.005);
  EXPECT_NEAR(de["customs_usd"].get<double>(), 250.00, 0.005);
  EXPECT_NEAR(de["duty_usd"].get<double>(), 1167.06, 0.005);
  EXPECT_NEAR(de["usd_per_teu"].get<double>(), 2094.84, 0.005);
  EXPECT_NEAR(j["value_usd_per_teu"].get<double>(), 68650.47, 0.005);
  EXPECT_EQ(j["ranking"], json::array({"HUBUD", "PLLOD", "CNKHG", "BYGST"}));
  // EU machinery may not be exported to Russia or Belarus (Regulations 833/2014, 765/2006).
  EXPECT_EQ(market_of(j["sites"][1], "RU")["blocked"], "sanctions");
  EXPECT_EQ(market_of(j["sites"][1], "BY")["blocked"], "sanctions");
  EXPECT_TRUE(market_of(j["sites"][1], "DE")["blocked"].is_null());
}

TEST(AccessEurasia, BeforeThe2022SanctionsEuSitesReachRussia) {
  const json after = run_json("access Łódź --compare Budapest --commodity electronics");
  const json before = run_json("access Łódź --compare Budapest --commodity electronics --scenario before-2022-sanctions");
  EXPECT_EQ(market_of(after["sites"][0], "RU")["blocked"], "sanctions");
  EXPECT_TRUE(market_of(before["sites"][0], "RU")["blocked"].is_null());
  EXPECT_GT(before["sites"][0]["potential"].get<double>(), after["sites"][0]["potential"].get<double>());
  EXPECT_EQ(before["scenarios"], json::array({"before-2022-sanctions"}));
}

TEST(AccessEurasia, BorderClosureRaisesGreatStoneCostToTheEu) {
  const json open = run_json("access \"Great Stone\" --commodity machinery");
  const json closed = run_json("access \"Great Stone\" --commodity machinery --scenario eu-belarus-border-closure");
  EXPECT_GT(market_of(closed["sites"][0], "DE")["usd_per_teu"].get<double>(), market_of(open["sites"][0], "DE")["usd_per_teu"].get<double>());
}

TEST(AccessEurasia, TablePrintsTheRankingAndUnknownInputIsExit2) {
  testing::TempFolder scratch;
  const auto r = testing::run_landbridge("access \"Great Stone\" --compare Łódź,Budapest,Khorgos --commodity machinery", scratch.path() / "t");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("rank  site"), std::string::npos);
  EXPECT_NE(r.out.find("Great Stone industrial park (BYGST), origin BY"), std::string::npos);
  const auto bad = testing::run_landbridge("access Atlantis", scratch.path() / "b");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("FROM"), std::string::npos) << bad.err;
  const auto commodity = testing::run_landbridge("access Minsk --commodity toys", scratch.path() / "c");
  EXPECT_EQ(commodity.status, 2);
  EXPECT_EQ(commodity.err.substr(0, commodity.err.find('\n')),
            "landbridge: field \"--commodity\": unknown commodity \"toys\" (electronics, machinery, consumer-goods, auto-parts, "
            "chemicals-plastics, bulk-in-containers)");
}

}  // namespace
}  // namespace landbridge
