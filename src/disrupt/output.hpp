// disrupt/output.hpp: a disruption run for people (table), for programs (JSON, CSV) and as a
// self-contained report page with time-series charts and a map of the peak queues.
#pragma once
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "disrupt/freight_input.hpp"

namespace landbridge::disrupt {

// {"days": [{"day", "queues": [{"link", "name", "teu", "trains"}], "stranded_teu", "stranded_trains",
//  "rerouted_teu", ...}], "peak_queue_trains", "peak_stranded_trains", "clear_day" (null if not
//  within the horizon), "extra_cost_usd", ...}: the shape of docs/disruptions.md.
[[nodiscard]] nlohmann::ordered_json disruption_json(const DisruptionRun& run);

// Totals, then the day-by-day table (every day up to the clearing day plus a week, then weekly).
[[nodiscard]] std::string disruption_table(const DisruptionRun& run);

// days.csv: one line per day with the totals; queues.csv: day, link, name, TEU, trains for every
// station with a queue.
[[nodiscard]] std::string days_csv(const DisruptionRun& run);
[[nodiscard]] std::string queues_csv(const DisruptionRun& run);

// The report page: the JSON and the stations' positions inlined, with the embedded script
// (web/report/src/disrupt.js); `countries_geojson` may be empty (no background shapes).
[[nodiscard]] std::string disruption_html(const DisruptionRun& run, const std::string& countries_geojson);

// Writes disruption.json, days.csv, queues.csv and report.html into an existing folder, atomically.
void write_disruption(const std::filesystem::path& folder, const DisruptionRun& run, const std::string& countries_geojson);

}  // namespace landbridge::disrupt
