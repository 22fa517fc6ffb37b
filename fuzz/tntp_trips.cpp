// fuzz/tntp_trips.cpp: the TNTP demand reader (*_trips.tntp) on a network read from the same input
// (net + trips, split at fuzz_target.hpp's separator). Accepted demand must be finite and >= 0,
// and the whole problem must pass its own validation.
#include <cmath>

#include "assignment/tntp.hpp"
#include "common/input_error.hpp"
#include "fuzz_target.hpp"

LANDBRIDGE_FUZZ_TARGET(tntp_trips) {
  using namespace landbridge;
  const auto files = fuzz::split_files({reinterpret_cast<const char*>(data), size}, 2);
  try {
    assignment::TntpNetwork network = assignment::parse_tntp_net(files[0], "x_net.tntp");
    assignment::parse_tntp_trips(files[1], "x_trips.tntp", network);
    const assignment::AssignmentProblem& p = network.problem;
    fuzz::check(p.demand.size() == static_cast<std::size_t>(p.num_zones()) * p.num_zones(), "demand is zones x zones");
    for (double q : p.demand) fuzz::check(std::isfinite(q) && q >= 0, "accepted demand is finite and >= 0");
    bool valid = true;
    try {
      p.validate();
    } catch (const InputError&) {
      valid = false;
    }
    fuzz::check(valid, "an accepted net + trips pair passes AssignmentProblem::validate");
  } catch (const InputError&) {
  }
  return 0;
}
