// fuzz/freight_parameters.cpp: the freight parameters reader (freight/parameters, JSON). Accepted
// parameters are in the documented ranges.
#include <cmath>

#include "common/input_error.hpp"
#include "freight/parameters.hpp"
#include "fuzz_target.hpp"

LANDBRIDGE_FUZZ_TARGET(freight_parameters) {
  using namespace landbridge;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const freight::FreightParameters p = freight::parse_freight_parameters(text, "freight-parameters.json");
    fuzz::check(p.mode_scale_per_usd > 0 && p.corridor_scale_per_usd >= p.mode_scale_per_usd, "logit scales are nested");
    fuzz::check(p.max_iterations >= 1 && p.max_iterations <= 100000, "iterations in range");
    fuzz::check(p.conical_alpha > 1, "conical alpha > 1");
    fuzz::check(!p.corridors.empty(), "at least one corridor");
    for (double rate : p.carrying_rate_per_year) fuzz::check(std::isfinite(rate) && rate >= 0, "carrying rates >= 0");
  } catch (const InputError&) {
  }
  return 0;
}
