// The simulation built from the freight model on the embedded network (EU–Belarus closure): TEU
// conserved every day, a closure of zero days stays at the baseline, a closure longer than the
// horizon brings the flows to the scenario's equilibrium; and the command's outputs.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "disrupt/freight_input.hpp"
#include "disrupt/output.hpp"
#include "disrupt_balances.hpp"
#include "scenario/fixture.hpp"

namespace landbridge::disrupt {
namespace {

using scenario::testing::eurasia;

const scenario::Comparison& belarus() {
  static const auto c = scenario::testing::run({"eu-belarus-border-closure"});
  return *c;
}

SimulationInput input(int days, int horizon, int lag = default_decision_lag_days) {
  DisruptionSettings settings;
  settings.start_day = 0;
  settings.days = days;
  settings.horizon_days = horizon;
  settings.decision_lag_days = lag;
  return build_input(*eurasia().router, eurasia().demand, eurasia().parameters, belarus(), settings);
}

TEST(DisruptEurasia, TeuConservedEveryDay) {
  const SimulationInput in = input(13, 60);
  const SimulationResult r = simulate(in);
  expect_balances(in, r, 1e-9);
  // The closure queues trains at Brest in both directions.
  double brest = 0;
  for (std::size_t s = 0; s < in.stations.size(); ++s) {
    if (in.stations[s].link_id == "T-BRS-MAL") brest = std::max(brest, r.queue_teu[12 * in.stations.size() + s]);
  }
  EXPECT_GT(brest, 10 * in.teu_per_train);
  EXPECT_GT(r.clear_day, 13);
  EXPECT_GT(r.extra_cost_usd, 0);
}

// No closure: every day is the baseline's day (departures, arrivals at each station), nothing queued
// beyond normal times, nothing rerouted, no extra cost.
TEST(DisruptEurasia, ZeroDayClosureStaysAtTheBaseline) {
  const SimulationInput in = input(0, 30);
  const SimulationResult r = simulate(in);
  const std::size_t n = in.stations.size();
  double baseline = 0;
  for (const Path& p : in.paths) baseline += p.baseline_teu_per_day;
  for (const DayTotals& t : r.days) {
    EXPECT_NEAR(t.departed_teu, baseline, 1e-6 * baseline);
    EXPECT_EQ(t.rerouted_teu, 0);
    EXPECT_NEAR(t.delay_teu_days, 0, 1e-6);
    for (std::size_t s = 0; s < n; ++s) {
      double expected = 0;  // the stations' load in normal times, from the paths
      for (const Path& p : in.paths) {
        for (std::uint32_t x : p.stations) expected += x == s ? p.baseline_teu_per_day : 0;
      }
      EXPECT_NEAR(r.arrivals_teu[static_cast<std::size_t>(t.day) * n + s], expected, 1e-6 * std::max(1.0, expected))
          << in.stations[s].name << " day " << t.day;
    }
  }
  EXPECT_NEAR(r.extra_cost_usd, 0, 1e-3);
  EXPECT_EQ(r.clear_day, 0);
  expect_balances(in, r);
}

// Closed for longer than the horizon: once the cargo sent before the decision has gone through, the
// open capacity links carry what the scenario's annual equilibrium gives them (its arc flows, solved
// independently by the freight model), and the closed links nothing.
TEST(DisruptEurasia, LongClosureApproachesTheScenarioEquilibrium) {
  const int horizon = 150;
  const SimulationInput in = input(1000, horizon);
  const SimulationResult r = simulate(in);
  const std::size_t n = in.stations.size(), last = static_cast<std::size_t>(horizon - 1);
  const auto& flow = belarus().scenario_result.arc_flow_teu_per_day;
  const auto& blocked = belarus().applied.restrictions.blocked;
  int compared = 0;
  for (std::size_t s = 0; s < n; ++s) {
    const Station& st = in.stations[s];
    const double arrived = r.arrivals_teu[last * n + s];
    if (!blocked.empty() && blocked[st.arc]) {
      EXPECT_EQ(arrived, 0) << st.name;
      continue;
    }
    EXPECT_NEAR(arrived, flow[st.arc], 0.02 * flow[st.arc] + 1.0) << st.name;
    ++compared;
  }
  EXPECT_GT(compared, 10);
  expect_balances(in, r);
}

std::string run_command(const std::string& arguments, int* status) {
  const std::string out = ::testing::TempDir() + "disrupt-command.txt";
  const std::string command = std::string(LANDBRIDGE_BINARY) + " " + arguments + " > " + out + " 2>&1";
  const int raw = std::system(command.c_str());
  *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The JSON has the shape of docs/disruptions.md and says what the table says.
TEST(DisruptCommand, JsonShape) {
  int status = 0;
  const std::string text = run_command("disrupt --scenario eu-belarus-border-closure --start 0 --days 13 --horizon 40 --format json", &status);
  ASSERT_EQ(status, 0) << text;
  const auto j = nlohmann::json::parse(text);
  ASSERT_EQ(j.at("days").size(), 40u);
  const auto& day = j.at("days").at(5);
  EXPECT_EQ(day.at("day"), 5);
  for (const char* key : {"queues", "stranded_teu", "stranded_trains", "rerouted_teu"}) EXPECT_TRUE(day.contains(key)) << key;
  ASSERT_FALSE(day.at("queues").empty());
  for (const char* key : {"link", "name", "teu", "trains"}) EXPECT_TRUE(day.at("queues").at(0).contains(key)) << key;
  EXPECT_NEAR(day.at("queues").at(0).at("trains").get<double>() * 108, day.at("queues").at(0).at("teu").get<double>(), 6);
  for (const char* key : {"peak_queue_trains", "peak_stranded_trains", "clear_day", "extra_cost_usd"}) EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_GT(j.at("peak_queue_trains").get<double>(), 10);
  EXPECT_GT(j.at("clear_day").get<int>(), 13);
}

TEST(DisruptCommand, BadInputExitsWithTwo) {
  int status = 0;
  std::string text = run_command("disrupt --scenario eu-belarus-border-closure --days -3", &status);
  EXPECT_EQ(status, 2) << text;
  EXPECT_NE(text.find("field \"--days\": expected a number of days >= 0, got -3"), std::string::npos) << text;
  text = run_command("disrupt --scenario no-such-scenario --days 3", &status);
  EXPECT_EQ(status, 2) << text;
  text = run_command("disrupt --scenario eu-belarus-border-closure", &status);
  EXPECT_EQ(status, 1) << text;  // --days is required
}

}  // namespace
}  // namespace landbridge::disrupt
