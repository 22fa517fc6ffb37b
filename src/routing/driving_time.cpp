#include "routing/driving_time.hpp"

#include <cmath>

namespace landbridge::routing {

double rest_hours(double driving_hours, const DrivingRules& rules) {
  if (!(driving_hours > 0)) return 0;
  // Driving days begun: a trip of exactly 9 h needs no rest; 9 h and a minute needs one.
  const double days = std::ceil(driving_hours / rules.driving_hours_per_day - 1e-9);
  const double full_days = days - 1;
  const double last_day = driving_hours - full_days * rules.driving_hours_per_day;
  double rest = full_days * (rules.day_hours - rules.driving_hours_per_day);
  if (last_day > rules.break_after_hours + 1e-9) rest += rules.break_hours;
  rest += std::floor(full_days / rules.driving_days_per_week) * rules.weekly_rest_extra_hours;
  return rest;
}

}  // namespace landbridge::routing
