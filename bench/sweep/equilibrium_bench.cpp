// Iterations and time per freight equilibrium, by method, on the embedded network: the baseline and
// every built-in scenario (cold start, as `landbridge compare` solves them) and the distinct states
// of the first risk-sweep samples (warm start from the baseline, as `landbridge sweep` solves them).
// Also how far the methods' results differ: mode shares (percentage points) and crossing flows.
//   build/bench/sweep/equilibrium_bench [SAMPLES=40] [SEED=1] [GAP=1e-4] [MAX_ITERATIONS=100] [METHODS=msa,anderson]
//                                       [SHOW=all|slow] [TRACE=text]
// (arguments are NAME=VALUE). Prints one line per case and method (SHOW=slow: those over 10
// iterations), then totals; TRACE prints the gap after each iteration of the cases naming `text`.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "freight/summary.hpp"
#include "io/network_geojson.hpp"
#include "scenario/scenario.hpp"
#include "sweep/risk_model.hpp"
#include "sweep/sample.hpp"

namespace {

using namespace landbridge;

struct Case {
  std::string name;
  std::vector<scenario::Scenario> scenarios;  // none: the baseline
  bool warm = false;
};

struct Solved {
  int iterations = 0;
  double gap = 0, seconds = 0;
  bool converged = false;
  std::map<std::string, double> share_by_mode;
  std::vector<double> capacity_flow;  // TEU/day on every capacity arc
};

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args = {{"SAMPLES", "40"}, {"SEED", "1"}, {"GAP", "1e-4"}, {"MAX_ITERATIONS", "100"},
                                             {"METHODS", "msa,anderson"}, {"SHOW", "all"}, {"TRACE", ""}};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto eq = a.find('=');
    if (eq == std::string::npos || !args.contains(a.substr(0, eq))) {
      std::fprintf(stderr, "usage: equilibrium_bench [SAMPLES=N] [SEED=S] [GAP=G] [MAX_ITERATIONS=M] [METHODS=msa,anderson] [SHOW=all|slow] [TRACE=case]\n");
      return 1;
    }
    args[a.substr(0, eq)] = a.substr(eq + 1);
  }
  std::vector<freight::EquilibriumMethod> methods;
  for (std::size_t from = 0; from <= args["METHODS"].size();) {
    std::size_t to = args["METHODS"].find(',', from);
    if (to == std::string::npos) to = args["METHODS"].size();
    const auto m = freight::parse_equilibrium_method(args["METHODS"].substr(from, to - from));
    if (!m) {
      std::fprintf(stderr, "unknown method in %s\n", args["METHODS"].c_str());
      return 1;
    }
    methods.push_back(*m);
    from = to + 1;
  }

  const std::filesystem::path data = LANDBRIDGE_DATA_DIR;
  const network::Network net = io::load_network(data / "eurasia");
  const routing::Router router(net);
  const freight::Demand demand = freight::load_demand(data / "eurasia" / "demand.csv", net);
  freight::FreightParameters parameters = freight::load_freight_parameters(data / "eurasia" / "freight-parameters.json");
  parameters.relative_gap = std::stod(args["GAP"]);
  parameters.max_iterations = std::stoi(args["MAX_ITERATIONS"]);
  const sweep::RiskModel risk = sweep::load_risk_model(data / "risk" / "eurasia.toml");

  std::vector<Case> cases;
  cases.push_back(Case{"baseline", {}, false});
  for (const scenario::Scenario& s : scenario::builtin_scenarios(data)) cases.push_back(Case{"scenario " + s.name, {s}, false});
  // The distinct states of the first samples, as the sweep solves them.
  std::set<std::string> seen;
  const auto samples = std::stoull(args["SAMPLES"]), seed = std::stoull(args["SEED"]);
  for (std::uint64_t i = 0; i < samples; ++i) {
    const sweep::SampleDraw draw = sweep::draw_sample(risk, seed, i);
    for (const sweep::State& state : sweep::states_of(draw, risk.period_days)) {
      if (state.active.empty()) continue;
      scenario::Scenario s;
      s.name = risk.name;
      std::string name = "state";
      for (std::uint32_t j : state.active) {
        const sweep::Disruption& d = draw.disruptions[j];
        const sweep::RiskElement& e = risk.elements[d.element];
        name.append(" ").append(e.name);
        if (e.effect != sweep::EffectKind::close) name.append(fmt::format("@{:.3g}", d.severity));
        const auto rules = sweep::disruption_rules(e, d.severity);
        s.rules.insert(s.rules.end(), rules.begin(), rules.end());
      }
      if (seen.insert(name).second) cases.push_back(Case{name, {s}, true});
    }
  }

  // The baseline's flows: the warm start of the sweep's states (solved by the first method).
  freight::FreightParameters first = parameters;
  first.equilibrium_method = methods.front();
  const freight::FreightResult base = freight::FreightModel(router, demand, first).solve();

  std::map<freight::EquilibriumMethod, std::pair<long, double>> totals, scenario_totals;
  double worst_share_pp = 0, worst_flow = 0;
  std::string worst_share_case, worst_flow_case;
  std::printf("%-60s %-9s %5s %9s %4s %9s\n", "case", "method", "iter", "gap", "conv", "ms");
  for (const Case& c : cases) {
    const scenario::AppliedScenario applied = scenario::apply_scenarios(c.scenarios, net, router.graph(), demand, parameters);
    const routing::Router scenario_router(applied.network);
    std::vector<Solved> solved;
    for (freight::EquilibriumMethod m : methods) {
      freight::FreightParameters p = applied.parameters;
      p.equilibrium_method = m;
      const freight::FreightModel model(scenario_router, applied.demand, p, &applied.restrictions);
      const auto start = std::chrono::steady_clock::now();
      // TRACE=text: the relative gap after each iteration of the cases whose name contains it.
      std::function<void(const freight::IterationProgress&)> trace;
      if (!args["TRACE"].empty() && c.name.find(args["TRACE"]) != std::string::npos)
        trace = [&](const freight::IterationProgress& step) { std::printf("  %s %s iteration %d gap %.3e\n", c.name.c_str(), std::string(freight::to_string(m)).c_str(), step.iteration, step.relative_gap); };
      const freight::FreightResult r = c.warm ? model.solve_from(base.arc_flow_teu_per_day, trace) : model.solve(trace);
      Solved s;
      s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      s.iterations = r.iterations, s.gap = r.relative_gap, s.converged = r.converged;
      const freight::FreightSummary summary = freight::summarize(model, r);
      s.share_by_mode = summary.share_by_mode;
      const network::Graph& g = scenario_router.graph();
      for (ArcId a = 0; a < g.arc_count(); ++a)
        if (std::isfinite(g.arc_capacity_teu_per_day[a])) s.capacity_flow.push_back(r.arc_flow_teu_per_day[a]);
      totals[m].first += s.iterations, totals[m].second += s.seconds;
      if (!c.warm) scenario_totals[m].first += s.iterations, scenario_totals[m].second += s.seconds;
      if (args["SHOW"] == "all" || s.iterations > 10)
        std::printf("%-60.60s %-9s %5d %9.2e %4s %9.1f\n", c.name.c_str(), std::string(freight::to_string(m)).c_str(), s.iterations, s.gap,
                    s.converged ? "yes" : "NO", 1000 * s.seconds);
      solved.push_back(std::move(s));
    }
    for (std::size_t k = 1; k < solved.size(); ++k) {
      for (const auto& [mode, share] : solved[0].share_by_mode) {
        const double pp = 100 * std::fabs(share - solved[k].share_by_mode[mode]);
        if (pp > worst_share_pp) worst_share_pp = pp, worst_share_case = c.name;
      }
      for (std::size_t i = 0; i < solved[0].capacity_flow.size(); ++i) {
        const double a = solved[0].capacity_flow[i], b = solved[k].capacity_flow[i];
        const double rel = std::fabs(a - b) / std::max(std::max(a, b), 1.0);
        if (rel > worst_flow) worst_flow = rel, worst_flow_case = c.name;
      }
    }
  }
  std::printf("\n%zu cases (%zu scenarios incl. baseline, cold; %zu sweep states, warm)\n", cases.size(),
              cases.size() - (cases.size() - 1 - scenario::builtin_scenarios(data).size()) , cases.size() - 1 - scenario::builtin_scenarios(data).size());
  for (const auto& [m, t] : totals) {
    const auto& st = scenario_totals[m];
    std::printf("%-9s all: %6ld iterations %8.2f s | baseline+scenarios: %5ld iterations %7.2f s\n", std::string(freight::to_string(m)).c_str(),
                t.first, t.second, st.first, st.second);
  }
  if (methods.size() > 1)
    std::printf("largest difference to %s: mode share %.4f pp (%s), crossing flow %.3f %% (%s)\n", std::string(freight::to_string(methods[0])).c_str(),
                worst_share_pp, worst_share_case.c_str(), 100 * worst_flow, worst_flow_case.c_str());
  return 0;
}
