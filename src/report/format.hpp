// report/format.hpp: numbers for people (thousands separators) and for JSON (fixed decimals).
#pragma once
#include <string>

namespace landbridge::report {

// 12345.678 with 1 decimal -> "12,345.7"; negative numbers keep their sign.
[[nodiscard]] std::string with_thousands(double value, int decimals);

// value rounded to `decimals` places, for JSON output that should not print 0.30000000000000004.
[[nodiscard]] double rounded(double value, int decimals);

}  // namespace landbridge::report
