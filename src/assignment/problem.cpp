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
    if (vdf_of(static_cast<LinkId>(a)) == VdfKind::conical) {
      require(alpha[a] > 1.0, "alpha", a, fmt::format("conical function needs alpha > 1, got {}", alpha[a]));
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
