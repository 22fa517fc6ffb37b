#include "assignment/problem.hpp"

#include "common/input_error.hpp"

#include <cmath>
#include <fmt/format.h>

namespace landbridge::assignment {
namespace {

void require(bool ok, const std::string& field, std::size_t index, const std::string& problem) {
  if (!ok) throw InputError("", "", fmt::format("{}[{}]", field, index), problem);
}

}  // namespace

void AssignmentProblem::validate() const {
  const std::size_t m = tail.size();
  auto check_size = [m](std::size_t size, const char* field) {
    if (size != m) {
      throw InputError("", "", field, fmt::format("expected {} entries (one per link), got {}", m, size));
    }
  };
  check_size(head.size(), "head");
  check_size(free_flow_time.size(), "free_flow_time");
  check_size(capacity.size(), "capacity");
  check_size(alpha.size(), "alpha");
  check_size(beta.size(), "beta");
  check_size(toll.size(), "toll");
  check_size(length.size(), "length");
  if (!vdf.empty()) check_size(vdf.size(), "vdf");
  if (!through_allowed.empty() && through_allowed.size() != num_nodes) {
    throw InputError("", "", "through_allowed",
                     fmt::format("expected {} entries (one per node), got {}", num_nodes, through_allowed.size()));
  }
  const std::size_t z = zone_node.size();
  if (demand.size() != z * z) {
    throw InputError("", "", "demand", fmt::format("expected {} entries (zones x zones), got {}", z * z, demand.size()));
  }
  if (!std::isfinite(toll_factor) || !std::isfinite(distance_factor)) {
    throw InputError("", "", "toll_factor", "cost factors must be finite numbers");
  }
  if (!(std::isfinite(time_units_per_hour) && time_units_per_hour > 0)) {
    throw InputError("", "", "time_units_per_hour", fmt::format("expected a number > 0, got {}", time_units_per_hour));
  }
  for (std::size_t a = 0; a < m; ++a) {
    require(tail[a] < num_nodes, "tail", a, fmt::format("node {} is not below the node count {}", tail[a], num_nodes));
    require(head[a] < num_nodes, "head", a, fmt::format("node {} is not below the node count {}", head[a], num_nodes));
    require(std::isfinite(free_flow_time[a]) && free_flow_time[a] >= 0, "free_flow_time", a,
            fmt::format("expected a number >= 0, got {}", free_flow_time[a]));
    require(std::isfinite(capacity[a]) && capacity[a] > 0, "capacity", a,
            fmt::format("expected a number > 0, got {}", capacity[a]));
    require(std::isfinite(alpha[a]) && alpha[a] >= 0, "alpha", a, fmt::format("expected a number >= 0, got {}", alpha[a]));
    require(std::isfinite(beta[a]) && beta[a] >= 0, "beta", a, fmt::format("expected a number >= 0, got {}", beta[a]));
    require(std::isfinite(toll[a]), "toll", a, fmt::format("expected a finite number, got {}", toll[a]));
    require(std::isfinite(length[a]), "length", a, fmt::format("expected a finite number, got {}", length[a]));
    const double constant = toll_factor * toll[a] + distance_factor * length[a];
    require(constant >= 0, "toll", a,
            fmt::format("generalized constant cost toll_factor*toll + distance_factor*length must be >= 0, got {}",
                        constant));
    const VdfKind kind = vdf_of(static_cast<LinkId>(a));
    if (kind == VdfKind::conical) {
      require(alpha[a] > 1.0, "alpha", a, fmt::format("conical function needs alpha > 1, got {}", alpha[a]));
    } else if (kind == VdfKind::akcelik) {
      require(alpha[a] > 0, "alpha", a, fmt::format("Akcelik function needs J > 0, got {}", alpha[a]));
      require(beta[a] > 0, "beta", a, fmt::format("Akcelik function needs a flow period T > 0 hours, got {}", beta[a]));
      // Convex (and strictly increasing) only while 8 J / (c T) < 4.
      require(capacity[a] * beta[a] > 2.0 * alpha[a], "capacity", a,
              fmt::format("Akcelik function needs capacity * T > 2 J, got {} * {} <= 2 * {}", capacity[a], beta[a],
                          alpha[a]));
    }
  }
  for (std::size_t i = 0; i < z; ++i) {
    require(zone_node[i] < num_nodes, "zone_node", i,
            fmt::format("node {} is not below the node count {}", zone_node[i], num_nodes));
  }
  for (std::size_t i = 0; i < demand.size(); ++i) {
    require(std::isfinite(demand[i]) && demand[i] >= 0, "demand", i,
            fmt::format("expected a number >= 0, got {}", demand[i]));
  }
}

std::string_view vdf_name(VdfKind kind) {
  switch (kind) {
    case VdfKind::bpr: return "bpr";
    case VdfKind::conical: return "conical";
    case VdfKind::akcelik: return "akcelik";
  }
  return "?";
}

void apply_vdf(AssignmentProblem& problem, const VdfChoice& choice) {
  if (choice.kind == VdfKind::bpr) return;
  auto check = [](bool ok, const char* flag, double value, const char* expected) {
    if (!ok) throw InputError("", "", flag, fmt::format("expected {}, got {}", expected, value));
  };
  if (choice.kind == VdfKind::conical) {
    check(std::isfinite(choice.conical_alpha) && choice.conical_alpha > 1, "--conical-alpha", choice.conical_alpha,
          "a number > 1");
  } else {
    check(std::isfinite(choice.akcelik_j) && choice.akcelik_j > 0, "--akcelik-j", choice.akcelik_j, "a number > 0");
    check(std::isfinite(choice.akcelik_period_hours) && choice.akcelik_period_hours > 0, "--akcelik-period",
          choice.akcelik_period_hours, "a number of hours > 0");
    check(std::isfinite(choice.time_units_per_hour) && choice.time_units_per_hour > 0, "--time-units-per-hour",
          choice.time_units_per_hour, "a number > 0");
    problem.time_units_per_hour = choice.time_units_per_hour;
  }
  const LinkId m = problem.num_links();
  problem.vdf.resize(m, VdfKind::bpr);
  for (LinkId a = 0; a < m; ++a) {
    if (problem.vdf[a] != VdfKind::bpr || !(problem.alpha[a] > 0 && problem.beta[a] > 0 && problem.free_flow_time[a] > 0)) {
      continue;  // not BPR, or a constant cost: keep it
    }
    problem.vdf[a] = choice.kind;
    if (choice.kind == VdfKind::conical) {
      problem.alpha[a] = choice.conical_alpha;
      problem.beta[a] = 0;
    } else {
      problem.alpha[a] = choice.akcelik_j;
      problem.beta[a] = choice.akcelik_period_hours;
    }
  }
}

std::vector<UnroutablePair> find_unroutable_pairs(const AssignmentProblem& problem) {
  const std::uint32_t n = problem.num_nodes, m = problem.num_links(), z = problem.num_zones();
  std::vector<std::uint32_t> first_out(n + 1, 0), out_link(m);
  for (LinkId a = 0; a < m; ++a) ++first_out[problem.tail[a] + 1];
  for (NodeId v = 0; v < n; ++v) first_out[v + 1] += first_out[v];
  {
    std::vector<std::uint32_t> next(first_out.begin(), first_out.end() - 1);
    for (LinkId a = 0; a < m; ++a) out_link[next[problem.tail[a]]++] = a;
  }
  std::vector<UnroutablePair> result;
  std::vector<std::uint32_t> seen(n, invalid_id);
  std::vector<NodeId> stack;
  for (ZoneId o = 0; o < z; ++o) {
    bool any = false;
    for (ZoneId d = 0; d < z; ++d) any = any || (d != o && problem.od_demand(o, d) > 0);
    if (!any) continue;
    const NodeId source = problem.zone_node[o];
    stack.assign(1, source);
    seen[source] = o;
    while (!stack.empty()) {
      const NodeId v = stack.back();
      stack.pop_back();
      if (v != source && !problem.allows_through(v)) continue;
      for (std::uint32_t k = first_out[v]; k < first_out[v + 1]; ++k) {
        const NodeId w = problem.head[out_link[k]];
        if (seen[w] != o) {
          seen[w] = o;
          stack.push_back(w);
        }
      }
    }
    for (ZoneId d = 0; d < z; ++d) {
      const double q = problem.od_demand(o, d);
      if (d != o && q > 0 && seen[problem.zone_node[d]] != o && problem.zone_node[d] != source) {
        result.push_back({o, d, q});
      }
    }
  }
  return result;
}

}  // namespace landbridge::assignment
