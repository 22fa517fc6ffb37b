// Market access on a hand-built network worked out by hand: duty by origin (the EAEU's free trade,
// a sanctioned origin, a free zone's goods), customs at territory entry, the potential index, the
// ranking, scenario rules (a closure, a [[duty]] rule), and the data files' errors.
#include "access/access.hpp"

#include <algorithm>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>

#include "access/markets.hpp"
#include "access/output.hpp"
#include "access/request.hpp"
#include "common/input_error.hpp"
#include "routing/router.hpp"

namespace landbridge::access {
namespace {

//   S (BY, free zone) --10 h, $100-- M (BY) --20 h, $500-- P (PL, EU) --5 h, $50-- L (PL)
//                                    M --30 h, $800-- C (CN)
// Customs at entry: M 1 h, $20 (EAEU); P 10 h, $100 (EU); C 5 h, $50 (CN); S 2 h, $30 (its zone).
network::Network tiny_network() {
  auto node = [](std::string id, std::string country, double hours, double usd, bool free_zone = false) {
    network::Node n;
    n.id = id;
    n.name = "Place " + id;
    n.kind = network::NodeKind::terminal;
    n.country = std::move(country);
    n.customs_hours = hours;
    n.customs_usd = usd;
    n.free_zone = free_zone;
    n.source = "test";
    return n;
  };
  std::vector<network::Node> nodes = {node("S", "BY", 2, 30, true), node("M", "BY", 1, 20), node("P", "PL", 10, 100), node("L", "PL", 3, 40),
                                      node("C", "CN", 5, 50)};
  auto link = [](std::string id, NodeId from, NodeId to, double hours, double usd, double km) {
    network::Link l;
    l.id = std::move(id);
    l.from = from;
    l.to = to;
    l.mode = network::Mode::rail;
    l.gauge_mm = 1520;
    l.hours = hours;
    l.usd_per_teu = usd;
    l.length_km = km;
    l.source = "test";
    return l;
  };
  std::vector<network::Link> links = {link("S-M", 0, 1, 10, 100, 50), link("M-P", 1, 2, 20, 500, 600), link("L-P", 3, 2, 5, 50, 130),
                                      link("M-C", 1, 4, 30, 800, 5000)};
  return network::Network(std::move(nodes), std::move(links));
}

const char* markets_csv =
    "market,name,group,country,nodes,gdp_usd_bn,source\n"
    "BY,Belarus,EAEU,BY,M,100,t\n"
    "PL,Poland,EU,PL,P,1000,t\n"
    "CN,China,China,CN,C,10000,t\n";
const char* duties_csv =
    "territory,origin,commodity,duty_percent,sanctioned,source\n"
    "EU,*,*,2.0,no,t\n"
    "EU,BY,electronics,2.0,yes,t\n"
    "EAEU,*,*,5,no,t\n"
    "CN,*,*,10,no,t\n";

struct Fixture {
  network::Network net = tiny_network();
  routing::Router router{net};
  AccessData data{parse_markets(markets_csv, "markets.csv", net), parse_duties(duties_csv, "duties.csv")};
  // 87,600 USD per TEU at 10 % a year: 1 USD per TEU-hour.
  AccessSettings settings = [] {
    AccessSettings s;
    s.commodity = freight::Commodity::machinery;
    s.value_usd_per_teu = 87600;
    s.carrying_rate_per_year = 0.1;
    return s;
  }();
  std::vector<Site> sites = {resolve_site(net, "S", "FROM"), resolve_site(net, "L", "--compare")};
};

TEST(Access, DeliveredCostsByHandFromAFreeZoneAndFromAnEuSite) {
  Fixture f;
  ASSERT_DOUBLE_EQ(f.settings.usd_per_teu_hour(), 1.0);
  AccessQuery query(f.router);
  const AccessResult r = query.run(f.data, f.sites, f.settings);
  ASSERT_EQ(r.sites.size(), 2u);
  const SiteAccess& s = r.sites[0];
  // S -> Belarus: leaving the free zone is an entry into the EAEU at M (1 h, $20); Belarusian goods
  // pay no duty inside the EAEU: 100 + 20 + 11 h x $1 = 131.
  EXPECT_EQ(s.markets[0].blocked, Blocked::none);
  EXPECT_DOUBLE_EQ(s.markets[0].freight_usd, 100);
  EXPECT_DOUBLE_EQ(s.markets[0].customs_usd, 20);
  EXPECT_DOUBLE_EQ(s.markets[0].hours, 11);
  EXPECT_DOUBLE_EQ(s.markets[0].duty_usd, 0);
  EXPECT_DOUBLE_EQ(s.markets[0].usd_per_teu, 131);
  EXPECT_EQ(s.markets[0].mode, "rail");
  // S -> Poland: 600 + customs 20 + 100 + 41 h + MFN 2 % of 87,600 = 1,752: 2,513.
  EXPECT_DOUBLE_EQ(s.markets[1].freight_usd, 600);
  EXPECT_DOUBLE_EQ(s.markets[1].customs_usd, 120);
  EXPECT_DOUBLE_EQ(s.markets[1].time_cost_usd, 41);
  EXPECT_DOUBLE_EQ(s.markets[1].duty_usd, 1752);
  EXPECT_DOUBLE_EQ(s.markets[1].usd_per_teu, 2513);
  // S -> China: 900 + 70 + 46 + 10 % = 8,760: 9,776.
  EXPECT_DOUBLE_EQ(s.markets[2].usd_per_teu, 900 + 70 + 46 + 8760);
  // L (Poland) -> Poland: inside the EU, no customs, no duty: 50 + 5.
  const SiteAccess& l = r.sites[1];
  EXPECT_DOUBLE_EQ(l.markets[1].usd_per_teu, 55);
  EXPECT_DOUBLE_EQ(l.markets[1].customs_usd, 0);
  // L -> Belarus: Polish goods pay the EAEU tariff (5 % = 4,380): 550 + 20 + 26 + 4,380.
  EXPECT_DOUBLE_EQ(l.markets[0].duty_usd, 4380);
  EXPECT_DOUBLE_EQ(l.markets[0].usd_per_teu, 550 + 20 + 26 + 4380);
  for (const SiteAccess& site : r.sites) {
    for (const MarketAccess& a : site.markets) {
      EXPECT_NEAR(a.freight_usd + a.time_cost_usd + a.customs_usd + a.duty_usd, a.usd_per_teu, 1e-9);
    }
  }
}

TEST(Access, PotentialIndexAndRankingByHand) {
  Fixture f;
  AccessQuery query(f.router);
  const AccessResult r = query.run(f.data, f.sites, f.settings);
  // Σ GDP x 1,000 / max(cost, 1,000): S's Belarus at $131 and L's Poland at $55 count in full.
  // S: 100 + 397.93 + 1,022.91 = 1,520.84; L: 20.10 + 1,000 + 976.47 = 1,996.56: L ranks first.
  const double s = 100 + 1000 * 1000 / 2513.0 + 10000 * 1000 / 9776.0;
  const double l = 100 * 1000 / 4976.0 + 1000 + 10000 * 1000 / 10241.0;
  EXPECT_NEAR(r.sites[0].potential, s, 1e-9);
  EXPECT_NEAR(r.sites[1].potential, l, 1e-9);
  EXPECT_NEAR(s, 1520.84, 0.01);
  EXPECT_NEAR(l, 1996.56, 0.01);
  EXPECT_EQ(r.sites[0].rank, 2);
  EXPECT_EQ(r.sites[1].rank, 1);
}

TEST(Access, SanctionedOriginIsBlockedNotPricedAndLeavesThePotential) {
  Fixture f;
  f.settings.commodity = freight::Commodity::electronics;
  AccessQuery query(f.router);
  const AccessResult r = query.run(f.data, f.sites, f.settings);
  EXPECT_EQ(r.sites[0].markets[1].blocked, Blocked::sanctions);  // Belarusian electronics into the EU
  EXPECT_EQ(r.sites[1].markets[1].blocked, Blocked::none);       // Polish ones are at home
  EXPECT_NEAR(r.sites[0].potential, 100 + 10000 * 1000 / 9776.0, 1e-9);
  const auto j = access_json(r, f.net);
  const auto& pl = j["sites"][0]["markets"][1];
  EXPECT_TRUE(pl["usd_per_teu"].is_null());
  EXPECT_TRUE(pl["mode"].is_null());
  EXPECT_EQ(pl["blocked"], "sanctions");
  EXPECT_TRUE(j["sites"][1]["markets"][1]["blocked"].is_null());
}

TEST(Access, OutputsAgreeWithEachOther) {
  Fixture f;
  f.settings.commodity = freight::Commodity::electronics;  // S's Poland blocked by sanctions
  AccessQuery query(f.router);
  const AccessResult r = query.run(f.data, f.sites, f.settings);
  const std::string table = access_table(r);
  EXPECT_NE(table.find("   1  Place L (L, PL)"), std::string::npos) << table;
  EXPECT_NE(table.find("blocked: sanctions"), std::string::npos) << table;
  const std::string csv = access_csv(r);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 3);  // header + sites x markets
  EXPECT_NE(csv.find("S,Place S,2,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",sanctions\n"), std::string::npos) << csv;
  const auto geo = access_geojson(r, f.net);
  EXPECT_EQ(geo["features"].size(), 2u * (1 + 3));  // a site point and its market points, per site
  EXPECT_EQ(geo["features"][2]["properties"]["fill"], "#9e9e9e");  // S -> Poland: blocked is grey
  EXPECT_EQ(geo["features"][1]["properties"]["fill"], access_colour(r.sites[0].markets[0]));
  const std::string page = access_html(r, f.net, "");
  EXPECT_NE(page.find("\"market\":\"PL\""), std::string::npos);
  EXPECT_EQ(page.find("__LANDBRIDGE_REPORT_DATA__"), std::string::npos);  // the data is inlined
}

TEST(Access, DutyLookupPrefersTheOriginThenTheCountryThenTheClass) {
  const DutyTable t = parse_duties(
      "territory,origin,commodity,duty_percent,sanctioned,source\n"
      "EAEU,*,*,5,no,t\n"
      "EAEU,*,machinery,4,no,t\n"
      "RU,EU,machinery,4,yes,t\n"
      "EAEU,CN,*,6,no,t\n",
      "duties.csv");
  EXPECT_EQ(t.find("KZ", "EAEU", "DE", freight::Commodity::electronics)->duty_percent, 5);
  EXPECT_EQ(t.find("KZ", "EAEU", "DE", freight::Commodity::machinery)->duty_percent, 4);
  EXPECT_TRUE(t.find("RU", "EAEU", "DE", freight::Commodity::machinery)->sanctioned);   // EU origin, Russian row
  EXPECT_FALSE(t.find("KZ", "EAEU", "DE", freight::Commodity::machinery)->sanctioned);  // not in Kazakhstan
  EXPECT_EQ(t.find("KZ", "EAEU", "CN", freight::Commodity::machinery)->duty_percent, 6);  // origin beats class
  EXPECT_EQ(t.find("RU", "EAEU", "BY", freight::Commodity::machinery), nullptr);          // inside the union
}

TEST(Access, ScenarioClosureAndDutyRuleChangeTheAnswer) {
  Fixture f;
  freight::FreightParameters parameters;
  parameters.carrying_rate_per_year[static_cast<std::size_t>(freight::Commodity::electronics)] = 0.1;
  const AccessInputs inputs{&f.net, &f.router, &f.data, &parameters, nullptr, std::filesystem::path()};
  AccessRequest ask;
  ask.from = "S";
  ask.commodity = "electronics";
  ask.value_usd_per_teu = 87600;
  const AccessResult before = answer_access(inputs, ask, AccessOptionNames::command_line());
  ASSERT_EQ(before.sites[0].markets[1].blocked, Blocked::sanctions);
  // A [[duty]] rule lifts the ban: the row's own 2 % applies.
  const std::string dir = ::testing::TempDir();
  {
    std::ofstream(dir + "/lift.toml") << "name = \"lift\"\n[[duty]]\nterritory = \"EU\"\norigins = [\"BY\"]\ncommodities = \"all\"\nsanctioned = false\n";
    std::ofstream(dir + "/close.toml") << "name = \"close\"\n[[close]]\nlink = \"M-C\"\n";
  }
  ask.scenarios = {dir + "/lift.toml"};
  const AccessResult lifted = answer_access(inputs, ask, AccessOptionNames::command_line());
  EXPECT_EQ(lifted.sites[0].markets[1].blocked, Blocked::none);
  EXPECT_DOUBLE_EQ(lifted.sites[0].markets[1].usd_per_teu, 2513);
  EXPECT_EQ(lifted.scenarios, std::vector<std::string>{"lift"});
  // Closing M-C leaves China without a route.
  ask.scenarios = {dir + "/close.toml"};
  const AccessResult closed = answer_access(inputs, ask, AccessOptionNames::command_line());
  EXPECT_EQ(closed.sites[0].markets[2].blocked, Blocked::no_route);
  EXPECT_EQ(before.sites[0].markets[2].blocked, Blocked::none);
  EXPECT_LT(closed.sites[0].potential, before.sites[0].potential);
}

TEST(Access, UnknownSiteAndCommodityAreClearErrors) {
  Fixture f;
  freight::FreightParameters parameters;
  const AccessInputs inputs{&f.net, &f.router, &f.data, &parameters, nullptr, std::filesystem::path()};
  AccessRequest ask;
  ask.from = "S";
  ask.commodity = "electronic";
  ask.value_usd_per_teu = 1000;
  try {
    (void)answer_access(inputs, ask, AccessOptionNames::http());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "commodity");
    EXPECT_NE(std::string(e.what()).find("unknown commodity \"electronic\""), std::string::npos);
  }
  ask.commodity = "machinery";
  ask.from = "Atlantis";
  EXPECT_THROW((void)answer_access(inputs, ask, AccessOptionNames::http()), InputError);
  ask.from = "S";
  ask.value_usd_per_teu.reset();  // no demand to take a default from
  try {
    (void)answer_access(inputs, ask, AccessOptionNames::command_line());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--value");
  }
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(AccessData, ErrorsNameFileLineFieldAndValue) {
  const network::Network net = tiny_network();
  EXPECT_EQ(error_of([&] { (void)parse_markets("market,name,group,country,nodes,gdp_usd_bn,source\nBY,B,EAEU,BY,M Q,1,t\n", "m.csv", net); }),
            "m.csv: line 2: field \"nodes\": no node \"Q\" in the network");
  EXPECT_EQ(error_of([&] { (void)parse_markets("market,name,group,country,nodes,gdp_usd_bn,source\nBY,B,EAEU,by,M,1,t\n", "m.csv", net); }),
            "m.csv: line 2: field \"country\": expected an ISO 3166-1 alpha-2 code in upper case, got \"by\"");
  EXPECT_EQ(error_of([&] { (void)parse_markets("market,name,group,country,nodes,gdp_usd_bn,source\nBY,B,EAEU,BY,M,-3,t\n", "m.csv", net); }),
            "m.csv: line 2: field \"gdp_usd_bn\": expected a number from 1e-06 to 1e+06, got \"-3\"");
  EXPECT_EQ(error_of([&] { (void)parse_duties("territory,origin,commodity,duty_percent,sanctioned,source\nEU,*,toys,1,no,t\n", "d.csv"); }),
            "d.csv: line 2: field \"commodity\": unknown commodity \"toys\" (electronics, machinery, consumer-goods, auto-parts, "
            "chemicals-plastics, bulk-in-containers, *)");
  EXPECT_EQ(error_of([&] { (void)parse_duties("territory,origin,commodity,duty_percent,sanctioned,source\nEU,*,*,1,maybe,t\n", "d.csv"); }),
            "d.csv: line 2: field \"sanctioned\": expected yes or no, got \"maybe\"");
  EXPECT_EQ(error_of([&] { (void)parse_duties("territory,origin,tariff\n", "d.csv"); }),
            "d.csv: line 1: field \"commodity\": expected the header territory,origin,commodity,duty_percent,sanctioned,source, got \"tariff\"");
  const auto markets = parse_markets(markets_csv, "m.csv", net);
  const auto no_china = parse_duties("territory,origin,commodity,duty_percent,sanctioned,source\nEU,*,*,1,no,t\nEAEU,*,*,1,no,t\n", "d.csv");
  EXPECT_EQ(error_of([&] { check_duties_cover(no_china, markets, "d.csv"); }),
            "d.csv: field \"origin\": no default row (origin *) for goods of class electronics entering CN (market CN, markets.csv line 4): "
            "add a row CN,*,electronics or CN,*,*");
}

}  // namespace
}  // namespace landbridge::access
