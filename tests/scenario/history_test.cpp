// The backcast on the tiny network (tests/data/history-tiny): year files, periods weighted by days,
// published figures and their errors, the fit measures by hand, and the command's outputs.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "freight/model.hpp"
#include "io/network_geojson.hpp"
#include "scenario/history.hpp"
#include "support/run_command.hpp"
#include "support/temp_folder.hpp"

namespace landbridge::scenario {
namespace {

const std::filesystem::path data = LANDBRIDGE_TEST_DATA_DIR;
const std::filesystem::path years_folder = data / "history-tiny";

struct TinyBase {
  TinyBase()
      : network(io::load_network(data / "tiny-freight")),
        router(network),
        demand(freight::load_demand(data / "tiny-freight" / "demand.csv", network)),
        parameters(freight::load_freight_parameters(data / "tiny-freight" / "freight-parameters.json")) {}
  network::Network network;
  routing::Router router;
  freight::Demand demand;
  freight::FreightParameters parameters;
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(History, YearFilesArePickedByNameAndSorted) {
  const std::vector<Scenario> years = load_year_files(years_folder);
  ASSERT_EQ(years.size(), 3u);
  EXPECT_EQ(*years[0].year, 2022);
  EXPECT_EQ(*years[2].year, 2024);
  EXPECT_EQ(years[2].periods.size(), 1u);
  testing::TempFolder folder;
  testing::write_text(folder.path() / "2020.toml", "name = \"x\"\nyear = 2021\n");
  EXPECT_EQ(error_of([&] { (void)load_year_files(folder.path()); }),
            (folder.path() / "2020.toml").string() + ": field \"year\": a year file named 2020.toml needs year = 2020");
}

TEST(History, PublishedFiguresAreChecked) {
  EXPECT_EQ(load_published(years_folder / "published.toml").size(), 4u);
  testing::TempFolder folder;
  const auto bad = [&](const std::string& text) {
    testing::write_text(folder.path() / "p.toml", text);
    return error_of([&] { (void)load_published(folder.path() / "p.toml"); });
  };
  const std::string file = (folder.path() / "p.toml").string();
  EXPECT_EQ(bad("[[figure]]\nyear = 2023\nkey = \"rail_teu\"\nvalue = 1\nsource = \"x\"\n"),
            file + ": line 3: field \"figure[1].key\": expected one of rail_teu_cn_eu, rail_teu_eu_cn, rail_teu_cn_eu_total, "
                   "transit_teu_by, middle_corridor_teu, sea_cape_share, rail_share_cn_eu, rail_teu_china_europe, "
                   "air_value_share_cn_eu, air_value_share_eu_cn, got \"rail_teu\"");
  EXPECT_EQ(bad("[[figure]]\nyear = 2023\nkey = \"sea_cape_share\"\nvalue = 3\nsource = \"x\"\n"),
            file + ": line 4: field \"figure[1].value\": expected a number in [0, 1], got 3");
  EXPECT_EQ(bad("[[figure]]\nyear = 2023\nkey = \"rail_teu_cn_eu\"\nvalue = 3\n"),
            file + ": line 1: field \"figure[1]\": needs \"source\" (keys of data/history/SOURCES.md)");
  EXPECT_EQ(bad("[[figure]]\nyear = 2023\nkey = \"rail_teu_cn_eu\"\nvalue = 3\nsource = \"x\"\n"
                "[[figure]]\nyear = 2023\nkey = \"rail_teu_cn_eu\"\nvalue = 4\nsource = \"y\"\n"),
            file + ": line 6: field \"figure[2]\": a second figure for 2023 rail_teu_cn_eu");
  EXPECT_EQ(bad("[[figure]]\nyear = 2023\nkey = \"rail_teu_cn_eu\"\nvalue = 3\nsource = \"x\"\nmodel = 4\n"),
            file + ": line 6: field \"figure[1].model\": unknown key \"model\" in a [figure] table (year, key, value, source, note)");
}

// 2024: 265 days of the year file's rules and 100 days with t2 closed too; every TEU figure is the
// day-weighted mean of the two states' figures.
TEST(History, APeriodIsWeightedByItsDays) {
  const TinyBase base;
  const std::vector<Scenario> years = load_year_files(years_folder);
  const YearResult y = run_year(base.router, base.demand, base.parameters, years[2], load_published(years_folder / "published.toml"));
  EXPECT_EQ(y.states, 2);
  const auto solve = [&](const std::vector<Rule>& rules) {
    Scenario s;
    s.name = "state";
    s.rules = rules;
    const AppliedScenario a = apply_scenarios({s}, base.network, base.router.graph(), base.demand, base.parameters);
    const routing::Router router(a.network);
    const freight::FreightModel model(router, a.demand, a.parameters, &a.restrictions);
    const freight::FreightResult result = model.solve();
    return history_figures(model, result, freight::summarize(model, result));
  };
  std::vector<Rule> closed = years[2].rules;
  closed.insert(closed.end(), years[2].periods[0].rules.begin(), years[2].periods[0].rules.end());
  const auto open = solve(years[2].rules), shut = solve(closed);
  EXPECT_LT(shut.at("rail_teu_cn_eu"), open.at("rail_teu_cn_eu"));
  EXPECT_NEAR(y.model.at("rail_teu_cn_eu"), (265 * open.at("rail_teu_cn_eu") + 100 * shut.at("rail_teu_cn_eu")) / 365, 1e-9);
  EXPECT_NEAR(y.model.at("sea_cape_share"), 1.0, 1e-9);  // Bab-el-Mandeb closed all year
  EXPECT_EQ(y.published.at("rail_teu_cn_eu"), 900);
  EXPECT_EQ(y.sources.at("sea_cape_share"), "tiny");
  EXPECT_FALSE(y.published.contains("rail_teu_eu_cn"));
}

TEST(History, FitMeasuresByHand) {
  std::vector<YearResult> years(3);
  for (int i = 0; i < 3; ++i) {
    years[i].year = 2020 + i;
    for (const std::string& key : history_keys()) years[i].model[key] = 0;
  }
  years[0].calibrated = true;
  years[0].model["rail_teu_cn_eu"] = 110, years[0].published["rail_teu_cn_eu"] = 100;  // +10 %
  years[1].model["rail_teu_cn_eu"] = 180, years[1].published["rail_teu_cn_eu"] = 200;  // -10 %, up as published
  years[2].model["rail_teu_cn_eu"] = 190, years[2].published["rail_teu_cn_eu"] = 100;  // +90 %, up: published went down
  const HistorySummary h = summarize_history(years);
  EXPECT_NEAR(h.mape_calibrated.at("rail_teu_cn_eu"), 0.10, 1e-12);
  EXPECT_NEAR(h.mape_validation.at("rail_teu_cn_eu"), 0.50, 1e-12);
  EXPECT_EQ(h.direction_right.at("rail_teu_cn_eu"), std::make_pair(1, 2));
  EXPECT_FALSE(h.mape_validation.contains("middle_corridor_teu"));
}


TEST(History, CommandWritesTheSameFilesTwiceAndTheReportHasAPointPerYearAndSeries) {
  testing::TempFolder folder;
  const std::string args = "history --network " + (data / "tiny-freight").string() + " --years " + years_folder.string();
  const testing::CommandResult first = testing::run_landbridge(args + " --out " + (folder.path() / "a").string(), folder.path() / "run1");
  ASSERT_EQ(first.status, 0) << first.err;
  const testing::CommandResult second =
      testing::run_landbridge(args + " --format json --out " + (folder.path() / "b").string(), folder.path() / "run2");
  ASSERT_EQ(second.status, 0) << second.err;
  for (const char* file : {"history.json", "history.csv", "history.html"}) {
    EXPECT_EQ(testing::read_text(folder.path() / "a" / file), testing::read_text(folder.path() / "b" / file)) << file;
  }
  const nlohmann::json j = nlohmann::json::parse(second.out);
  ASSERT_EQ(j["years"].size(), 3u);
  EXPECT_EQ(j["years"][0]["year"], 2022);
  EXPECT_EQ(j["years"][1]["calibrated"], true);  // tiny-freight's parameters: calibration_years [2023]
  EXPECT_TRUE(j["years"][0]["published"]["rail_teu_eu_cn"].is_null());
  EXPECT_EQ(j["years"][2]["sources"]["sea_cape_share"], "tiny");
  for (const auto& year : j["years"]) {
    for (const std::string& key : history_keys()) EXPECT_TRUE(year["model"][key].is_number()) << key;
  }
  EXPECT_TRUE(j["fit"]["rail_teu_cn_eu"]["mape_validation"].is_number());
  EXPECT_NE(first.out.find("2023 (calibrated)"), std::string::npos) << first.out;
  const testing::CommandResult one = testing::run_landbridge(args + " --year 2024 --format json", folder.path() / "run3");
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(nlohmann::json::parse(one.out)["years"].size(), 1u);
  const testing::CommandResult missing = testing::run_landbridge(args + " --year 2030", folder.path() / "run4");
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.err, "landbridge: " + years_folder.string() + ": field \"--year\": no year file 2030.toml\n");
}

}  // namespace
}  // namespace landbridge::scenario
