// The embedded history (data/history): every year file 2019-2025 parses and applies to the embedded
// network, every source key the files and the published figures name is defined in SOURCES.md, no year
// file holds a published figure's key, and the backcast is deterministic with one result per year.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "scenario/history.hpp"
#include "fixture.hpp"

namespace landbridge::scenario {
namespace {

const std::filesystem::path folder = std::filesystem::path(LANDBRIDGE_DATA_DIR) / "history";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Keys defined in SOURCES.md: "- [key] ..." at the start of a line.
std::set<std::string> defined_keys() {
  std::set<std::string> keys;
  const std::string text = read_file(folder / "SOURCES.md");
  const std::regex definition(R"(^- \[([a-z0-9-]+)\])", std::regex::multiline);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), definition); it != std::sregex_iterator(); ++it) {
    keys.insert((*it)[1]);
  }
  return keys;
}

// Keys cited as "[key]" anywhere in a text.
std::set<std::string> cited_keys(const std::string& text) {
  std::set<std::string> keys;
  const std::regex citation(R"(\[([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\])");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), citation); it != std::sregex_iterator(); ++it) {
    keys.insert((*it)[1]);
  }
  return keys;
}

TEST(EmbeddedHistory, SevenYearFilesThatApplyToTheEmbeddedNetwork) {
  const std::vector<Scenario> years = load_year_files(folder);
  ASSERT_EQ(years.size(), 7u);
  for (std::size_t i = 0; i < years.size(); ++i) {
    EXPECT_EQ(*years[i].year, 2019 + static_cast<int>(i));
    const testing::Eurasia& e = testing::eurasia();
    // Every rule must touch something on the embedded network (apply_scenarios throws otherwise),
    // and so must every period's rules on top of the year's (as run_year applies them).
    Scenario whole_year = years[i];
    whole_year.periods.clear();
    EXPECT_NO_THROW((void)apply_scenarios({whole_year}, e.network, e.router->graph(), e.demand, e.parameters)) << years[i].name;
    for (const Period& period : years[i].periods) {
      Scenario state = whole_year;
      state.rules.insert(state.rules.end(), period.rules.begin(), period.rules.end());
      EXPECT_NO_THROW((void)apply_scenarios({state}, e.network, e.router->graph(), e.demand, e.parameters))
          << years[i].name << " / " << period.name;
    }
  }
}

TEST(EmbeddedHistory, EverySourceKeyIsDefinedInSourcesMd) {
  const std::set<std::string> defined = defined_keys();
  ASSERT_GT(defined.size(), 20u);
  for (const PublishedFigure& figure : load_published(folder / "published.toml")) {
    std::istringstream keys(figure.source);
    for (std::string key; keys >> key;) {
      EXPECT_TRUE(defined.contains(key)) << figure.year << " " << figure.key << ": source " << key;
    }
  }
  for (const Scenario& year : load_year_files(folder)) {
    for (const std::string& source : year.sources) EXPECT_TRUE(defined.contains(source)) << year.name << ": " << source;
    const std::string text = read_file(folder / (year.name + ".toml"));
    for (const std::string& key : cited_keys(text)) EXPECT_TRUE(defined.contains(key)) << year.name << ".toml cites [" << key << "]";
  }
}

// A year file holds inputs only: none names a figure the model is compared with.
TEST(EmbeddedHistory, NoYearFileHoldsAnOutcome) {
  for (const Scenario& year : load_year_files(folder)) {
    const std::string text = read_file(folder / (year.name + ".toml"));
    for (const std::string& key : history_keys()) EXPECT_EQ(text.find(key), std::string::npos) << year.name << ": " << key;
  }
}

TEST(EmbeddedHistory, EveryYearOnceDeterministicallyWithThePublishedFigures) {
  const testing::Eurasia& e = testing::eurasia();
  const std::vector<PublishedFigure> published = load_published(folder / "published.toml");
  const std::vector<Scenario> years = load_year_files(folder);
  const auto run_all = [&] {
    std::vector<YearResult> results;
    for (const Scenario& year : years) results.push_back(run_year(*e.router, e.demand, e.parameters, year, published));
    return summarize_history(std::move(results));
  };
  const HistorySummary first = run_all();
  ASSERT_EQ(first.years.size(), 7u);
  int figures = 0;
  for (const YearResult& y : first.years) {
    // 2021 and 2022 (sea rates x 8.4 and x 5.8, rail flows many times the crossings' capacity) stop at
    // the iteration limit without reaching the gap: a known failure of the model (docs/history.md).
    if (y.year != 2021 && y.year != 2022) {
      EXPECT_TRUE(y.converged) << y.year;
    }
    EXPECT_EQ(y.calibrated, y.year == 2023);
    EXPECT_GT(y.model.at("rail_teu_cn_eu_total"), 0) << y.year;
    figures += static_cast<int>(y.published.size());
  }
  EXPECT_EQ(figures, static_cast<int>(published.size()));
  // 2024 closes the Red Sea all year: every China-EU sea TEU goes round the Cape.
  EXPECT_NEAR(first.years[5].model.at("sea_cape_share"), 1.0, 1e-9);
  EXPECT_LT(first.years[0].model.at("sea_cape_share"), 0.05);
  // Same inputs, same figures: nothing depends on wall time or thread order.
  const HistorySummary second = run_all();
  for (std::size_t i = 0; i < first.years.size(); ++i) EXPECT_EQ(first.years[i].model, second.years[i].model) << first.years[i].year;
}

}  // namespace
}  // namespace landbridge::scenario
