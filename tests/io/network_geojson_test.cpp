#include "io/network_geojson.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "network/graph.hpp"
#include "support/temp_folder.hpp"

namespace landbridge::io {
namespace {

using nlohmann::json;
using testing::read_text;
using testing::TempFolder;
using testing::tiny_network;
using testing::write_text;

TEST(LoadNetwork, LoadsTheTinyNetwork) {
  const network::Network net = load_network(tiny_network());
  EXPECT_EQ(net.node_count(), 17u);
  EXPECT_EQ(net.link_count(), 19u);
  const NodeId mal = net.find_node("PLMAL");
  ASSERT_NE(mal, invalid_id);
  EXPECT_EQ(net.node(mal).name, "Małaszewicze");
  EXPECT_EQ(net.node(mal).kind, network::NodeKind::border);
  EXPECT_DOUBLE_EQ(*net.node(mal).customs_hours, 8.0);
  EXPECT_TRUE(net.node(net.find_node("BYGST")).free_zone);
  const network::Link& t1 = net.link(net.find_link("t1"));
  EXPECT_EQ(t1.mode, network::Mode::transfer);
  EXPECT_EQ(t1.transfer, network::TransferKind::gauge);
  EXPECT_DOUBLE_EQ(t1.capacity_teu_per_day, 1000.0);
  EXPECT_EQ(net.link(net.find_link("r0")).capacity_teu_per_day, network::unlimited_capacity);
}

TEST(CustomsTerritory, FollowsUnionsFreeZonesAndTransitPassages) {
  const network::Network net = load_network(tiny_network());
  EXPECT_EQ(net.customs_territory(net.find_node("KZBRD")), "EAEU");
  EXPECT_EQ(net.customs_territory(net.find_node("BYBRS")), "EAEU");
  EXPECT_EQ(net.customs_territory(net.find_node("PLMAL")), "EU");
  EXPECT_EQ(net.customs_territory(net.find_node("CNAAA")), "CN");
  EXPECT_EQ(net.customs_territory(net.find_node("BYGST")), "free:BYGST");
  EXPECT_EQ(net.customs_territory(net.find_node("SEA-SUEZ")), "");  // a canal is passed in transit
  EXPECT_EQ(net.customs_territory(net.find_node("SEA-J1")), "");
}

TEST(Compile, ChargesCustomsOnceWhenEnteringAUnion) {
  const network::Network net = load_network(tiny_network());
  const network::Graph g = network::compile(net);
  EXPECT_EQ(g.arc_count(), 38u);  // every tiny link is two-way
  double customs_usd_into_eaeu = 0, customs_inside_eaeu = 0;
  for (ArcId a = 0; a < g.arc_count(); ++a) {
    const std::string& id = net.link(g.arc_link[a]).id;
    if (id == "t1" && !g.arc_reversed[a]) customs_usd_into_eaeu = g.arc_customs_usd[a];
    if (id == "r2") customs_inside_eaeu += g.arc_customs_usd[a];  // KZ <-> BY: both EAEU
  }
  EXPECT_DOUBLE_EQ(customs_usd_into_eaeu, 100.0);
  EXPECT_DOUBLE_EQ(customs_inside_eaeu, 0.0);
}

// Copies the tiny network into a temp folder after applying `edit` to one of its documents, and
// returns the loader's error message.
std::string load_error(const std::string& file, const std::function<void(json&)>& edit, TempFolder& folder) {
  for (const char* name : {"nodes.geojson", "links.geojson"}) {
    json doc = json::parse(read_text(tiny_network() / name));
    if (file == name) edit(doc);
    write_text(folder.path() / name, doc.dump());
  }
  try {
    (void)load_network(folder.path());
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

json& props(json& doc, std::size_t feature) { return doc["features"][feature]["properties"]; }

struct BadInputCase {
  const char* name;
  const char* file;
  std::function<void(json&)> edit;
  const char* expected;  // after "<folder>/"
};

class BadNetworkInput : public ::testing::TestWithParam<BadInputCase> {};

TEST_P(BadNetworkInput, IsReportedWithFileFeatureAndField) {
  const BadInputCase& c = GetParam();
  TempFolder folder;
  const std::string message = load_error(c.file, c.edit, folder);
  // The first line is the problem the case is about; a bad feature may cause more.
  EXPECT_EQ(message.substr(0, message.find('\n')), (folder.path() / c.expected).string()) << c.name;
}

// Feature numbers count from 1: links feature 2 is "r1", nodes feature 2 is "CNBRD".
INSTANTIATE_TEST_SUITE_P(
    Cases, BadNetworkInput,
    ::testing::Values(
        BadInputCase{"negative length", "links.geojson", [](json& d) { props(d, 1)["length_km"] = -5; },
                     "links.geojson: feature 2 (id \"r1\"): field \"length_km\": expected a number >= 0, got -5"},
        BadInputCase{"string hours", "links.geojson", [](json& d) { props(d, 1)["hours"] = "20"; },
                     "links.geojson: feature 2 (id \"r1\"): field \"hours\": expected a number, got \"20\""},
        BadInputCase{"missing cost", "links.geojson", [](json& d) { props(d, 1).erase("usd_per_teu"); },
                     "links.geojson: feature 2 (id \"r1\"): field \"usd_per_teu\": missing"},
        BadInputCase{"zero capacity", "links.geojson", [](json& d) { props(d, 2)["capacity_teu_per_day"] = 0; },
                     "links.geojson: feature 3 (id \"t1\"): field \"capacity_teu_per_day\": expected a number > 0, got 0"},
        BadInputCase{"unknown node", "links.geojson", [](json& d) { props(d, 1)["to"] = "XXNOPE"; },
                     "links.geojson: feature 2 (id \"r1\"): field \"to\": no node with id \"XXNOPE\" in nodes.geojson"},
        BadInputCase{"self loop", "links.geojson", [](json& d) { props(d, 1)["to"] = "CNAAA"; },
                     "links.geojson: feature 2 (id \"r1\"): field \"to\": a link must join two different nodes, both are \"CNAAA\""},
        BadInputCase{"unknown mode", "links.geojson", [](json& d) { props(d, 1)["mode"] = "pipeline"; },
                     "links.geojson: feature 2 (id \"r1\"): field \"mode\": expected rail, road, sea, ferry, air or transfer, got \"pipeline\""},
        BadInputCase{"rail without gauge", "links.geojson", [](json& d) { props(d, 1).erase("gauge_mm"); },
                     "links.geojson: feature 2 (id \"r1\"): field \"gauge_mm\": missing: a rail link needs a gauge of 1435, 1520, 1524 or 1668"},
        BadInputCase{"odd gauge", "links.geojson", [](json& d) { props(d, 1)["gauge_mm"] = 1000; },
                     "links.geojson: feature 2 (id \"r1\"): field \"gauge_mm\": a rail link needs a gauge of 1435, 1520, 1524 or 1668, got 1000"},
        BadInputCase{"gauge on sea link", "links.geojson", [](json& d) { props(d, 11)["gauge_mm"] = 1435; },
                     "links.geojson: feature 12 (id \"s1\"): field \"gauge_mm\": only rail links have a gauge; this is a sea link"},
        BadInputCase{"transfer without kind", "links.geojson", [](json& d) { props(d, 2).erase("transfer"); },
                     "links.geojson: feature 3 (id \"t1\"): field \"transfer\": a transfer link needs transfer: gauge, port, ferry, terminal, airport or border, got \"\""},
        BadInputCase{"two gauges at one node", "links.geojson", [](json& d) { props(d, 1)["gauge_mm"] = 1520; },
                     "links.geojson: feature 2 (id \"r1\"): field \"gauge_mm\": node \"CNAAA\" already has 1435 mm rail (link \"r0\"), got 1520 mm; a gauge break must be a transfer link between two nodes"},
        BadInputCase{"duplicate link id", "links.geojson", [](json& d) { props(d, 1)["id"] = "r0"; },
                     "links.geojson: feature 2 (id \"r0\"): field \"id\": duplicate id \"r0\" (first used by feature 1)"},
        BadInputCase{"point as link", "links.geojson", [](json& d) { d["features"][1]["geometry"] = {{"type", "Point"}, {"coordinates", {1, 2}}}; },
                     "links.geojson: feature 2 (id \"r1\"): field \"geometry\": expected a LineString, got \"Point\""},
        BadInputCase{"duplicate node id", "nodes.geojson", [](json& d) { props(d, 1)["id"] = "CNAAA"; },
                     "nodes.geojson: feature 2 (id \"CNAAA\"): field \"id\": duplicate id \"CNAAA\" (first used by feature 1)"},
        BadInputCase{"bad id characters", "nodes.geojson", [](json& d) { props(d, 0)["id"] = "CN AAA"; },
                     "nodes.geojson: feature 1: field \"id\": use letters, digits, '-' and '_' only (at most 64), got \"CN AAA\""},
        BadInputCase{"bad kind", "nodes.geojson", [](json& d) { props(d, 0)["kind"] = "station"; },
                     "nodes.geojson: feature 1 (id \"CNAAA\"): field \"kind\": expected terminal, border, seaport, hub, airport, chokepoint or junction, got \"station\""},
        BadInputCase{"bad country", "nodes.geojson", [](json& d) { props(d, 0)["country"] = "CHN"; },
                     "nodes.geojson: feature 1 (id \"CNAAA\"): field \"country\": expected an ISO 3166-1 alpha-2 code such as \"PL\", got \"CHN\""},
        BadInputCase{"latitude out of range", "nodes.geojson", [](json& d) { d["features"][0]["geometry"]["coordinates"] = {104, 95}; },
                     "nodes.geojson: feature 1 (id \"CNAAA\"): field \"geometry\": latitude out of range: 95"},
        BadInputCase{"NaN as a string", "links.geojson", [](json& d) { props(d, 1)["co2_kg_per_teu"] = "NaN"; },
                     "links.geojson: feature 2 (id \"r1\"): field \"co2_kg_per_teu\": expected a number, got \"NaN\""},
        BadInputCase{"gigantic number", "links.geojson", [](json& d) { props(d, 1)["length_km"] = 1e300; },
                     "links.geojson: feature 2 (id \"r1\"): field \"length_km\": number too large: 1e+300"},
        BadInputCase{"chokepoint without passage", "nodes.geojson", [](json& d) { props(d, 12).erase("passage"); },
                     "nodes.geojson: feature 13 (id \"SEA-BAB\"): field \"passage\": missing"},
        BadInputCase{"missing customs", "nodes.geojson", [](json& d) { props(d, 5).erase("customs_usd"); },
                     "nodes.geojson: feature 6 (id \"PLMAL\"): field \"customs_usd\": missing: link \"t2\" enters customs territory EU here"},
        BadInputCase{"not a FeatureCollection", "links.geojson", [](json& d) { d["type"] = "Feature"; },
                     "links.geojson: field \"type\": expected a GeoJSON FeatureCollection at the top level"}),
    [](const ::testing::TestParamInfo<BadInputCase>& param_info) {
      std::string name = param_info.param.name;
      for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

TEST(LoadNetwork, InvalidUtf8InANameIsReported) {
  // nlohmann::json refuses to serialize invalid UTF-8, so write the bytes by hand.
  TempFolder folder;
  std::string nodes = read_text(tiny_network() / "nodes.geojson");
  const std::string good = "\"name\": \"Alpha\"";
  nodes.replace(nodes.find(good), good.size(), "\"name\": \"Al\xFFpha\"");
  write_text(folder.path() / "nodes.geojson", nodes);
  write_text(folder.path() / "links.geojson", read_text(tiny_network() / "links.geojson"));
  try {
    (void)load_network(folder.path());
    FAIL();
  } catch (const InputError& e) {
    // The JSON parser itself rejects invalid UTF-8 inside strings, with line and column.
    EXPECT_NE(std::string(e.what()).find((folder.path() / "nodes.geojson").string() + ": line 2, column"), std::string::npos) << e.what();
  }
}

TEST(LoadNetwork, BrokenJsonNamesLineAndColumn) {
  TempFolder folder;
  write_text(folder.path() / "nodes.geojson", "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": }\n]}");
  write_text(folder.path() / "links.geojson", read_text(tiny_network() / "links.geojson"));
  try {
    (void)load_network(folder.path());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), (folder.path() / "nodes.geojson").string());
    EXPECT_EQ(e.place(), "line 3, column 12");
    EXPECT_NE(e.problem().find("not valid JSON: syntax error"), std::string::npos) << e.what();
  }
}

TEST(LoadNetwork, EmptyAndMissingFilesAreNamed) {
  TempFolder folder;
  write_text(folder.path() / "nodes.geojson", "");
  try {
    (void)load_network(folder.path());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (folder.path() / "nodes.geojson").string() + ": the file is empty; expected a GeoJSON FeatureCollection");
  }
  try {
    (void)load_network(folder.path() / "nowhere");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not a folder"), std::string::npos);
  }
}

TEST(LoadNetwork, ReportsEveryBadFeatureUpToTheLimit) {
  TempFolder folder;
  const std::string message = load_error("links.geojson", [](json& d) {
    for (auto& f : d["features"]) f["properties"]["hours"] = -1;
  }, folder);
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 18);  // 19 links, one line each
}

TEST(LoadNetwork, AcceptsAByteOrderMark) {
  TempFolder folder;
  write_text(folder.path() / "nodes.geojson", "\xEF\xBB\xBF" + read_text(tiny_network() / "nodes.geojson"));
  write_text(folder.path() / "links.geojson", read_text(tiny_network() / "links.geojson"));
  EXPECT_EQ(load_network(folder.path()).node_count(), 17u);
}

}  // namespace
}  // namespace landbridge::io
