#include "assignment/output.hpp"

#include "assignment/vdf.hpp"

#include "common/atomic_file.hpp"
#include "common/input_error.hpp"

#include <fmt/format.h>

namespace landbridge::assignment {
namespace {

std::string node_name(const OutputLabels& labels, NodeId v) {
  return labels.node_names.empty() ? std::to_string(v + 1) : labels.node_names[v];
}

std::string_view objective_name(Objective objective) {
  return objective == Objective::user_equilibrium ? "ue" : "so";
}

// The volume-delay function of the flow-dependent links: one name, or "mixed".
std::string vdf_summary(const AssignmentProblem& problem) {
  std::string_view name;
  const LinkCostModel costs(problem);
  for (LinkId a = 0; a < problem.num_links(); ++a) {
    if (!costs.flow_dependent(a)) continue;
    const std::string_view kind = vdf_name(problem.vdf_of(a));
    if (name.empty()) name = kind;
    if (kind != name) return "mixed";
  }
  return std::string(name.empty() ? vdf_name(VdfKind::bpr) : name);
}

}  // namespace

nlohmann::json to_json(const AssignmentResult& result, const AssignmentProblem& problem,
                       const AssignmentOptions& options, const OutputLabels& labels, bool with_links) {
  nlohmann::json j;
  j["network"] = labels.network;
  j["method"] = std::string(method_name(options.method));
  j["objective"] = std::string(objective_name(options.objective));
  j["vdf"] = vdf_summary(problem);
  j["status"] = std::string(status_name(result.status));
  j["relative_gap"] = result.relative_gap;
  j["iterations"] = result.iterations;
  j["seconds"] = result.seconds;
  j["tstt"] = result.tstt;
  j["sptt"] = result.sptt;
  j["beckmann_objective"] = result.beckmann_objective;
  j["toll_factor"] = problem.toll_factor;
  j["distance_factor"] = problem.distance_factor;
  auto unroutable = nlohmann::json::array();
  for (const auto& pair : result.unroutable) {
    unroutable.push_back({{"origin", pair.origin + 1}, {"destination", pair.destination + 1}, {"demand", pair.demand}});
  }
  j["unroutable"] = std::move(unroutable);
  if (with_links) {
    auto links = nlohmann::json::array();
    for (LinkId a = 0; a < result.link_flow.size(); ++a) {
      links.push_back({{"tail", node_name(labels, problem.tail[a])},
                       {"head", node_name(labels, problem.head[a])},
                       {"flow", result.link_flow[a]},
                       {"cost", result.link_cost[a]}});
    }
    j["links"] = std::move(links);
  }
  return j;
}

std::string unroutable_problem(const std::vector<UnroutablePair>& pairs) {
  std::string listed;
  for (std::size_t k = 0; k < pairs.size() && k < 10; ++k) {
    const UnroutablePair& pair = pairs[k];
    listed += fmt::format("{}{} -> {} ({:g})", k == 0 ? "" : ", ", pair.origin + 1, pair.destination + 1, pair.demand);
  }
  if (pairs.size() > 10) listed += fmt::format(", and {} more", pairs.size() - 10);
  return fmt::format("no path for the demand of {} OD pair(s) (origin -> destination (demand)): {}", pairs.size(), listed);
}

std::string to_table(const AssignmentResult& result, const AssignmentOptions& options, const OutputLabels& labels) {
  std::string out;
  auto row = [&out](std::string_view name, const std::string& value) { out += fmt::format("{:<20}{}\n", name, value); };
  if (!labels.network.empty()) row("network", labels.network);
  row("method", std::string(method_name(options.method)));
  row("objective", std::string(objective_name(options.objective)));
  row("status", std::string(status_name(result.status)));
  row("relative_gap", fmt::format("{:.3e}", result.relative_gap));
  row("iterations", std::to_string(result.iterations));
  row("seconds", fmt::format("{:.3f}", result.seconds));
  row("tstt", fmt::format("{:.10g}", result.tstt));
  row("sptt", fmt::format("{:.10g}", result.sptt));
  row("beckmann_objective", fmt::format("{:.15g}", result.beckmann_objective));
  for (const auto& pair : result.unroutable) {
    row("unroutable", fmt::format("origin {} -> destination {} (demand {})", pair.origin + 1, pair.destination + 1,
                                  pair.demand));
  }
  return out;
}

std::string flows_csv(const AssignmentResult& result, const AssignmentProblem& problem, const OutputLabels& labels) {
  std::string out = "link,tail,head,flow,cost\n";
  out.reserve(out.size() + result.link_flow.size() * 56);
  for (LinkId a = 0; a < result.link_flow.size(); ++a) {
    out += fmt::format("{},{},{},{:.17g},{:.17g}\n", a + 1, node_name(labels, problem.tail[a]),
                       node_name(labels, problem.head[a]), result.link_flow[a], result.link_cost[a]);
  }
  return out;
}

std::vector<std::filesystem::path> write_outputs(const std::filesystem::path& dir, const AssignmentResult& result,
                                                 const AssignmentProblem& problem, const AssignmentOptions& options,
                                                 const OutputLabels& labels) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(dir.string(), "", "--out", fmt::format("cannot create the folder: {}", ec.message()));
  const auto flows = dir / "link_flows.csv";
  const auto summary = dir / "summary.json";
  write_file_atomically(flows, flows_csv(result, problem, labels));
  write_file_atomically(summary, to_json(result, problem, options, labels, false).dump(2) + "\n");
  return {flows, summary};
}

}  // namespace landbridge::assignment
