// fuzz/tntp_net.cpp: the TNTP network reader (assignment/tntp, *_net.tntp, from memory). An accepted
// network has every link's ends and every zone inside the node range and one value per link in each
// column, each in its range.
#include "assignment/tntp.hpp"
#include "common/input_error.hpp"
#include "fuzz_target.hpp"

LANDBRIDGE_FUZZ_TARGET(tntp_net) {
  using namespace landbridge;
  try {
    const assignment::TntpNetwork network =
        assignment::parse_tntp_net({reinterpret_cast<const char*>(data), size}, "x_net.tntp");
    const assignment::AssignmentProblem& p = network.problem;
    const std::size_t m = p.num_links();
    fuzz::check(p.head.size() == m && p.capacity.size() == m && p.free_flow_time.size() == m && p.alpha.size() == m &&
                    p.beta.size() == m && p.toll.size() == m && p.length.size() == m && network.link_type.size() == m,
                "one value per link in every column");
    for (std::uint32_t a = 0; a < m; ++a) {
      fuzz::check(p.tail[a] < p.num_nodes && p.head[a] < p.num_nodes, "link ends are nodes");
      fuzz::check(p.capacity[a] > 0 && p.free_flow_time[a] >= 0 && p.alpha[a] >= 0 && p.beta[a] >= 0, "link values in range");
    }
    for (std::uint32_t node : p.zone_node) fuzz::check(node < p.num_nodes, "zones are nodes");
  } catch (const InputError&) {
  }
  return 0;
}
