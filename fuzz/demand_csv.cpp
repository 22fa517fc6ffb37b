// fuzz/demand_csv.cpp: the demand CSV reader (freight/demand, io/csv) against the embedded Eurasia
// network. Accepted rows have distinct nodes, positive finite TEU and a line inside the file.
#include <cmath>

#include "common/input_error.hpp"
#include "fixtures.hpp"
#include "freight/demand.hpp"
#include "fuzz_target.hpp"

LANDBRIDGE_FUZZ_TARGET(demand_csv) {
  using namespace landbridge;
  const fuzz::Eurasia& eurasia = fuzz::eurasia();
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const freight::Demand demand = freight::parse_demand(text, "demand.csv", eurasia.network);
    fuzz::check(!demand.rows.empty(), "accepted demand has rows");
    for (const freight::DemandRow& row : demand.rows) {
      fuzz::check(row.origin < eurasia.network.node_count() && row.destination < eurasia.network.node_count() &&
                      row.origin != row.destination,
                  "rows join two different nodes of the network");
      fuzz::check(std::isfinite(row.teu_per_year) && row.teu_per_year > 0, "TEU is finite and > 0");
      fuzz::check(std::isfinite(row.value_usd_per_teu) && row.value_usd_per_teu >= 0, "value is finite and >= 0");
      fuzz::check(row.line >= 2, "a row's line is after the header");
    }
  } catch (const InputError&) {
  }
  return 0;
}
