#include "disrupt/output.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "common/atomic_file.hpp"
#include "disrupt/report_assets.hpp"
#include "report/format.hpp"

namespace landbridge::disrupt {

using json = nlohmann::ordered_json;
using report::rounded;
using report::with_thousands;

namespace {

using report::csv_field;

// A queue below this many TEU is not listed (floating-point dust of proportional service).
constexpr double listed_queue_teu = 0.05;

std::string scenario_names(const DisruptionRun& run) {
  std::string names;
  for (const auto& s : run.comparison->scenarios) names += (names.empty() ? "" : " + ") + s.name;
  return names;
}

// Stations by their peak queue over the horizon, longest first (those with a queue only).
std::vector<std::size_t> stations_by_peak(const DisruptionRun& run) {
  const std::size_t n = run.input.stations.size();
  std::vector<double> peak(n, 0.0);
  for (std::size_t d = 0; d < run.result.days.size(); ++d) {
    for (std::size_t s = 0; s < n; ++s) peak[s] = std::max(peak[s], run.result.queue_teu[d * n + s]);
  }
  std::vector<std::size_t> order;
  for (std::size_t s = 0; s < n; ++s) if (peak[s] >= listed_queue_teu) order.push_back(s);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return peak[a] > peak[b]; });
  return order;
}


}  // namespace

json disruption_json(const DisruptionRun& run) {
  const SimulationInput& in = run.input;
  const SimulationResult& r = run.result;
  const double per_train = in.teu_per_train;
  const std::size_t n = in.stations.size(), corridors = in.corridor_names.size();
  json days = json::array();
  for (std::size_t d = 0; d < r.days.size(); ++d) {
    const DayTotals& t = r.days[d];
    json queues = json::array();
    for (std::size_t s = 0; s < n; ++s) {
      const double q = r.queue_teu[d * n + s];
      if (q < listed_queue_teu) continue;
      queues.push_back({{"link", in.stations[s].link_id}, {"name", in.stations[s].name}, {"teu", rounded(q, 1)}, {"trains", rounded(q / per_train, 1)}});
    }
    json by_corridor = json::object();
    for (std::size_t c = 0; c < corridors; ++c) {
      const double teu = r.rerouted_teu_by_corridor[d * corridors + c];
      if (teu > 0) by_corridor[in.corridor_names[c]] = rounded(teu, 1);
    }
    days.push_back({{"day", t.day},
                    {"queues", std::move(queues)},
                    {"stranded_teu", rounded(t.stranded_teu, 1)},
                    {"stranded_trains", rounded(t.stranded_teu / per_train, 1)},
                    {"rerouted_teu", rounded(t.rerouted_teu, 1)},
                    {"rerouted_teu_by_corridor", std::move(by_corridor)},
                    {"held_teu", rounded(t.held_teu, 1)},
                    {"queued_teu", rounded(t.queued_teu + t.background_queued_teu, 1)},
                    {"other_traffic_queued_teu", rounded(t.background_queued_teu, 1)},
                    {"delay_teu_days", rounded(t.delay_teu_days, 1)},
                    {"cost_usd", rounded(t.cost_usd, 0)}});
  }
  json scenarios = json::array();
  for (const auto& s : run.comparison->scenarios) {
    scenarios.push_back({{"name", s.name}, {"title", s.title}, {"description", s.description}, {"sources", s.sources}, {"file", s.file}});
  }
  json stations = json::array();
  for (std::size_t s : stations_by_peak(run)) {
    const Station& st = in.stations[s];
    double peak = 0;
    for (std::size_t d = 0; d < r.days.size(); ++d) peak = std::max(peak, r.queue_teu[d * n + s]);
    stations.push_back({{"link", st.link_id}, {"name", st.name}, {"lon", rounded(st.lon, 3)}, {"lat", rounded(st.lat, 3)},
                        {"rail", st.rail}, {"peak_teu", rounded(peak, 1)}, {"peak_trains", rounded(peak / per_train, 1)},
                        {"capacity_teu_per_day", std::isfinite(st.capacity_teu_per_day) ? json(rounded(st.capacity_teu_per_day, 1)) : json(nullptr)}});
  }
  return {{"days", std::move(days)},
          {"peak_queue_trains", rounded(r.peak_queue_teu / per_train, 1)},
          {"peak_stranded_trains", rounded(r.peak_stranded_teu / per_train, 1)},
          {"clear_day", r.clear_day >= 0 ? json(r.clear_day) : json(nullptr)},
          {"extra_cost_usd", rounded(r.extra_cost_usd, 0)},
          {"peak_queue_teu", rounded(r.peak_queue_teu, 1)},
          {"peak_queue_day", r.peak_queue_day},
          {"peak_queue_link", r.peak_queue_station >= 0 ? json(in.stations[static_cast<std::size_t>(r.peak_queue_station)].link_id) : json(nullptr)},
          {"peak_queue_name", r.peak_queue_station >= 0 ? json(in.stations[static_cast<std::size_t>(r.peak_queue_station)].name) : json(nullptr)},
          {"peak_stranded_teu", rounded(r.peak_stranded_teu, 1)},
          {"peak_stranded_day", r.peak_stranded_day},
          {"delay_teu_days", rounded(r.delay_teu_days, 1)},
          {"queue_cost_usd", rounded(r.queue_cost_usd, 0)},
          {"held_cost_usd", rounded(r.held_cost_usd, 0)},
          {"reroute_cost_usd", rounded(r.reroute_cost_usd, 0)},
          {"settings", {{"start_day", run.settings.start_day}, {"days", run.settings.days}, {"horizon_days", run.settings.horizon_days},
                        {"decision_lag_days", run.settings.decision_lag_days}, {"teu_per_train", per_train},
                        {"delay_usd_per_teu_day", in.delay_usd_per_teu_day}}},
          {"scenarios", std::move(scenarios)},
          {"stations", std::move(stations)}};
}

std::string disruption_table(const DisruptionRun& run) {
  const SimulationInput& in = run.input;
  const SimulationResult& r = run.result;
  const double per_train = in.teu_per_train;
  const std::size_t n = in.stations.size();
  const int end = in.end_day;
  std::string out = fmt::format("Disruption: {} from day {} for {} days (decision lag {} days, {} TEU per train), {} days simulated\n",
                                scenario_names(run), in.start_day, end - in.start_day, in.decision_lag_days, with_thousands(per_train, 0),
                                r.horizon_days);
  if (r.peak_queue_station >= 0) {
    out += fmt::format("longest queue      {} trains ({} TEU) at {} on day {}\n", with_thousands(r.peak_queue_teu / per_train, 1),
                       with_thousands(r.peak_queue_teu, 0), in.stations[static_cast<std::size_t>(r.peak_queue_station)].name, r.peak_queue_day);
  } else {
    out += "longest queue      none\n";
  }
  out += fmt::format("most stranded      {} trains ({} TEU) on day {} (queued anywhere, or on the way to a closed link)\n",
                     with_thousands(r.peak_stranded_teu / per_train, 1), with_thousands(r.peak_stranded_teu, 0), r.peak_stranded_day);
  out += r.clear_day >= 0 ? fmt::format("backlog cleared    day {} ({} days after the reopening on day {})\n", r.clear_day, r.clear_day - end, end)
                          : fmt::format("backlog cleared    not within the {} days simulated\n", r.horizon_days);
  out += fmt::format("delay              {} TEU-days queued or held\n", with_thousands(r.delay_teu_days, 0));
  out += fmt::format("extra cost         {} million USD: queues {}, held at origin {}, rerouted {}\n\n", with_thousands(r.extra_cost_usd / 1e6, 1),
                     with_thousands(r.queue_cost_usd / 1e6, 1), with_thousands(r.held_cost_usd / 1e6, 1), with_thousands(r.reroute_cost_usd / 1e6, 1));
  const std::vector<std::size_t> shown = [&] {
    std::vector<std::size_t> s = stations_by_peak(run);
    if (s.size() > 3) s.resize(3);
    return s;
  }();
  out += fmt::format("{:>4}", "day");
  for (std::size_t s : shown) out += fmt::format(" {:>22.22}", in.stations[s].name);
  out += fmt::format(" {:>14} {:>12} {:>10} {:>12}\n", "stranded trains", "rerouted TEU", "held TEU", "cost M USD");
  if (!shown.empty()) {
    out += fmt::format("{:>4}", "");
    for (std::size_t k = 0; k < shown.size(); ++k) out += fmt::format(" {:>22}", "queue, trains");
    out += "\n";
  }
  const int last_daily = std::max(r.clear_day >= 0 ? r.clear_day + 7 : end + 7, r.peak_queue_day + 1);
  for (std::size_t d = 0; d < r.days.size(); ++d) {
    const DayTotals& t = r.days[d];
    if (t.day > last_daily && (t.day - last_daily) % 7 != 0 && d + 1 != r.days.size()) continue;
    out += fmt::format("{:>4}", t.day);
    for (std::size_t s : shown) out += fmt::format(" {:>22}", with_thousands(r.queue_teu[d * n + s] / per_train, 1));
    out += fmt::format(" {:>15} {:>12} {:>10} {:>12}\n", with_thousands(t.stranded_teu / per_train, 1), with_thousands(t.rerouted_teu, 0),
                       with_thousands(t.held_teu, 0), with_thousands(t.cost_usd / 1e6, 2));
  }
  return out;
}

std::string days_csv(const DisruptionRun& run) {
  const SimulationResult& r = run.result;
  const double per_train = run.input.teu_per_train;
  std::string out = "day,queued_teu,queued_trains,other_traffic_queued_teu,stranded_teu,stranded_trains,rerouted_teu,held_teu,"
                    "departed_teu,served_teu,delivered_teu_cumulative,in_transit_teu,delay_teu_days,cost_usd\n";
  for (const DayTotals& t : r.days) {
    const double queued = t.queued_teu + t.background_queued_teu;
    out += fmt::format("{},{:.1f},{:.2f},{:.1f},{:.1f},{:.2f},{:.1f},{:.1f},{:.1f},{:.1f},{:.1f},{:.1f},{:.1f},{:.0f}\n", t.day, queued, queued / per_train,
                       t.background_queued_teu, t.stranded_teu, t.stranded_teu / per_train, t.rerouted_teu, t.held_teu, t.departed_teu,
                       t.served_teu, t.delivered_teu, t.in_transit_teu, t.delay_teu_days, t.cost_usd);
  }
  return out;
}

std::string queues_csv(const DisruptionRun& run) {
  const SimulationInput& in = run.input;
  const SimulationResult& r = run.result;
  const std::size_t n = in.stations.size();
  std::string out = "day,link,name,queue_teu,queue_trains\n";
  for (std::size_t d = 0; d < r.days.size(); ++d) {
    for (std::size_t s = 0; s < n; ++s) {
      const double q = r.queue_teu[d * n + s];
      if (q < listed_queue_teu) continue;
      out += fmt::format("{},{},{},{:.1f},{:.2f}\n", r.days[d].day, csv_field(in.stations[s].link_id), csv_field(in.stations[s].name), q, q / in.teu_per_train);
    }
  }
  return out;
}

std::string disruption_html(const DisruptionRun& run, const std::string& countries_geojson) {
  std::string data = json{{"run", disruption_json(run)}}.dump();
  if (!countries_geojson.empty()) {
    data.pop_back();
    data += ",\"countries\":" + countries_geojson + "}";
  }
  return report::fill_report_page(detail::disrupt_template(), detail::disrupt_script(), data, "landbridge disruption");
}

void write_disruption(const std::filesystem::path& folder, const DisruptionRun& run, const std::string& countries_geojson) {
  write_file_atomically(folder / "disruption.json", disruption_json(run).dump(2) + "\n");
  write_file_atomically(folder / "days.csv", days_csv(run));
  write_file_atomically(folder / "queues.csv", queues_csv(run));
  write_file_atomically(folder / "report.html", disruption_html(run, countries_geojson));
}

}  // namespace landbridge::disrupt
