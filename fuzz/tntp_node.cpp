// fuzz/tntp_node.cpp: the TNTP node-coordinate reader (*_node.tntp) for a fixed node count taken
// from the input's first byte (so ids past the count are exercised too).
#include "assignment/tntp.hpp"
#include "common/input_error.hpp"
#include "fuzz_target.hpp"

LANDBRIDGE_FUZZ_TARGET(tntp_node) {
  using namespace landbridge;
  if (size == 0) return 0;
  const std::uint32_t nodes = data[0];
  try {
    const auto coordinates =
        assignment::parse_tntp_nodes({reinterpret_cast<const char*>(data) + 1, size - 1}, "x_node.tntp", nodes);
    fuzz::check(coordinates.x.size() == nodes && coordinates.y.size() == nodes, "one coordinate pair per node");
  } catch (const InputError&) {
  }
  return 0;
}
