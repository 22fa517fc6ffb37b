// Risk model files: what they mean, and errors that name file, line and key.
#include <gtest/gtest.h>

#include <cmath>

#include "common/input_error.hpp"
#include "io/csv.hpp"
#include "io/network_geojson.hpp"
#include "sweep/evaluate.hpp"
#include "sweep/random.hpp"
#include "sweep/risk_model.hpp"
#include "sweep/sweep.hpp"
#include "sweep/fixture.hpp"

namespace landbridge::sweep {
namespace {

std::string error_of(const std::string& text) {
  try {
    (void)parse_risk_model(text, "risk.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(RiskModel, ParsesElementsGroupsAndDistributions) {
  const RiskModel m = parse_risk_model(testing::tiny_risk_text, "tiny.toml");
  ASSERT_EQ(m.elements.size(), 4u);
  ASSERT_EQ(m.groups.size(), 1u);
  EXPECT_EQ(m.groups[0].name, "sea");
  EXPECT_DOUBLE_EQ(m.groups[0].correlation, 0.8);
  EXPECT_TRUE(m.groups[0].common_timing);
  EXPECT_EQ(m.elements[0].group, 0);
  EXPECT_EQ(m.elements[2].group, -1);
  EXPECT_EQ(m.elements[0].duration_days.kind, Distribution::Kind::triangular);
  EXPECT_EQ(m.elements[1].duration_days.kind, Distribution::Kind::uniform);
  EXPECT_EQ(m.elements[2].duration_days.kind, Distribution::Kind::fixed);
  EXPECT_EQ(m.elements[2].effect, EffectKind::delay);
  EXPECT_EQ(m.elements[3].duration_days.kind, Distribution::Kind::lognormal);
  EXPECT_EQ(m.elements[0].target.select.passages, std::vector<std::string>{"bab-el-mandeb"});
  EXPECT_EQ(m.elements[2].target.select.links, std::vector<std::string>{"t2"});
}

TEST(RiskModel, DistributionQuantilesAndMeans) {
  const RiskModel m = parse_risk_model(testing::tiny_risk_text, "tiny.toml");
  const Distribution& tri = m.elements[0].duration_days;  // triangular(10, 60, 200)
  EXPECT_DOUBLE_EQ(tri.quantile(0), 10);
  EXPECT_NEAR(tri.quantile(50.0 / 190.0), 60, 1e-9);  // the mode sits at F = (60-10)/(200-10)
  EXPECT_NEAR(tri.quantile(1 - 1e-12), 200, 1e-3);
  EXPECT_DOUBLE_EQ(tri.mean(), 90);
  const Distribution& logn = m.elements[3].duration_days;  // median 20, p90 60, max 200
  EXPECT_NEAR(logn.quantile(0.5), 20, 1e-9);
  EXPECT_NEAR(logn.quantile(0.9), 60, 1e-6);
  EXPECT_DOUBLE_EQ(logn.quantile(0.99999), 200);
  // The capped mean against a midpoint-rule integral of the quantile function.
  double integral = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) integral += logn.quantile((i + 0.5) / n);
  EXPECT_NEAR(logn.mean(), integral / n, 1e-3 * logn.mean());
}

TEST(RiskModel, NormalQuantileInvertsTheCdf) {
  for (double p : {1e-10, 1e-4, 0.01, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.97575, 0.999, 1 - 1e-9}) {
    EXPECT_NEAR(normal_cdf(normal_quantile(p)), p, 1e-14 + 1e-12 * p) << p;
  }
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-12);
}

TEST(RiskModel, PercentileInterpolatesLikeNumpy) {
  const std::vector<double> v = {1, 2, 3, 4, 10};
  EXPECT_DOUBLE_EQ(percentile(v, 0.5), 3);
  EXPECT_DOUBLE_EQ(percentile(v, 0.9), 7.6);   // numpy.percentile([1,2,3,4,10], 90)
  EXPECT_DOUBLE_EQ(percentile(v, 0.95), 8.8);
  EXPECT_DOUBLE_EQ(percentile(v, 0), 1);
  EXPECT_DOUBLE_EQ(percentile(v, 1), 10);
}

TEST(RiskModel, ErrorsNameLineAndKey) {
  EXPECT_EQ(error_of("name = \"x\"\n[[element]]\nname = \"a\"\npassage = \"suez\"\nduration_days = 3\n"),
            "risk.toml: line 2: field \"element[1]\": needs \"probability\" (of a disruption within the period, 0-1)");
  EXPECT_EQ(error_of("name = \"x\"\n[[element]]\nname = \"a\"\npassage = \"suez\"\nprobability = 1.5\nduration_days = 3\n"),
            "risk.toml: line 5: field \"element[1].probability\": expected a number in [0, 1], got 1.5");
  EXPECT_EQ(error_of("name = \"x\"\n[[element]]\nname = \"a\"\npassage = \"suez\"\nprobability = 0.1\nduration_days = { gamma = [1, 2] }\n"),
            "risk.toml: line 6: field \"element[1].duration_days\": unknown distribution \"gamma\" (uniform, triangular, lognormal, or a number)");
  EXPECT_EQ(error_of("name = \"x\"\n[[element]]\nname = \"a\"\npassage = \"suez\"\nprobability = 0.1\nduration_days = { triangular = [5, 1, 9] }\n"),
            "risk.toml: line 6: field \"element[1].duration_days\": triangular: expected low <= mode <= high");
  EXPECT_EQ(error_of("name = \"x\"\n[[element]]\nname = \"a\"\ngroup = \"nope\"\npassage = \"suez\"\nprobability = 0.1\nduration_days = 2\n"),
            "risk.toml: line 4: field \"element[1].group\": no [[group]] named \"nope\" (groups come before elements)");
  EXPECT_EQ(error_of("name = \"x\"\n[[element]]\nname = \"a\"\npassage = \"suez\"\nprobability = 0.1\nduration_days = 2\nseverity = 0.5\n"),
            "risk.toml: line 7: field \"element[1].severity\": a closure has no severity (effect = \"close\")");
  EXPECT_EQ(error_of("name = \"x\"\n[[element]]\nname = \"a\"\npassage = \"suez\"\nprobability = 0.1\nduration_days = 2\nfrobnicate = 1\n"),
            "risk.toml: line 7: field \"element[1].frobnicate\": unknown key \"frobnicate\" in a [element] rule");
  EXPECT_EQ(error_of("name = \"x\"\n[[element]]\nname = \"a\"\nprobability = 0.1\nduration_days = 2\n"),
            "risk.toml: line 2: field \"element[1]\": names no link: give link, crossing, node, passage, country, corridor or mode");
  EXPECT_EQ(error_of("name = \"x\"\n[[element]]\nname = \"a\"\npassage = \"suez\"\nprobability = 0.1\nduration_days = 2\neffect = \"capacity\"\n"),
            "risk.toml: line 2: field \"element[1]\": needs \"severity\"");
  EXPECT_EQ(error_of("name = \"x\"\n"), "risk.toml: field \"element\": a risk model needs at least one [[element]]");
  EXPECT_EQ(error_of("name = \"x\"\n[[element]\n"), "risk.toml: line 2, column 11: Error while parsing table header: expected ']', saw '\\n'");
}

TEST(RiskModel, ElementsThatMatchNothingInTheNetworkAreRefused) {
  testing::TinyFixture f;
  const RiskModel bad = parse_risk_model("name = \"x\"\n[[element]]\nname = \"a\"\ncrossing = \"T-NOPE\"\nprobability = 0.1\nduration_days = 2\n",
                                         "bad.toml");
  try {
    const Evaluator evaluator(f.router, f.demand, f.parameters, bad);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.toml: line 2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("T-NOPE"), std::string::npos) << e.what();
  }
}

TEST(RiskModel, TheDefaultModelLoadsAndMatchesTheEmbeddedNetwork) {
  const auto data = io::default_network_folder().parent_path();
  const RiskModel m = load_risk_model(default_risk_file(data));
  EXPECT_EQ(m.name, "eurasia");
  EXPECT_GE(m.elements.size(), 12u);
  EXPECT_GE(m.groups.size(), 2u);
  const network::Network net = io::load_network(io::default_network_folder());
  const routing::Router router(net);
  const freight::Demand demand = freight::load_demand(freight::default_demand_file(io::default_network_folder()), net);
  const freight::FreightParameters parameters = freight::load_freight_parameters(freight::default_parameters_file(io::default_network_folder()));
  EXPECT_NO_THROW(Evaluator(router, demand, parameters, m));
  // Every element's source keys are explained in data/risk/SOURCES.md.
  const std::string sources = io::read_text_file((data / "risk" / "SOURCES.md").string());
  for (const RiskElement& e : m.elements) {
    ASSERT_FALSE(e.sources.empty()) << e.name;
    for (const std::string& key : e.sources) EXPECT_NE(sources.find("`" + key + "`"), std::string::npos) << e.name << ": " << key;
    EXPECT_NE(sources.find(e.name), std::string::npos) << e.name;
  }
}

}  // namespace
}  // namespace landbridge::sweep
