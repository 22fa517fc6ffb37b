// assignment/output.hpp: an AssignmentResult as JSON, a text table, and link flows as CSV.
#pragma once
#include "assignment/assign.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace landbridge::assignment {

// How to name things in outputs. node_names empty: node k is written as k + 1 (TNTP numbering).
struct OutputLabels {
  std::vector<std::string> node_names;
  std::string network;  // e.g. the TNTP folder name
};

// Keys: network, method, objective, vdf (bpr, conical, akcelik or mixed: of the links whose cost
// rises with flow), status, relative_gap, iterations, seconds, tstt, sptt,
// beckmann_objective, unroutable (list of {origin, destination, demand}, zones 1-based) and, if
// with_links, links: [{tail, head, flow, cost}] in problem order.
[[nodiscard]] nlohmann::json to_json(const AssignmentResult& result, const AssignmentProblem& problem,
                                     const AssignmentOptions& options, const OutputLabels& labels, bool with_links);

// "no path for the demand of 2 OD pair(s) (origin -> destination (demand)): 1 -> 3 (5), 3 -> 1 (2)":
// the problem of an InputError for unroutable demand (zones 1-based, the first ten pairs listed).
[[nodiscard]] std::string unroutable_problem(const std::vector<UnroutablePair>& pairs);

// A short human-readable summary (one "name  value" row per figure).
[[nodiscard]] std::string to_table(const AssignmentResult& result, const AssignmentOptions& options,
                                   const OutputLabels& labels);

// CSV "link,tail,head,flow,cost" with full double precision (17 significant digits), problem order.
[[nodiscard]] std::string flows_csv(const AssignmentResult& result, const AssignmentProblem& problem,
                                    const OutputLabels& labels);

// Writes dir/link_flows.csv and dir/summary.json atomically (temp file in dir + rename). Returns the paths.
std::vector<std::filesystem::path> write_outputs(const std::filesystem::path& dir, const AssignmentResult& result,
                                                 const AssignmentProblem& problem, const AssignmentOptions& options,
                                                 const OutputLabels& labels);

}  // namespace landbridge::assignment
