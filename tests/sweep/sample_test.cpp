// Sampling: marginal probabilities kept, correlation within groups, common timing, reproducible
// streams per sample, and the period cut into states.
#include <gtest/gtest.h>

#include <cmath>

#include <fmt/format.h>

#include "sweep/fixture.hpp"
#include "sweep/sample.hpp"

namespace landbridge::sweep {
namespace {

RiskModel two_elements(double correlation, double p1, double p2, bool common_timing = true) {
  return parse_risk_model(fmt::format(R"(
name = "pair"
[[group]]
name = "g"
correlation = {}
common_timing = {}
[[element]]
name = "a"
group = "g"
passage = "suez"
probability = {}
duration_days = 10
[[element]]
name = "b"
group = "g"
passage = "bab-el-mandeb"
probability = {}
duration_days = 20
)",
                                      correlation, common_timing ? "true" : "false", p1, p2),
                          "pair.toml");
}

struct Frequencies {
  double a = 0, b = 0, both = 0, same_start = 0;
};

Frequencies frequencies(const RiskModel& model, int samples, std::uint64_t seed = 7) {
  Frequencies f;
  for (int i = 0; i < samples; ++i) {
    const SampleDraw d = draw_sample(model, seed, static_cast<std::uint64_t>(i));
    bool a = false, b = false;
    double start_a = -1, start_b = -2;
    for (const Disruption& x : d.disruptions) {
      if (x.element == 0) a = true, start_a = x.start_day;
      if (x.element == 1) b = true, start_b = x.start_day;
    }
    f.a += a, f.b += b, f.both += a && b, f.same_start += a && b && start_a == start_b;
  }
  f.a /= samples, f.b /= samples, f.both /= samples, f.same_start /= samples;
  return f;
}

// Four binomial standard deviations.
double tolerance(double p, int n) { return 4 * std::sqrt(p * (1 - p) / n) + 1e-12; }

TEST(Sample, MarginalProbabilitiesAreKeptForAnyCorrelation) {
  const int n = 40000;
  for (double rho : {0.0, 0.5, 0.95}) {
    const Frequencies f = frequencies(two_elements(rho, 0.1, 0.3), n);
    EXPECT_NEAR(f.a, 0.1, tolerance(0.1, n)) << rho;
    EXPECT_NEAR(f.b, 0.3, tolerance(0.3, n)) << rho;
  }
}

TEST(Sample, IndependentWithoutCorrelationTogetherWithFullCorrelation) {
  const int n = 40000;
  const Frequencies independent = frequencies(two_elements(0.0, 0.2, 0.2), n);
  EXPECT_NEAR(independent.both, 0.04, tolerance(0.04, n));
  // With correlation 1 both latent variables are the group's: equal probabilities fail together.
  const Frequencies together = frequencies(two_elements(1.0, 0.2, 0.2), n);
  EXPECT_DOUBLE_EQ(together.both, together.a);
  EXPECT_DOUBLE_EQ(together.both, together.b);
  // In between: P(both) is the bivariate normal orthant probability, above p^2 and below p.
  const Frequencies some = frequencies(two_elements(0.5, 0.2, 0.2), n);
  EXPECT_GT(some.both, 0.04 + tolerance(0.04, n));
  EXPECT_LT(some.both, 0.2 - tolerance(0.2, n));
}

TEST(Sample, CommonTimingSharesTheStartDay) {
  const Frequencies common = frequencies(two_elements(1.0, 0.3, 0.3, true), 5000);
  EXPECT_GT(common.both, 0.2);
  EXPECT_DOUBLE_EQ(common.same_start, common.both);
  const Frequencies own = frequencies(two_elements(1.0, 0.3, 0.3, false), 5000);
  EXPECT_DOUBLE_EQ(own.same_start, 0);
}

TEST(Sample, TheSameSeedAndIndexGiveTheSameDrawAnywhere) {
  const RiskModel m = parse_risk_model(testing::tiny_risk_text, "tiny.toml");
  for (std::uint64_t i : {0ULL, 1ULL, 17ULL, 1000000007ULL}) {
    const SampleDraw x = draw_sample(m, 42, i), y = draw_sample(m, 42, i);
    ASSERT_EQ(x.disruptions.size(), y.disruptions.size());
    for (std::size_t k = 0; k < x.disruptions.size(); ++k) {
      EXPECT_EQ(x.disruptions[k].element, y.disruptions[k].element);
      EXPECT_EQ(x.disruptions[k].start_day, y.disruptions[k].start_day);
      EXPECT_EQ(x.disruptions[k].end_day, y.disruptions[k].end_day);
      EXPECT_EQ(x.disruptions[k].severity, y.disruptions[k].severity);
    }
  }
  // Another seed gives other draws.
  int differ = 0;
  for (std::uint64_t i = 0; i < 50; ++i) differ += draw_sample(m, 42, i).disruptions.size() != draw_sample(m, 43, i).disruptions.size();
  EXPECT_GT(differ, 5);
}

TEST(Sample, ChangingOneElementLeavesTheOthersDrawsAlone) {
  RiskModel m = parse_risk_model(testing::tiny_risk_text, "tiny.toml");
  RiskModel changed = m;
  changed.elements[2].probability = 0.9;  // brest, ungrouped
  for (std::uint64_t i = 0; i < 200; ++i) {
    auto others = [](const SampleDraw& d) {
      std::vector<std::pair<std::uint32_t, double>> out;
      for (const Disruption& x : d.disruptions)
        if (x.element != 2) out.emplace_back(x.element, x.start_day);
      return out;
    };
    EXPECT_EQ(others(draw_sample(m, 5, i)), others(draw_sample(changed, 5, i))) << i;
  }
}

TEST(Sample, DurationsAndSeveritiesFollowTheirDistributions) {
  const RiskModel m = parse_risk_model(testing::tiny_risk_text, "tiny.toml");
  double severity_sum = 0;
  int severities = 0;
  for (std::uint64_t i = 0; i < 4000; ++i) {
    for (const Disruption& d : draw_sample(m, 3, i).disruptions) {
      EXPECT_GE(d.start_day, 0);
      EXPECT_LE(d.end_day, 365);
      EXPECT_GT(d.end_day, d.start_day);
      if (d.element == 2) {  // delay, uniform(10, 100) hours; 45 days, cut at the year's end
        EXPECT_GE(d.severity, 10);
        EXPECT_LE(d.severity, 100);
        EXPECT_NEAR(d.end_day, std::min(365.0, d.start_day + 45), 1e-9);
        severity_sum += d.severity, ++severities;
      }
      if (d.element == 1) {
        EXPECT_LE(d.end_day - d.start_day, 30 + 1e-9);
      }
    }
  }
  ASSERT_GT(severities, 1000);
  EXPECT_NEAR(severity_sum / severities, 55, 3);
}

TEST(Sample, StatesCutThePeriodAtEveryStartAndEnd) {
  SampleDraw d;
  d.disruptions = {Disruption{0, 100, 200, 1}, Disruption{1, 150, 365, 1}};
  const std::vector<State> states = states_of(d, 365);
  // [0,100) none, [100,150) {0}, [150,200) {0,1}, [200,365) {1}; "none" appears once.
  ASSERT_EQ(states.size(), 4u);
  EXPECT_TRUE(states[0].active.empty());
  EXPECT_DOUBLE_EQ(states[0].days, 100);
  EXPECT_EQ(states[1].active, std::vector<std::uint32_t>{0});
  EXPECT_DOUBLE_EQ(states[1].days, 50);
  EXPECT_EQ(states[2].active, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_DOUBLE_EQ(states[2].days, 50);
  EXPECT_EQ(states[3].active, std::vector<std::uint32_t>{1});
  EXPECT_DOUBLE_EQ(states[3].days, 165);
  // A quiet period is one state; the same set twice is one state with both stretches.
  EXPECT_EQ(states_of(SampleDraw{}, 365).size(), 1u);
  SampleDraw twice;
  twice.disruptions = {Disruption{0, 10, 20, 1}, Disruption{1, 10, 20, 1}};
  const auto s = states_of(twice, 365);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_DOUBLE_EQ(s[0].days, 355);
  EXPECT_DOUBLE_EQ(s[1].days, 10);
}

}  // namespace
}  // namespace landbridge::sweep
