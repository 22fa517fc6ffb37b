// The `traffic` subcommand: options, outputs and error messages (exit codes are main's job).
#include "traffic_command.hpp"

#include "common/input_error.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace landbridge::app {
namespace {

namespace fs = std::filesystem;
const fs::path data_dir = ASSIGNMENT_TEST_DATA_DIR;

void run(std::vector<std::string> args) {
  CLI::App app;
  add_traffic_command(app);
  args.insert(args.begin(), "landbridge");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(TrafficCommand, WritesFlowsCsvAndSummaryJson) {
  const fs::path out = fs::temp_directory_path() / ("landbridge-traffic-test-" + std::to_string(getpid()));
  fs::remove_all(out);
  testing::internal::CaptureStdout();
  run({"traffic", "--tntp", assignment::testing::tntp_dir("SiouxFalls").string(), "--method", "bush", "--gap", "1e-6",
       "--format", "json", "--out", out.string()});
  const auto stdout_json = nlohmann::json::parse(testing::internal::GetCapturedStdout());
  EXPECT_EQ(stdout_json["status"], "converged");
  EXPECT_LE(stdout_json["relative_gap"].get<double>(), 1e-6);
  EXPECT_FALSE(stdout_json.contains("links"));  // flows went to the CSV
  for (const char* key : {"iterations", "seconds", "tstt", "beckmann_objective"}) EXPECT_TRUE(stdout_json.contains(key));
  const std::string csv = read(out / "link_flows.csv");
  EXPECT_EQ(csv.rfind("link,tail,head,flow,cost\n1,1,2,", 0), 0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 77);
  EXPECT_EQ(nlohmann::json::parse(read(out / "summary.json"))["method"], "bush");
  for (const auto& entry : fs::directory_iterator(out)) {
    EXPECT_TRUE(entry.path().filename() == "link_flows.csv" || entry.path().filename() == "summary.json")
        << "left behind: " << entry.path();
  }
  fs::remove_all(out);
}

TEST(TrafficCommand, JsonWithLinksWhenNoOutFolder) {
  testing::internal::CaptureStdout();
  run({"traffic", "--tntp", (data_dir / "through").string(), "--format", "json", "--method", "fw"});
  const auto j = nlohmann::json::parse(testing::internal::GetCapturedStdout());
  ASSERT_EQ(j["links"].size(), 4u);
  EXPECT_EQ(j["links"][2]["tail"], "1");
  EXPECT_EQ(j["links"][2]["head"], "4");
  EXPECT_DOUBLE_EQ(j["links"][2]["flow"].get<double>(), 10.0);
}

TEST(TrafficCommand, UnroutableDemandNamesThePairs) {
  const fs::path dir = data_dir / "disconnected";
  try {
    run({"traffic", "--tntp", dir.string()});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir / "disconnected_trips.tntp").string() +
                  ": no path for the demand of 2 OD pair(s) (origin -> destination (demand)): 1 -> 3 (5), 3 -> 1 (2)");
  }
}

TEST(TrafficCommand, BadGapIsInputError) {
  try {
    run({"traffic", "--tntp", (data_dir / "through").string(), "--gap", "-1"});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "field \"--gap\": expected a number > 0, got -1");
  }
}

TEST(TrafficCommand, ConicalAndAkcelikReplaceTheFilesBprFunctions) {
  double bpr_tstt = 0;
  for (const std::vector<std::string>& vdf : {std::vector<std::string>{"--vdf", "bpr"},
                                             {"--vdf", "conical", "--conical-alpha", "6"},
                                             {"--vdf", "akcelik", "--akcelik-j", "0.4", "--akcelik-period", "0.5"}}) {
    SCOPED_TRACE(vdf[1]);
    std::vector<std::string> args = {"traffic", "--tntp", assignment::testing::tntp_dir("SiouxFalls").string(),
                                     "--gap", "1e-6", "--format", "json"};
    args.insert(args.end(), vdf.begin(), vdf.end());
    testing::internal::CaptureStdout();
    run(args);
    const auto j = nlohmann::json::parse(testing::internal::GetCapturedStdout());
    EXPECT_EQ(j["vdf"], vdf[1]);
    EXPECT_EQ(j["status"], "converged");
    EXPECT_LE(j["relative_gap"].get<double>(), 1e-6);
    if (vdf[1] == "bpr") bpr_tstt = j["tstt"].get<double>();
    else EXPECT_GT(std::abs(j["tstt"].get<double>() - bpr_tstt), 1e-3 * bpr_tstt);  // really another function
  }
}

TEST(TrafficCommand, VdfParametersOutOfRangeAreInputErrors) {
  try {
    run({"traffic", "--tntp", (data_dir / "through").string(), "--vdf", "akcelik", "--akcelik-j", "0"});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "field \"--akcelik-j\": expected a number > 0, got 0");
  }
  EXPECT_THROW(run({"traffic", "--tntp", (data_dir / "through").string(), "--vdf", "conical", "--conical-alpha", "0.5"}),
               InputError);
}

TEST(TrafficCommand, TntpFolderIsRequired) {
  EXPECT_THROW(run({"traffic", "--vdf", "akcelik"}), CLI::RequiredError);
}

TEST(TrafficCommand, UnknownMethodIsUsageError) {
  EXPECT_THROW(run({"traffic", "--tntp", "x", "--method", "magic"}), CLI::ValidationError);
}

}  // namespace
}  // namespace landbridge::app
