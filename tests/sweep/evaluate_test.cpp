// Evaluating samples on the tiny network: the quiet period is the baseline, states are weighted by
// their days, closures raise the shippers' expected cost, and results do not depend on threads.
#include <gtest/gtest.h>

#include <thread>

#include "freight/model.hpp"
#include "sweep/fixture.hpp"
#include "sweep/sweep.hpp"

namespace landbridge::sweep {
namespace {

using testing::TinyFixture;

void expect_same(const Outcome& a, const Outcome& b) {
  EXPECT_EQ(a.perceived_cost_usd, b.perceived_cost_usd);
  EXPECT_EQ(a.logistics_cost_usd, b.logistics_cost_usd);
  EXPECT_EQ(a.freight_charges_usd, b.freight_charges_usd);
  EXPECT_EQ(a.co2_tonnes, b.co2_tonnes);
  EXPECT_EQ(a.served_teu, b.served_teu);
  EXPECT_EQ(a.rail_teu, b.rail_teu);
  EXPECT_EQ(a.teu_days, b.teu_days);
  EXPECT_EQ(a.unserved_teu, b.unserved_teu);
  EXPECT_EQ(a.transit_teu_by_country, b.transit_teu_by_country);
  EXPECT_EQ(a.states, b.states);
  EXPECT_EQ(a.iterations, b.iterations);
}

TEST(Evaluate, AQuietPeriodIsTheBaseline) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  const Outcome quiet = evaluator.evaluate(SampleDraw{});
  EXPECT_EQ(quiet.states, 0);
  EXPECT_DOUBLE_EQ(quiet.perceived_cost_usd, evaluator.baseline().perceived_cost_usd);
  EXPECT_DOUBLE_EQ(quiet.rail_teu, evaluator.baseline().rail_teu);
  EXPECT_DOUBLE_EQ(evaluator.baseline().served_teu, 3650);
  EXPECT_GT(evaluator.baseline().rail_teu, 0);
}

TEST(Evaluate, StatesAreWeightedByTheirDays) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  const Outcome closed_all_year = evaluator.evaluate_rules(disruption_rules(f.model.elements[3], 1.0));  // baltic closed
  SampleDraw half;
  half.disruptions = {Disruption{3, 0, 182.5, 1.0}};
  const Outcome o = evaluator.evaluate(half);
  EXPECT_EQ(o.states, 1);
  const Outcome& base = evaluator.baseline();
  EXPECT_NEAR(o.perceived_cost_usd, 0.5 * base.perceived_cost_usd + 0.5 * closed_all_year.perceived_cost_usd, 1e-6 * base.perceived_cost_usd);
  EXPECT_NEAR(o.rail_teu, 0.5 * base.rail_teu + 0.5 * closed_all_year.rail_teu, 1e-6 * base.rail_teu);
}

TEST(Evaluate, ClosuresRaiseTheShippersExpectedCostAndShiftTheMode) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  const Outcome& base = evaluator.baseline();
  const Outcome bab = evaluator.evaluate_rules(disruption_rules(f.model.elements[0], 1.0));
  const Outcome brest = evaluator.evaluate_rules(disruption_rules(f.model.elements[2], 0, /*closed=*/true));
  const Outcome delayed = evaluator.evaluate_rules(disruption_rules(f.model.elements[2], 50));
  EXPECT_GT(bab.perceived_cost_usd, base.perceived_cost_usd);
  EXPECT_GT(bab.rail_teu, base.rail_teu);  // sea round the Cape: rail gains
  EXPECT_GT(brest.perceived_cost_usd, base.perceived_cost_usd);
  EXPECT_GT(delayed.perceived_cost_usd, base.perceived_cost_usd);
  EXPECT_LT(delayed.perceived_cost_usd, brest.perceived_cost_usd + 1e-9);  // a delay hurts less than closing it... or equal
  EXPECT_GT(delayed.teu_days, base.teu_days);
  // Everything closed that links China to the EU: nothing is served, and the model says so.
  std::vector<scenario::Rule> all = disruption_rules(f.model.elements[0], 1.0);
  for (std::size_t e = 1; e < f.model.elements.size(); ++e) {
    auto more = disruption_rules(f.model.elements[e], 1.0, true);
    all.insert(all.end(), more.begin(), more.end());
  }
  scenario::Rule cape = f.model.elements[0].target;
  cape.select.passages = {"cape-of-good-hope"};
  all.push_back(cape);
  const Outcome cut = evaluator.evaluate_rules(all);
  EXPECT_DOUBLE_EQ(cut.unserved_teu, 3650);
  EXPECT_DOUBLE_EQ(cut.served_teu, 0);
}

TEST(Evaluate, WarmAndColdStartsReachTheSameEquilibrium) {
  TinyFixture f;
  const Evaluator warm(f.router, f.demand, f.parameters, f.model, EvaluatorOptions{true});
  const Evaluator cold(f.router, f.demand, f.parameters, f.model, EvaluatorOptions{false});
  for (std::size_t e = 0; e < f.model.elements.size(); ++e) {
    const auto rules = disruption_rules(f.model.elements[e], f.model.elements[e].severity.upper(), e == 3);
    const Outcome a = warm.evaluate_rules(rules), b = cold.evaluate_rules(rules);
    EXPECT_NEAR(a.perceived_cost_usd, b.perceived_cost_usd, 1e-6 * b.perceived_cost_usd) << e;
    EXPECT_NEAR(a.rail_teu, b.rail_teu, 1e-3 * b.served_teu) << e;
    EXPECT_LE(a.iterations, b.iterations) << e;
  }
}

TEST(Evaluate, ResultsAreIdenticalForAnyThreadCount) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  std::vector<std::uint64_t> indices;
  for (std::uint64_t i = 0; i < 60; ++i) indices.push_back(i);
  const auto one = evaluate_samples(evaluator, 11, indices, 1);
  const auto two = evaluate_samples(evaluator, 11, indices, 2);
  const auto four = evaluate_samples(evaluator, 11, indices, 4);
  ASSERT_EQ(one.size(), indices.size());
  int disrupted = 0;
  for (std::size_t i = 0; i < indices.size(); ++i) {
    EXPECT_EQ(one[i].index, indices[i]);
    expect_same(one[i].outcome, two[i].outcome);
    expect_same(one[i].outcome, four[i].outcome);
    disrupted += one[i].outcome.states > 0;
  }
  EXPECT_GT(disrupted, 20);  // the test exercises real solves, not just quiet years
}

TEST(Evaluate, ClosureOnlyStatesAreSolvedOnceAndGiveTheSameBytes) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  ASSERT_EQ(f.model.elements[0].effect, EffectKind::close);  // bab
  ASSERT_EQ(f.model.elements[1].effect, EffectKind::close);  // suez
  const Outcome first = evaluator.evaluate_closed({0});
  EXPECT_EQ(evaluator.counts().solved, 1u);
  const Outcome again = evaluator.evaluate_closed({0});
  EXPECT_EQ(evaluator.counts().solved, 1u);
  EXPECT_EQ(evaluator.counts().reused, 1u);
  expect_same(first, again);
  // The same as solving it afresh.
  expect_same(first, evaluator.evaluate_rules(disruption_rules(f.model.elements[0], 1.0, /*closed=*/true)));
  // A sample with bab closed half the year takes it from the cache.
  SampleDraw half;
  half.disruptions = {Disruption{0, 0, 182.5, 1.0}};
  const Outcome o = evaluator.evaluate(half);
  EXPECT_EQ(evaluator.counts().reused, 2u);
  EXPECT_EQ(o.states, 1);
  EXPECT_EQ(o.iterations, first.iterations);
  // Many threads asking for one new state at once: solved once, the same for all.
  const std::uint64_t solved_before = evaluator.counts().solved;
  std::vector<Outcome> outcomes(8);
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < outcomes.size(); ++t) threads.emplace_back([&, t] { outcomes[t] = evaluator.evaluate_closed({0, 1}); });
  }
  EXPECT_EQ(evaluator.counts().solved, solved_before + 1);
  for (const Outcome& other : outcomes) expect_same(outcomes[0], other);
}

TEST(Evaluate, AStateWithClosuresStartsFromTheirEquilibrium) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  // bab closed and the Brest crossing delayed 50 h, all year.
  SampleDraw both;
  both.disruptions = {Disruption{0, 0, 365, 1.0}, Disruption{2, 0, 365, 50.0}};
  const Outcome from_closures = evaluator.evaluate(both);
  EXPECT_EQ(evaluator.counts().solved, 2u);  // bab alone (the start), then both
  std::vector<scenario::Rule> rules = disruption_rules(f.model.elements[0], 1.0);
  const auto brest = disruption_rules(f.model.elements[2], 50.0);
  rules.insert(rules.end(), brest.begin(), brest.end());
  const Outcome from_baseline = evaluator.evaluate_rules(rules);
  EXPECT_NEAR(from_closures.perceived_cost_usd, from_baseline.perceived_cost_usd, 1e-6 * from_baseline.perceived_cost_usd);
  EXPECT_NEAR(from_closures.rail_teu, from_baseline.rail_teu, 1e-3 * from_baseline.served_teu);
  EXPECT_LE(from_closures.iterations, from_baseline.iterations);
}

TEST(Evaluate, MessagesBetweenRanksRoundTrip) {
  TinyFixture f;
  const Evaluator evaluator(f.router, f.demand, f.parameters, f.model);
  const std::vector<std::uint64_t> indices = {3, 1, 4, 1, 5, 9, 2, 6};
  const auto records = evaluate_samples(evaluator, 2, indices, 2);
  const auto decoded = decode_samples(encode(records));
  ASSERT_EQ(decoded.size(), records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(decoded[i].index, records[i].index);
    EXPECT_EQ(decoded[i].seconds, records[i].seconds);
    ASSERT_EQ(decoded[i].disruptions.size(), records[i].disruptions.size());
    for (std::size_t k = 0; k < records[i].disruptions.size(); ++k) {
      EXPECT_EQ(decoded[i].disruptions[k].element, records[i].disruptions[k].element);
      EXPECT_EQ(decoded[i].disruptions[k].severity, records[i].disruptions[k].severity);
    }
    expect_same(decoded[i].outcome, records[i].outcome);
  }
  const std::vector<std::uint32_t> elements = {0, 2};
  const auto critical = evaluate_criticality(evaluator, elements, 2);
  const auto back = decode_criticality(encode(critical));
  ASSERT_EQ(back.size(), 2u);
  expect_same(back[1].closed, critical[1].closed);
  expect_same(back[1].typical, critical[1].typical);
  EXPECT_THROW((void)decode_samples(encode(records).substr(0, 20)), std::runtime_error);
}

}  // namespace
}  // namespace landbridge::sweep
