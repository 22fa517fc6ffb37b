// routing/driving_time.hpp: the drivers' hours rules that make a long truck trip take days: the
// time a road stretch takes is its driving time plus the breaks and rests the driver must take.
#pragma once

namespace landbridge::routing {

// Regulation (EC) No 561/2006, Articles 6-8 (the AETR agreement has the same limits outside the EU),
// for one driver: at most 9 h of driving a day, a 45-minute break after 4.5 h, a daily rest that
// with the break fills the day to 24 h, and a weekly rest of 45 h instead of an 11 h daily rest
// after 6 driving days (34 h more).
struct DrivingRules {
  double driving_hours_per_day = 9;
  double break_after_hours = 4.5;
  double break_hours = 0.75;
  double day_hours = 24;
  int driving_days_per_week = 6;
  double weekly_rest_extra_hours = 34;
};

// Hours of breaks and rests a driver has taken by the time they have driven `driving_hours` since
// the start of the trip (0 for a trip within one driving day and no break). Non-decreasing; the rests
// of a stretch driven from hour a to hour b of driving are rest_hours(b) - rest_hours(a).
[[nodiscard]] double rest_hours(double driving_hours, const DrivingRules& rules = {});

}  // namespace landbridge::routing
