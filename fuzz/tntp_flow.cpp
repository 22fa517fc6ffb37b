// fuzz/tntp_flow.cpp: the TNTP link-flow reader (*_flow.tntp) on a network read from the same input
// (net + flow, split at fuzz_target.hpp's separator). An accepted file gives one flow per link.
#include <cmath>

#include "assignment/tntp.hpp"
#include "common/input_error.hpp"
#include "fuzz_target.hpp"

LANDBRIDGE_FUZZ_TARGET(tntp_flow) {
  using namespace landbridge;
  const auto files = fuzz::split_files({reinterpret_cast<const char*>(data), size}, 2);
  try {
    const assignment::TntpNetwork network = assignment::parse_tntp_net(files[0], "x_net.tntp");
    const std::vector<double> flow = assignment::parse_tntp_flow(files[1], "x_flow.tntp", network);
    fuzz::check(flow.size() == network.problem.num_links(), "one flow per link");
    for (double x : flow) fuzz::check(!std::isnan(x), "every link's flow was read");
  } catch (const InputError&) {
  }
  return 0;
}
