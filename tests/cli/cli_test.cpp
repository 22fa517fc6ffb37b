// The landbridge command end to end: output shapes, exit codes and error messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_command.hpp"
#include "support/temp_folder.hpp"

namespace landbridge {
namespace {

using nlohmann::json;

using testing::CommandResult;

// Runs the binary with `arguments` (already shell-quoted), capturing stdout and stderr.
CommandResult run(const std::string& arguments) {
  testing::TempFolder folder;
  return testing::run_landbridge(arguments, folder.path() / "run");
}

TEST(Cli, RouteJsonHasTheDocumentedShape) {
  const CommandResult r = run("route Chongqing Duisburg --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  for (const char* key : {"km", "hours", "days", "usd", "co2_kg"}) EXPECT_TRUE(j["total"][key].is_number()) << key;
  ASSERT_TRUE(j["legs"].is_array());
  ASSERT_FALSE(j["legs"].empty());
  for (const char* key : {"from", "to", "mode", "km", "hours", "usd", "co2_kg", "countries", "passages"}) {
    EXPECT_TRUE(j["legs"][0].contains(key)) << key;
  }
  EXPECT_EQ(j["legs"].front()["from"], "CNCKG");
  EXPECT_EQ(j["legs"].back()["to"], "DEDUI");
  EXPECT_EQ(j["gauge_changes"], 2);
  EXPECT_EQ(j["countries"].front(), "CN");
  EXPECT_EQ(j["countries"].back(), "DE");
  EXPECT_TRUE(j["passages"].is_array());
  EXPECT_NEAR(j["total"]["days"].get<double>(), j["total"]["hours"].get<double>() / 24, 0.01);
  // Leg figures add up to the totals.
  double km = 0;
  for (const auto& leg : j["legs"]) km += leg["km"].get<double>();
  EXPECT_NEAR(km, j["total"]["km"].get<double>(), 0.1 * static_cast<double>(j["legs"].size()));
}

TEST(Cli, RouteWithAlternativesListsThem) {
  const CommandResult r = run("route Xian Duisburg --optimize generalized --alternatives 3 --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["alternatives"].size(), 2u);
  EXPECT_LE(j["criterion_value"].get<double>(), j["alternatives"][0]["criterion_value"].get<double>());
}

TEST(Cli, RouteGeojsonIsAFeatureCollection) {
  const CommandResult r = run("route Shanghai Rotterdam --optimize cost --format geojson");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["type"], "FeatureCollection");
  int lines = 0;
  for (const auto& f : j["features"]) {
    if (f["geometry"]["type"] == "LineString") {
      ++lines;
      EXPECT_GE(f["geometry"]["coordinates"].size(), 2u);
    }
  }
  EXPECT_GE(lines, 1);
}

TEST(Cli, TableIsPrintedForPeople) {
  const CommandResult r = run("route Chongqing Duisburg");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Route Chongqing (Tuanjiecun) (CNCKG) -> Duisburg (DEDUI), optimized for time"), std::string::npos);
  EXPECT_NE(r.out.find("gauge changes: 2"), std::string::npos);
}

TEST(Cli, UnknownPlaceGetsDidYouMeanAndExitStatus2) {
  const CommandResult r = run("route Duisbrg Chongqing");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "landbridge: field \"FROM\": no place called \"Duisbrg\"; did you mean Duisburg (DEDUI)?\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, BadOptionValuesAreNamed) {
  CommandResult r = run("route Chongqing Duisburg --optimize fastest");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "landbridge: field \"--optimize\": expected time, cost, co2 or generalized, got \"fastest\"\n");
  r = run("route Chongqing Duisburg --avoid-country XX");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("field \"--avoid-country\": no node of the network lies in \"XX\""), std::string::npos) << r.err;
  r = run("route Chongqing Duisburg --avoid-passage panama");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("field \"--avoid-passage\": no passage \"panama\""), std::string::npos) << r.err;
  r = run("route Chongqing Duisburg --alternatives 0");
  EXPECT_EQ(r.status, 2);
  r = run("route Chongqing Duisburg --avoid-country CN");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is itself excluded by the avoid-rules"), std::string::npos) << r.err;
}

TEST(Cli, UsageErrorsExitWithStatus1) {
  EXPECT_EQ(run("route Chongqing").status, 1);
  EXPECT_EQ(run("route Chongqing Duisburg --no-such-flag").status, 1);
  EXPECT_EQ(run("").status, 1);
  EXPECT_EQ(run("--help").status, 0);
}

TEST(Cli, NoRouteIsReportedNotCrashed) {
  const CommandResult r = run("route Chongqing Duisburg --avoid-mode rail");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "landbridge: no route from \"Chongqing\" to \"Duisburg\" under these avoid-rules\n");
}

TEST(Cli, OutFileIsWrittenAndLeftIntactOnFailure) {
  testing::TempFolder folder;
  const auto out = folder.path() / "route.json";
  ASSERT_EQ(run("route Chongqing Duisburg --format json --out " + out.string()).status, 0);
  const std::string first = testing::read_text(out);
  EXPECT_EQ(json::parse(first)["legs"].front()["from"], "CNCKG");
  EXPECT_EQ(run("route Nowhere Duisburg --format json --out " + out.string()).status, 2);
  EXPECT_EQ(testing::read_text(out), first);
  EXPECT_EQ(run("route Chongqing Duisburg --out " + (folder.path() / "missing" / "x.txt").string()).status, 2);
}

TEST(Cli, TableGivesAMatrix) {
  const CommandResult r = run("table --from Chongqing,Xian --to Duisburg,Hamburg,Lodz --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["values"].size(), 2u);
  ASSERT_EQ(j["values"][0].size(), 3u);
  EXPECT_EQ(j["origins"], json({"CNCKG", "CNXIY"}));
  EXPECT_GT(j["hours"][0][0].get<double>(), 200);
  const CommandResult csv = run("table --from Chongqing --to Duisburg --format csv");
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), "origin,destination,value,hours,usd,km,co2_kg");
}

TEST(Cli, RouteAndTableAgree) {
  const json route = json::parse(run("route Chongqing Duisburg --optimize cost --format json").out);
  const json table = json::parse(run("table --from Chongqing --to Duisburg --optimize cost --format json").out);
  EXPECT_NEAR(route["total"]["usd"].get<double>(), table["usd"][0][0].get<double>(), 0.01);
}

TEST(Cli, NodesSearchIgnoresDiacritics) {
  const CommandResult r = run("nodes --search malaszewicze");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("PLMAL"), std::string::npos);
  EXPECT_NE(r.out.find("Małaszewicze"), std::string::npos);
}

TEST(Cli, ValidateReportsOkAndErrors) {
  CommandResult r = run("validate");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(": OK, "), std::string::npos);
  testing::TempFolder folder;
  testing::write_text(folder.path() / "nodes.geojson", "{\"type\": \"FeatureCollection\", \"features\": []}");
  r = run("validate --network " + folder.path().string());
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "landbridge: " + (folder.path() / "nodes.geojson").string() + ": field \"features\": no nodes\n");
}

TEST(Cli, AssignRunsTheFreightModelOnTheEmbeddedNetwork) {
  testing::TempFolder folder;
  const CommandResult r = run("assign --format json --out " + folder.path().string());
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  for (const char* key : {"teu_by_mode", "share_by_mode", "value_share_by_mode", "teu_by_corridor", "transit_teu_by_country",
                          "crossings", "avg_days_by_mode", "avg_usd_per_teu_by_mode", "convergence"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_GT(j["teu_by_mode"]["rail"].get<double>(), 0);
  EXPECT_NEAR(j["share_by_mode"]["rail"].get<double>() + j["share_by_mode"]["sea"].get<double>(), 1.0, 1e-5);
  EXPECT_TRUE(j["convergence"]["relative_gap"].is_number());
  EXPECT_TRUE(j["convergence"]["iterations"].is_number());
  const json& c = j["crossings"][0];
  for (const char* key : {"id", "name", "teu_per_day", "capacity_teu_per_day", "utilization", "delay_hours"}) EXPECT_TRUE(c.contains(key)) << key;
  EXPECT_GT(j["transit_teu_by_country"]["BY"].get<double>(), 0);
  EXPECT_EQ(json::parse(testing::read_text(folder.path() / "summary.json"))["teu_by_mode"], j["teu_by_mode"]);
  EXPECT_EQ(testing::read_text(folder.path() / "link_flows.csv").substr(0, 9), "link,from");
  EXPECT_EQ(json::parse(testing::read_text(folder.path() / "flows.geojson"))["type"], "FeatureCollection");
}

TEST(Cli, AssignRejectsABadDemandFile) {
  testing::TempFolder folder;
  testing::write_text(folder.path() / "demand.csv", "origin,destination,commodity,teu_per_year,value_usd_per_teu\nCNCKG,DEDUI,toys,1,1\n");
  const CommandResult r = run("assign --demand " + (folder.path() / "demand.csv").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("demand.csv: line 2, column 3 (\"commodity\"): unknown commodity \"toys\""), std::string::npos) << r.err;
}

// One job per command: the top-level help names each command once; assign's help is the freight model's
// only, traffic's the TNTP assignment's only.
TEST(Cli, HelpListsEachCommandOnceWithItsJob) {
  const CommandResult r = run("--help");
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* command : {"route", "table", "nodes", "validate", "assign", "calibrate", "scenarios", "compare", "sweep",
                              "traffic", "serve"}) {
    const std::string line = std::string("\n  ") + command + " ";
    const std::size_t at = r.out.find(line);
    ASSERT_NE(at, std::string::npos) << command << " missing from\n" << r.out;
    EXPECT_EQ(r.out.find(line, at + 1), std::string::npos) << command << " listed twice";
  }
}

TEST(Cli, AssignHelpShowsOnlyFreightModelOptions) {
  const CommandResult r = run("assign --help");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("The freight model"), std::string::npos) << r.out;
  for (const char* option : {"--network", "--demand", "--parameters", "--format", "--out"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
  }
  for (const char* option : {"--tntp", "--method", "--vdf", "--akcelik-j", "--gap", "--objective"}) {
    EXPECT_EQ(r.out.find(option), std::string::npos) << option << " belongs to traffic";
  }
  const CommandResult tntp = run("assign --tntp x");
  EXPECT_EQ(tntp.status, 1) << "the TNTP job moved to `traffic`";
}

TEST(Cli, TrafficHelpShowsOnlyTntpAssignmentOptions) {
  const CommandResult r = run("traffic --help");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("traffic assignment"), std::string::npos) << r.out;
  for (const char* option : {"--tntp", "--method", "--vdf", "--gap", "--threads"}) EXPECT_NE(r.out.find(option), std::string::npos) << option;
  for (const char* option : {"--network", "--demand", "--parameters"}) {
    EXPECT_EQ(r.out.find(option), std::string::npos) << option << " belongs to assign";
  }
}

TEST(Cli, TrafficSolvesSiouxFallsToTheBestKnownObjective) {
  const CommandResult r = run(std::string("traffic --tntp ") + LANDBRIDGE_SHARED_DIR + "/data/tntp/SiouxFalls --gap 1e-6 --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  for (const char* key : {"relative_gap", "iterations", "seconds", "tstt", "beckmann_objective"}) EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_LE(j["relative_gap"].get<double>(), 1e-6);
  // Best-known Beckmann objective of SiouxFalls (TNTP's SiouxFalls_flow.tntp, as in tests/assignment).
  EXPECT_NEAR(j["beckmann_objective"].get<double>(), 4231335.287107, 4231335.287107 * 2e-6);
}

}  // namespace
}  // namespace landbridge
