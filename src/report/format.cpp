#include "report/format.hpp"

#include <cmath>

#include <fmt/format.h>

namespace landbridge::report {

std::string with_thousands(double value, int decimals) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t point = digits.find('.');
  const std::size_t integer_end = point == std::string::npos ? digits.size() : point;
  std::string out;
  for (std::size_t i = 0; i < integer_end; ++i) {
    if (i > 0 && (integer_end - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += digits.substr(integer_end);
  const bool negative = value < 0 && out.find_first_not_of("0.,") != std::string::npos;
  if (negative) out.insert(out.begin(), '-');
  return out;
}

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

}  // namespace landbridge::report
