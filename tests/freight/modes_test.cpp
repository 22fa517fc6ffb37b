// The freight model with four mode nests (sea, rail, air, road) against the closed-form nested logit,
// value tiers, drivers' rests on the road option, background traffic at a crossing, and market pairs.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <optional>

#include "common/input_error.hpp"
#include "freight/calibration.hpp"
#include "freight/model.hpp"
#include "freight/summary.hpp"
#include "io/network_geojson.hpp"

namespace landbridge::freight {
namespace {

const std::filesystem::path folder = std::filesystem::path(LANDBRIDGE_TEST_DATA_DIR) / "tiny-freight";

network::Node place(std::string id, network::NodeKind kind, std::string country, double lon, double lat,
                    std::optional<double> customs_hours = {}, std::optional<double> customs_usd = {}) {
  network::Node n;
  n.id = std::move(id);
  n.name = n.id;
  n.kind = kind;
  n.country = std::move(country);
  n.lon = lon, n.lat = lat;
  n.customs_hours = customs_hours;
  n.customs_usd = customs_usd;
  n.source = "tiny";
  return n;
}

network::Link link(const network::Network& base, std::vector<network::Node>& nodes, std::string id, const std::string& from,
                   const std::string& to, network::Mode mode, double hours, double usd, std::string tag) {
  const auto find = [&](const std::string& node_id) {
    for (NodeId v = 0; v < nodes.size(); ++v)
      if (nodes[v].id == node_id) return v;
    ADD_FAILURE() << "no node " << node_id;
    return NodeId{0};
  };
  (void)base;
  network::Link l;
  l.id = std::move(id);
  l.from = find(from), l.to = find(to);
  l.mode = mode;
  l.hours = hours, l.usd_per_teu = usd;
  l.length_km = 1000;
  if (mode == network::Mode::transfer) l.transfer = network::TransferKind::airport;
  l.corridors = {std::move(tag)};
  l.source = "tiny";
  l.geometry = {{nodes[l.from].lon, nodes[l.from].lat}, {nodes[l.to].lon, nodes[l.to].lat}};
  return l;
}

// The tiny network (tests/data/tiny/README.md) plus an air route and a road route from CNAAA to DEDUI:
//
//   CNAAA --airport 12 h $250--> AP-AAA --air 14 h $40,000--> AP-DUS (customs 6 h $90) --airport 12 h $250--> DEDUI
//   CNAAA --road 60 h $3,000--> PLRD (customs 8 h $150) --road 15 h $800--> DEDUI
//
// Air: 44 h, $40,590. Road: 75 h of driving, so 8 full driving days and 3 h on the ninth: 8 x 15 h of
// breaks and rests + one weekly rest (34 h) = 154 h; 75 + 8 + 154 = 237 h, $3,950.
network::Network four_mode_network() {
  const network::Network base = io::load_network(folder);
  std::vector<network::Node> nodes = base.nodes();
  // Links run both ways, so the reversed air and road arcs enter China at AP-AAA and CNAAA: they need
  // customs figures too (nothing flows that way here).
  nodes[base.find_node("CNAAA")].customs_hours = 6, nodes[base.find_node("CNAAA")].customs_usd = 90;
  nodes.push_back(place("AP-AAA", network::NodeKind::airport, "CN", 104.1, 30.6, 6.0, 90.0));
  nodes.push_back(place("AP-DUS", network::NodeKind::airport, "DE", 6.8, 51.3, 6.0, 90.0));
  nodes.push_back(place("PLRD", network::NodeKind::border, "PL", 23.6, 52.1, 8.0, 150.0));
  std::vector<network::Link> links = base.links();
  links.push_back(link(base, nodes, "a0", "CNAAA", "AP-AAA", network::Mode::transfer, 12, 250, "air"));
  links.push_back(link(base, nodes, "a1", "AP-AAA", "AP-DUS", network::Mode::air, 14, 40000, "air"));
  links.push_back(link(base, nodes, "a2", "AP-DUS", "DEDUI", network::Mode::transfer, 12, 250, "air"));
  links.push_back(link(base, nodes, "d1", "CNAAA", "PLRD", network::Mode::road, 60, 3000, "road"));
  links.push_back(link(base, nodes, "d2", "PLRD", "DEDUI", network::Mode::road, 15, 800, "road"));
  return network::Network(std::move(nodes), std::move(links));
}

struct FourModes {
  FourModes() : network(four_mode_network()), router(network) {
    demand = load_demand(folder / "demand.csv", network);
    parameters = load_freight_parameters(folder / "freight-parameters.json");
    parameters.corridors.push_back({"air", "air", {"air"}, {}});
    parameters.corridors.push_back({"road", "road", {"road"}, {}});
    parameters.reliability_buffer_share["air"] = 0.05;
    parameters.reliability_buffer_share["road"] = 0.10;
    parameters.mode_constant_usd["air"]["CN"] = 500;
    parameters.mode_constant_usd["road"]["*"] = 200;
  }
  network::Network network;
  routing::Router router;
  Demand demand;
  FreightParameters parameters;
  [[nodiscard]] FreightResult solve() const { return FreightModel(router, demand, parameters).solve(); }
};

// The closed form for one row of cargo worth `value` per TEU: option probabilities by corridor name.
std::map<std::string, double> closed_form(double value) {
  const double h = value * 0.4 / 8760.0;  // electronics: 40 % a year
  const std::map<std::string, std::pair<std::string, double>> cost = {
      {"northern", {"rail", 4050 + h * 1.2 * 146}}, {"baltic", {"rail", 4710 + h * 1.2 * 175}},
      {"sea-suez", {"sea", 2080 + h * 1.15 * 560}}, {"sea-cape", {"sea", 2780 + h * 1.15 * 860}},
      {"air", {"air", 40590 + h * 1.05 * 44}},      {"road", {"road", 3950 + h * 1.10 * 237}}};
  const double mu = 0.005, theta = 0.002;
  const std::map<std::string, double> constant = {{"rail", -300}, {"sea", 0}, {"air", 500}, {"road", 200}};
  std::map<std::string, double> nest_sum, nest_cost;
  for (const auto& [name, c] : cost) nest_sum[c.first] += std::exp(-mu * c.second);
  double total = 0;
  for (const auto& [mode, sum] : nest_sum) {
    nest_cost[mode] = -std::log(sum) / mu + constant.at(mode);
    total += std::exp(-theta * nest_cost[mode]);
  }
  std::map<std::string, double> p;
  for (const auto& [name, c] : cost) {
    p[name] = std::exp(-mu * c.second) / nest_sum[c.first] * std::exp(-theta * nest_cost[c.first]) / total;
  }
  return p;
}

std::map<std::string, double> probabilities(const FreightResult& result) {
  std::map<std::string, double> p;
  for (const RowOption& o : result.row_options(0)) p[result.corridor_names[o.corridor]] += o.probability;
  return p;
}

TEST(FreightModes, FourNestsMatchTheClosedForm) {
  const FourModes f;
  const FreightResult result = f.solve();
  ASSERT_TRUE(result.converged);
  ASSERT_EQ(result.row_options(0).size(), 6u);
  const auto expected = closed_form(100000);
  const auto got = probabilities(result);
  for (const auto& [name, p] : expected) EXPECT_NEAR(got.at(name), p, 1e-9) << name;
  EXPECT_NEAR(std::accumulate(got.begin(), got.end(), 0.0, [](double s, const auto& kv) { return s + kv.second; }), 1, 1e-12);
}

TEST(FreightModes, ValueDecidesBetweenAirRailAndSea) {
  FourModes f;
  std::map<std::string, double> previous;
  for (double value : {20000.0, 200000.0, 10000000.0}) {
    f.demand.rows[0].value_usd_per_teu = value;
    const FreightSummary s = summarize(FreightModel(f.router, f.demand, f.parameters), f.solve());
    if (!previous.empty()) {
      EXPECT_GT(s.share_by_mode.at("air"), previous.at("air")) << value;
      EXPECT_LT(s.share_by_mode.at("sea"), previous.at("sea")) << value;
    }
    previous = s.share_by_mode;
  }
  EXPECT_GT(previous.at("air"), 0.5);  // $10 M a TEU-equivalent (1,000 USD/kg) flies
}

TEST(FreightModes, TheRoadOptionTakesTheDriversRests) {
  const FourModes f;
  const FreightResult result = f.solve();
  for (const RowOption& o : result.row_options(0)) {
    if (result.corridor_names[o.corridor] != "road") {
      EXPECT_EQ(o.rest_hours, 0) << result.corridor_names[o.corridor];
      continue;
    }
    EXPECT_DOUBLE_EQ(o.rest_hours, 154);
    EXPECT_DOUBLE_EQ(o.hours, 237);
    EXPECT_DOUBLE_EQ(o.usd, 3950);
  }
}

TEST(FreightModes, TierMultipliersAreLognormalBandMeans) {
  EXPECT_EQ(value_tier_multipliers(1, 1.0), std::vector<double>{1.0});
  EXPECT_EQ(value_tier_multipliers(4, 0.0), std::vector<double>(4, 1.0));
  // Two bands split at the median: 2 Phi(-sigma) and 2 (1 - Phi(-sigma)); Phi(-1) = 0.158655254.
  const std::vector<double> two = value_tier_multipliers(2, 1.0);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_NEAR(two[0], 2 * 0.158655254, 1e-8);
  EXPECT_NEAR(two[1], 2 * (1 - 0.158655254), 1e-8);
  for (int count : {3, 5, 9}) {
    const std::vector<double> m = value_tier_multipliers(count, 1.3);
    EXPECT_NEAR(std::accumulate(m.begin(), m.end(), 0.0) / count, 1.0, 1e-12) << count;
    for (std::size_t k = 1; k < m.size(); ++k) EXPECT_GT(m[k], m[k - 1]);
  }
}

TEST(FreightModes, ValueTiersAverageTheirOwnChoices) {
  FourModes f;
  f.parameters.value_tiers = {3, 1.2};
  const FreightResult result = f.solve();
  const std::vector<double> m = value_tier_multipliers(3, 1.2);
  std::map<std::string, double> expected, expected_value;
  for (double multiplier : m) {
    for (const auto& [name, p] : closed_form(100000 * multiplier)) {
      expected[name] += p / 3;
      expected_value[name] += p / 3 * 100000 * multiplier;
    }
  }
  for (const RowOption& o : result.row_options(0)) {
    const std::string& name = result.corridor_names[o.corridor];
    EXPECT_NEAR(o.probability, expected[name], 1e-9) << name;
    EXPECT_NEAR(o.value_usd_per_teu, expected_value[name] / expected[name], 1e-6 * o.value_usd_per_teu) << name;
  }
  // Air takes the dearest tier's cargo: its value per TEU is above the row's.
  const FreightSummary s = summarize(FreightModel(f.router, f.demand, f.parameters), result);
  EXPECT_GT(s.value_share_by_mode.at("air"), s.share_by_mode.at("air"));
}

// Background traffic at the Brest -> Małaszewicze transfer (t2, 12 h of handling, capacity 1,200 TEU a
// day): the delay is the conical function of (containers + background) / capacity, and the crossing
// reports both. With the northern corridor only, all 1,000 TEU a day cross t2, so by hand, with
// alpha = 8, beta = 15/14 and r = (1,000 + 400) / 1,200: delay = 12 (f(r) - 1) hours.
struct BackgroundCase {
  explicit BackgroundCase(double background, bool northern_only, double slot_price = 0)
      : network(with_background(background)), router(network) {
    demand = load_demand(folder / "demand.csv", network);
    demand.rows[0].teu_per_year = 365.0 * 1000;
    parameters = load_freight_parameters(folder / "freight-parameters.json");
    parameters.mode_constant_usd["rail"]["*"] = -4000;
    parameters.relative_gap = northern_only ? 1e-9 : 1e-4;
    if (northern_only) parameters.corridors.resize(1);
    parameters.slot_price_usd_at_capacity = slot_price;
    const FreightModel model(router, demand, parameters);
    result = model.solve();
    EXPECT_TRUE(result.converged);
    for (const CrossingUse& c : summarize(model, result).crossings)
      if (c.id == "t2" && c.from == "BYBRS") t2 = c;
  }
  static network::Network with_background(double background) {
    const network::Network base = io::load_network(folder);
    std::vector<network::Link> links = base.links();
    network::Link& t2 = links[base.find_link("t2")];
    t2.capacity_teu_per_day = 1200;
    t2.background_teu_per_day = {background, 0};
    return network::Network(base.nodes(), links);
  }
  network::Network network;
  routing::Router router;
  Demand demand;
  FreightParameters parameters;
  FreightResult result;
  CrossingUse t2;
};

TEST(FreightModes, BackgroundTrafficTakesItsShareOfTheCapacity) {
  const BackgroundCase forced(400, true);
  const double alpha = 8, beta = 15.0 / 14.0;
  const double x = 1 - (1000.0 + 400.0) / 1200.0;
  const double f = 2 + std::sqrt(alpha * alpha * x * x + beta * beta) - alpha * x - beta;
  EXPECT_NEAR(forced.t2.teu_per_day, 1000, 1e-9);
  EXPECT_DOUBLE_EQ(forced.t2.background_teu_per_day, 400);
  EXPECT_NEAR(forced.t2.utilization, 1400.0 / 1200.0, 1e-12);
  EXPECT_NEAR(forced.t2.delay_hours, 12 * (f - 1), 1e-9);
  // The other direction carries no background: only its own (zero) flow.
  const BackgroundCase none(0, true);
  EXPECT_LT(none.t2.delay_hours, forced.t2.delay_hours);

  // With a choice of routes, background traffic pushes containers off the crossing.
  const BackgroundCase free_without(0, false), free_with(400, false);
  EXPECT_LT(free_with.t2.teu_per_day, free_without.t2.teu_per_day);
  EXPECT_GT(free_with.t2.delay_hours, free_without.t2.delay_hours);
}

// The scarcity charge of a full crossing (slot_price_usd_at_capacity): the same conical function as the
// delay, in USD. With all 1,000 TEU a day forced over t2 (plus 400 of background, capacity 1,200) every
// option through it costs P (f(r) - 1) more per TEU, by hand; with a choice of routes it pushes
// containers off the crossing beyond what the delay alone does.
TEST(FreightModes, AFullCrossingChargesItsSlotPrice) {
  const double price = 1000;
  const BackgroundCase without(400, true), with(400, true, price);
  const double alpha = 8, beta = 15.0 / 14.0;
  const double x = 1 - (1000.0 + 400.0) / 1200.0;
  const double f = 2 + std::sqrt(alpha * alpha * x * x + beta * beta) - alpha * x - beta;
  EXPECT_NEAR(with.t2.teu_per_day, 1000, 1e-9);
  ASSERT_EQ(with.result.row_options(0).size(), without.result.row_options(0).size());
  for (std::size_t k = 0; k < with.result.row_options(0).size(); ++k) {
    EXPECT_NEAR(with.result.row_options(0)[k].usd - without.result.row_options(0)[k].usd, price * (f - 1), 1e-6);
  }
  const BackgroundCase free_without(400, false), free_with(400, false, price);
  EXPECT_LT(free_with.t2.teu_per_day, free_without.t2.teu_per_day);
}

TEST(FreightModes, MarketsArePairsOfRegionsInListOrder) {
  FreightParameters p;
  p.regions = {{"CN", {"CN"}}, {"EU", {"DE", "PL"}}, {"CA", {"KZ", "UZ"}}};
  EXPECT_EQ(p.region_of("PL"), "EU");
  EXPECT_EQ(p.region_of("TR"), "TR");
  EXPECT_EQ(p.market_of("EU", "CN"), "CN-EU");
  EXPECT_EQ(p.market_of("CA", "EU"), "EU-CA");
  EXPECT_EQ(p.market_of("TR", "CN"), "CN-TR");
  EXPECT_EQ(p.market_of("TR", "BY"), "BY-TR");
  p.mode_constant_usd["rail"] = {{"KZ", 1}, {"CA", 2}, {"*", 3}};
  EXPECT_EQ(p.mode_constant_for("rail", "KZ"), 1);
  EXPECT_EQ(p.mode_constant_for("rail", "UZ"), 2);
  EXPECT_EQ(p.mode_constant_for("rail", "CN"), 3);
  EXPECT_EQ(p.mode_constant_for("air", "CN"), 0);
}

TEST(FreightModes, ByMarketSplitsTheSummary) {
  FourModes f;
  f.parameters.regions = {{"CN", {"CN"}}, {"EU", {"DE", "PL", "NL"}}};
  const FreightSummary s = summarize(FreightModel(f.router, f.demand, f.parameters), f.solve());
  ASSERT_EQ(s.by_market.size(), 1u);
  const MarketFigures& m = s.by_market.at("CN-EU");
  EXPECT_DOUBLE_EQ(m.teu, 3650);
  for (const auto& [mode, teu] : s.teu_by_mode) EXPECT_NEAR(m.teu_by_mode.at(mode), teu, 1e-9) << mode;
  EXPECT_EQ(m.teu_by_direction_mode.begin()->first, "CN->EU");
}

}  // namespace
}  // namespace landbridge::freight

namespace landbridge::freight {
namespace {

// Calibration recovers known constants: the figures of a run with rail -300 and air 500 (CN) are the
// targets of a run that starts from 0; the fitted constants come back within the tolerance's reach.
TEST(Calibration, RecoversTheConstantsThatMadeTheTargets) {
  FourModes truth;
  truth.parameters.regions = {{"CN", {"CN"}}, {"EU", {"DE", "PL", "NL", "LT"}}};
  truth.parameters.mode_constant_usd = {{"rail", {{"CN->EU", -300}}}, {"air", {{"CN->EU", 500}}}};
  truth.parameters.corridor_constant_usd = {{"baltic", 150}};
  // Flat logits, so that every mode keeps a share that its constant moves (identifiable constants).
  truth.parameters.mode_scale_per_usd = 5e-5;
  truth.parameters.corridor_scale_per_usd = 1e-3;
  truth.parameters.value_tiers = {3, 1.0};
  const FreightModel model(truth.router, truth.demand, truth.parameters);
  const FreightResult result = model.solve();
  std::vector<CalibrationTarget> targets = {
      {"rail", TargetMeasure::mode_teu, "rail", "CN->EU", "", "", 0, "test", 0},
      {"air value", TargetMeasure::mode_value_share, "air", "CN->EU", "", "", 0, "test", 0},
      {"baltic", TargetMeasure::corridor_share, "", "", "baltic", "", 0, "test", 0}};
  for (CalibrationTarget& t : targets) t.value = measured(t, model, result);
  EXPECT_GT(targets[1].value, 0.05);
  EXPECT_LT(targets[2].value, 1);

  FreightParameters start = truth.parameters;
  start.mode_constant_usd = {};
  start.corridor_constant_usd = {};
  const auto solve = [&](const FreightParameters& p, const auto& visit) {
    const FreightModel m(truth.router, truth.demand, p);
    visit(m, m.solve());
  };
  const CalibrationResult fit = calibrate(start, targets, solve, 1e-6);
  EXPECT_TRUE(fit.converged) << fit.rounds << " rounds";
  EXPECT_NEAR(fit.parameters.mode_constant_for("rail", "CN", "CN->EU"), -300, 0.5);
  EXPECT_NEAR(fit.parameters.mode_constant_for("air", "CN", "CN->EU"), 500, 0.5);
  EXPECT_NEAR(fit.parameters.corridor_constant_usd.at("baltic"), 150, 0.5);
  for (const CalibrationRow& row : fit.rows) EXPECT_NEAR(row.model, row.target.value, 1e-6 * row.target.value) << row.target.name;
}

TEST(Calibration, TwoTargetsForOneConstantAreAnError) {
  const FourModes f;
  const std::vector<CalibrationTarget> targets = {{"a", TargetMeasure::mode_teu, "rail", "CN->EU", "", "", 100, "test", 3},
                                                  {"b", TargetMeasure::mode_value_share, "rail", "CN->EU", "", "", 0.1, "test", 9}};
  try {
    (void)calibrate(f.parameters, targets, [](const FreightParameters&, const auto&) {});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "line 9: field \"b\": a second target for the constant mode_constant_usd.rail.CN->EU");
  }
}

}  // namespace
}  // namespace landbridge::freight
