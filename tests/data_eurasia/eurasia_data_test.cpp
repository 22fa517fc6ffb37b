// The embedded default network: it loads, covers the corridors, traces every figure to a source,
// and gives answers in line with published schedules and distances (data/eurasia/SOURCES.md).
#include <gtest/gtest.h>

#include <fstream>
#include <queue>
#include <regex>
#include <set>
#include <sstream>

#include "io/network_geojson.hpp"
#include "routing/node_search.hpp"
#include "routing/route_summary.hpp"
#include "routing/router.hpp"

namespace landbridge {
namespace {

using routing::Criterion;

class Eurasia : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    network_ = new network::Network(io::load_network(std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia"));
    router_ = new routing::Router(*network_);
  }
  static void TearDownTestSuite() {
    delete router_;
    delete network_;
  }

  static routing::RouteSummary best(const std::string& from, const std::string& to, Criterion criterion,
                                    routing::AvoidRules avoid = {}) {
    routing::RouterQuery query(*router_);
    routing::RouteRequest request;
    request.origins = routing::resolve_nodes(*network_, from, "from");
    request.destinations = routing::resolve_nodes(*network_, to, "to");
    request.criterion = criterion;
    request.avoid = std::move(avoid);
    const routing::RouteResult result = query.route(request);
    EXPECT_EQ(result.status, routing::RouteStatus::found) << from << " -> " << to;
    return routing::summarize(*router_, result.routes.at(0));
  }

  static bool uses_only(const routing::RouteSummary& s, std::set<network::Mode> modes) {
    for (const auto& leg : s.legs)
      if (!modes.contains(leg.mode)) return false;
    return true;
  }

  static bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  }

  static network::Network* network_;
  static routing::Router* router_;
};

network::Network* Eurasia::network_ = nullptr;
routing::Router* Eurasia::router_ = nullptr;

TEST_F(Eurasia, IsLargeEnough) {
  EXPECT_GE(network_->node_count(), 80u);
  EXPECT_GE(network_->link_count(), 150u);
}

TEST_F(Eurasia, HasThePlacesTheCorridorsRunThrough) {
  for (const char* place :
       {"Chongqing", "Chengdu", "Xi'an", "Zhengzhou", "Yiwu", "Wuhan", "Alashankou", "Dostyk", "Khorgos", "Altynkol",
        "Erenhot", "Zamyn-Uud", "Manzhouli", "Zabaikalsk", "Ulaanbaatar", "Brest", "Malaszewicze", "Bruzgi",
        "Kuznica Bialostocka", "Svislach", "Siemianowka", "Kaliningrad", "Klaipeda", "Great Stone", "Minsk", "Lodz",
        "Warsaw", "Duisburg", "Hamburg", "Rotterdam", "Antwerp", "Piraeus", "Gdansk", "Aktau", "Kuryk", "Baku", "Tbilisi",
        "Poti", "Batumi", "Kars", "Akhalkalaki", "Istanbul", "Constanta", "Budapest", "Shanghai", "Ningbo", "Shenzhen",
        "Suez Canal", "Bab-el-Mandeb", "Cape of Good Hope"}) {
    EXPECT_NO_THROW((void)routing::resolve_nodes(*network_, place, "place")) << place;
  }
  const NodeId great_stone = routing::resolve_nodes(*network_, "Great Stone", "place").front();
  EXPECT_TRUE(network_->node(great_stone).free_zone);
}

TEST_F(Eurasia, IsConnected) {
  std::vector<std::vector<NodeId>> neighbours(network_->node_count());
  for (const auto& link : network_->links()) {
    neighbours[link.from].push_back(link.to);
    neighbours[link.to].push_back(link.from);
  }
  std::vector<bool> seen(network_->node_count());
  std::queue<NodeId> todo;
  todo.push(0);
  seen[0] = true;
  while (!todo.empty()) {
    const NodeId v = todo.front();
    todo.pop();
    for (NodeId w : neighbours[v])
      if (!seen[w]) seen[w] = true, todo.push(w);
  }
  for (NodeId v = 0; v < network_->node_count(); ++v) EXPECT_TRUE(seen[v]) << network_->node(v).id << " is cut off";
}

TEST_F(Eurasia, EveryFigureHasASourceLine) {
  std::ifstream in(std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia" / "SOURCES.md");
  ASSERT_TRUE(in);
  std::set<std::string> keys;
  const std::regex entry(R"(^\s*[-*] \[([A-Za-z0-9_.:-]+)\])");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, entry)) keys.insert(m[1]);
  }
  ASSERT_GT(keys.size(), 20u);
  auto check = [&](const std::string& what, const std::string& id, const std::string& source) {
    std::istringstream words(source);
    int count = 0;
    for (std::string key; words >> key; ++count) EXPECT_TRUE(keys.contains(key)) << what << " " << id << ": no source entry [" << key << "]";
    EXPECT_GT(count, 0) << what << " " << id << " has no source";
  };
  for (const auto& node : network_->nodes()) check("node", node.id, node.source);
  for (const auto& link : network_->links()) check("link", link.id, link.source);
}

TEST_F(Eurasia, GaugeBreaksAreTransfersBetweenDifferentGauges) {
  // The gauge of each node from its rail links (the loader checks there is only one).
  std::vector<int> gauge(network_->node_count(), 0);
  for (const auto& link : network_->links()) {
    if (link.mode == network::Mode::rail) gauge[link.from] = gauge[link.to] = link.gauge_mm;
  }
  int broad_to_standard = 0;
  for (const auto& link : network_->links()) {
    if (link.transfer != network::TransferKind::gauge) continue;
    EXPECT_NE(gauge[link.from], gauge[link.to]) << link.id;
    const std::set<int> pair = {gauge[link.from], gauge[link.to]};
    broad_to_standard += pair == std::set<int>{1435, 1520};
  }
  // CN-KZ x2, CN-MN, CN-RU, BY-PL x3, LT-PL, RU-PL (Kaliningrad), GE (Akhalkalaki)
  EXPECT_GE(broad_to_standard, 10);
}

// Published: 11,179 km, ~16 days on average (Yuxinou; 13-18 days incl. border dwell, Navis 2025).
TEST_F(Eurasia, ChongqingDuisburgIsAPlausibleRailRoute) {
  const auto s = best("Chongqing", "Duisburg", Criterion::time);
  EXPECT_TRUE(uses_only(s, {network::Mode::rail, network::Mode::transfer}));
  EXPECT_NEAR(s.total.km, 11179, 0.06 * 11179);
  EXPECT_GE(s.total.days(), 12.0);
  EXPECT_LE(s.total.days(), 18.0);
  EXPECT_EQ(s.gauge_changes, 2);
  EXPECT_TRUE(contains(s.countries, "BY"));
  EXPECT_TRUE(contains(s.countries, "KZ") || contains(s.countries, "MN"));
}

TEST_F(Eurasia, AvoidingBelarusIsSlowerAndDearer) {
  const auto base = best("Chongqing", "Duisburg", Criterion::time);
  routing::AvoidRules avoid;
  avoid.countries = {"BY"};
  const auto detour = best("Chongqing", "Duisburg", Criterion::time, avoid);
  EXPECT_FALSE(contains(detour.countries, "BY"));
  EXPECT_GT(detour.total.hours, base.total.hours);
  EXPECT_GT(detour.total.usd, base.total.usd);
  EXPECT_TRUE(uses_only(detour, {network::Mode::rail, network::Mode::transfer}));
}

// Published: Shanghai-Rotterdam ~10,600 nm via Suez, ~13,800 nm via the Cape (Rodrigue); the
// marnet reference gives 19,460 km and 25,705 km port to port plus snapping.
TEST_F(Eurasia, ShanghaiRotterdamBySeaGoesThroughSuez) {
  routing::AvoidRules rail_excluded;
  rail_excluded.modes = {network::Mode::rail};
  const auto s = best("Shanghai", "Rotterdam", Criterion::cost, rail_excluded);
  EXPECT_TRUE(uses_only(s, {network::Mode::sea}));
  EXPECT_TRUE(contains(s.passages, "suez"));
  EXPECT_TRUE(contains(s.passages, "bab-el-mandeb"));
  EXPECT_TRUE(contains(s.passages, "malacca"));
  EXPECT_NEAR(s.total.km, 19460, 0.03 * 19460);
  EXPECT_GE(s.total.days(), 25.0);
  EXPECT_LE(s.total.days(), 36.0);
}

TEST_F(Eurasia, ClosingBabElMandebSendsShipsRoundTheCape) {
  routing::AvoidRules rail_excluded;
  rail_excluded.modes = {network::Mode::rail};
  const auto suez = best("Shanghai", "Rotterdam", Criterion::cost, rail_excluded);
  routing::AvoidRules avoid = rail_excluded;
  avoid.passages = {"bab-el-mandeb"};
  const auto cape = best("Shanghai", "Rotterdam", Criterion::cost, avoid);
  EXPECT_TRUE(contains(cape.passages, "cape-of-good-hope"));
  EXPECT_FALSE(contains(cape.passages, "suez"));
  EXPECT_NEAR(cape.total.km, 25705, 0.03 * 25705);
  // +7 to +14 days (Rodrigue; ERAI 2024: +10 on average).
  EXPECT_GE(cape.total.days() - suez.total.days(), 7.0);
  EXPECT_LE(cape.total.days() - suez.total.days(), 14.0);
  EXPECT_GT(cape.total.usd, suez.total.usd);
}

TEST_F(Eurasia, MiddleCorridorAvoidingRussiaCrossesTheCaspian) {
  routing::AvoidRules avoid;
  avoid.countries = {"RU", "BY"};
  avoid.modes = {network::Mode::sea};
  const auto s = best("Xi'an", "Budapest", Criterion::time, avoid);
  EXPECT_TRUE(contains(s.countries, "KZ"));
  EXPECT_TRUE(contains(s.countries, "AZ"));
  EXPECT_TRUE(contains(s.countries, "GE"));
  bool ferry = false;
  for (const auto& leg : s.legs) ferry |= leg.mode == network::Mode::ferry;
  EXPECT_TRUE(ferry);
  EXPECT_GE(s.total.days(), 13.0);  // published 18-25 days (KZ ministry 2023; Trend 2024), 13-17 (KZ MoT 2025)
  EXPECT_LE(s.total.days(), 30.0);
}

TEST_F(Eurasia, RailIsFasterAndDearerThanSea) {
  routing::AvoidRules rail_only;
  rail_only.modes = {network::Mode::sea, network::Mode::ferry};
  routing::AvoidRules sea_only;
  sea_only.modes = {network::Mode::rail};
  const auto rail = best("Shanghai", "Hamburg", Criterion::time, rail_only);
  const auto sea = best("Shanghai", "Hamburg", Criterion::cost, sea_only);
  EXPECT_LT(rail.total.days(), sea.total.days() - 10);
  EXPECT_GT(rail.total.usd, 2 * sea.total.usd);  // UTLC 2018: rail ~2x sea or more
}

}  // namespace
}  // namespace landbridge
