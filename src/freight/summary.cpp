#include "freight/summary.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/format.hpp"

namespace landbridge::freight {

using json = nlohmann::ordered_json;

namespace {

// Dense ids for the strings summarize() keys its figures by, so the loop over options and arcs adds
// into arrays (the figures are the same sums in the same order as with maps keyed by name).
class Names {
 public:
  int id(const std::string& name) {
    const auto [it, inserted] = ids_.emplace(name, static_cast<int>(names_.size()));
    if (inserted) names_.push_back(name);
    return it->second;
  }
  [[nodiscard]] int find(const std::string& name) const {
    const auto it = ids_.find(name);
    return it == ids_.end() ? -1 : it->second;
  }
  [[nodiscard]] const std::string& name(std::size_t id) const { return names_[id]; }
  [[nodiscard]] std::size_t size() const { return names_.size(); }

 private:
  std::map<std::string, int> ids_;
  std::vector<std::string> names_;
};

// Sums by id that remember which ids were added to, to give the same keys as a map would.
struct Sums {
  std::vector<double> value;
  std::vector<char> seen;
  double& at(std::size_t id) {
    if (id >= value.size()) value.resize(id + 1, 0.0), seen.resize(id + 1, 0);
    seen[id] = 1;
    return value[id];
  }
  void into(std::map<std::string, double>& out, const Names& names) const {
    for (std::size_t id = 0; id < value.size(); ++id)
      if (seen[id]) out[names.name(id)] = value[id];
  }
};

}  // namespace

FreightSummary summarize(const FreightModel& model, const FreightResult& result) {
  const network::Network& net = model.router().network();
  const network::Graph& g = model.router().graph();
  const Demand& demand = model.demand();
  const FreightParameters& parameters = model.parameters();
  FreightSummary s;
  Names modes, countries, directions, commodities;
  for (const Commodity c : all_commodities) commodities.id(std::string(to_string(c)));
  std::vector<int> corridor_mode;
  for (const auto& mode : result.corridor_modes) corridor_mode.push_back(modes.id(mode));
  const int rail = modes.find("rail");
  std::vector<int> node_country(net.node_count(), -1);  // -1: no country
  for (NodeId v = 0; v < net.node_count(); ++v)
    if (!net.node(v).country.empty()) node_country[v] = countries.id(net.node(v).country);

  Sums teu_sums, value_sums, hours_teu_sums, usd_teu_sums, corridor_sums, transit_teu_sums, transit_revenue_sums;
  // By mode, then commodity; by direction, then mode.
  std::vector<Sums> teu_mc_sums(modes.size()), hours_teu_mc_sums(modes.size()), usd_teu_mc_sums(modes.size()), direction_sums;
  for (int m : corridor_mode) teu_sums.at(static_cast<std::size_t>(m)) += 0;  // every mode appears, even at 0
  for (std::size_t c = 0; c < result.corridor_names.size(); ++c) corridor_sums.at(c) += 0;

  // Markets: figures per region pair, summed by dense ids too.
  struct MarketSums {
    double teu = 0, value = 0;
    Sums teu_by_mode, value_by_mode, corridor, hours_teu, usd_teu, transit;
    std::vector<Sums> by_direction;  // region direction id -> mode
  };
  Names markets, region_directions;
  std::vector<MarketSums> market_sums;
  std::vector<int> passed;
  for (std::size_t r = 0; r < demand.rows.size(); ++r) {
    const DemandRow& row = demand.rows[r];
    s.total_teu += row.teu_per_year;
    s.total_value_usd += row.teu_per_year * row.value_usd_per_teu;
    const int origin_country = node_country[row.origin], destination_country = node_country[row.destination];
    const auto direction =
        static_cast<std::size_t>(directions.id(net.customs_territory(row.origin) + "->" + net.customs_territory(row.destination)));
    if (direction >= direction_sums.size()) direction_sums.resize(direction + 1);
    const auto commodity = static_cast<std::size_t>(row.commodity);
    const std::string origin_region = parameters.region_of(net.node(row.origin).country);
    const std::string destination_region = parameters.region_of(net.node(row.destination).country);
    const auto market_id = static_cast<std::size_t>(markets.id(parameters.market_of(origin_region, destination_region)));
    if (market_id >= market_sums.size()) market_sums.resize(market_id + 1);
    MarketSums& market = market_sums[market_id];
    const auto region_direction = static_cast<std::size_t>(region_directions.id(origin_region + "->" + destination_region));
    if (region_direction >= market.by_direction.size()) market.by_direction.resize(region_direction + 1);
    market.teu += row.teu_per_year;
    market.value += row.teu_per_year * row.value_usd_per_teu;
    // A country the path passes that is neither the origin's nor the destination's.
    const auto transit = [&](int country) { return country >= 0 && country != origin_country && country != destination_country; };
    for (const RowOption& o : result.row_options(r)) {
      const auto mode = static_cast<std::size_t>(corridor_mode[o.corridor]);
      const double teu = row.teu_per_year * o.probability;
      teu_sums.at(mode) += teu;
      value_sums.at(mode) += teu * o.value_usd_per_teu;  // the value of the tiers that chose the option
      corridor_sums.at(o.corridor) += teu;
      teu_mc_sums[mode].at(commodity) += teu;
      direction_sums[direction].at(mode) += teu;
      hours_teu_sums.at(mode) += teu * o.hours;
      market.teu_by_mode.at(mode) += teu;
      market.value_by_mode.at(mode) += teu * o.value_usd_per_teu;
      market.corridor.at(o.corridor) += teu;
      market.hours_teu.at(mode) += teu * o.hours;
      market.usd_teu.at(mode) += teu * o.usd;
      market.by_direction[region_direction].at(mode) += teu;
      usd_teu_sums.at(mode) += teu * o.usd;
      hours_teu_mc_sums[mode].at(commodity) += teu * o.hours;
      usd_teu_mc_sums[mode].at(commodity) += teu * o.usd;
      s.logistics_cost_usd += teu * o.generalized_usd;
      s.freight_charges_usd += teu * o.usd;
      s.co2_tonnes += teu * o.co2_kg / 1000.0;
      if (static_cast<int>(mode) == rail) s.rail_revenue_usd += teu * o.usd;
      passed.clear();
      for (ArcId a : result.arcs_of(o)) {
        const int tc = node_country[g.topology.tail[a]], hc = node_country[g.topology.head[a]];
        for (int country : {tc, hc}) {
          if (transit(country) && std::find(passed.begin(), passed.end(), country) == passed.end()) passed.push_back(country);
        }
        // Revenue: an arc within one transit country earns for it; one across a border half each.
        const bool tail_transit = transit(tc), head_transit = transit(hc);
        if (tc == hc) {
          if (tail_transit) transit_revenue_sums.at(static_cast<std::size_t>(tc)) += teu * g.arc_usd[a];
        } else {
          if (tail_transit) transit_revenue_sums.at(static_cast<std::size_t>(tc)) += 0.5 * teu * g.arc_usd[a];
          if (head_transit) transit_revenue_sums.at(static_cast<std::size_t>(hc)) += 0.5 * teu * g.arc_usd[a];
        }
      }
      for (int country : passed) {
        transit_teu_sums.at(static_cast<std::size_t>(country)) += teu;
        market.transit.at(static_cast<std::size_t>(country)) += teu;
      }
    }
  }
  std::map<std::string, double> value_by_mode, hours_teu_by_mode, usd_teu_by_mode;
  std::map<std::string, std::map<std::string, double>> hours_teu_mc, usd_teu_mc;
  teu_sums.into(s.teu_by_mode, modes);
  value_sums.into(value_by_mode, modes);
  hours_teu_sums.into(hours_teu_by_mode, modes);
  usd_teu_sums.into(usd_teu_by_mode, modes);
  for (std::size_t c = 0; c < result.corridor_names.size(); ++c) s.teu_by_corridor[result.corridor_names[c]] += corridor_sums.value[c];
  for (std::size_t m = 0; m < modes.size(); ++m) {
    if (std::find(teu_mc_sums[m].seen.begin(), teu_mc_sums[m].seen.end(), 1) == teu_mc_sums[m].seen.end()) continue;
    teu_mc_sums[m].into(s.teu_by_mode_commodity[modes.name(m)], commodities);
    hours_teu_mc_sums[m].into(hours_teu_mc[modes.name(m)], commodities);
    usd_teu_mc_sums[m].into(usd_teu_mc[modes.name(m)], commodities);
  }
  for (std::size_t d = 0; d < direction_sums.size(); ++d) direction_sums[d].into(s.teu_by_direction_mode[directions.name(d)], modes);
  transit_teu_sums.into(s.transit_teu_by_country, countries);
  transit_revenue_sums.into(s.transit_revenue_usd_by_country, countries);
  for (const auto& [mode, teu] : s.teu_by_mode) {
    s.share_by_mode[mode] = s.total_teu > 0 ? teu / s.total_teu : 0;
    s.value_share_by_mode[mode] = s.total_value_usd > 0 ? value_by_mode[mode] / s.total_value_usd : 0;
    s.avg_days_by_mode[mode] = teu > 0 ? hours_teu_by_mode[mode] / teu / 24.0 : 0;
    s.avg_usd_per_teu_by_mode[mode] = teu > 0 ? usd_teu_by_mode[mode] / teu : 0;
  }
  for (const auto& [name, teu] : s.teu_by_corridor) s.share_by_corridor[name] = s.total_teu > 0 ? teu / s.total_teu : 0;
  for (std::size_t k = 0; k < market_sums.size(); ++k) {
    const MarketSums& m = market_sums[k];
    MarketFigures& out = s.by_market[markets.name(k)];
    out.teu = m.teu;
    out.value_usd = m.value;
    m.teu_by_mode.into(out.teu_by_mode, modes);
    m.value_by_mode.into(out.value_by_mode, modes);
    m.hours_teu.into(out.hours_teu_by_mode, modes);
    m.usd_teu.into(out.usd_teu_by_mode, modes);
    for (std::size_t c = 0; c < m.corridor.value.size(); ++c)
      if (m.corridor.seen[c]) out.teu_by_corridor[result.corridor_names[c]] += m.corridor.value[c];
    m.transit.into(out.transit_teu_by_country, countries);
    for (std::size_t d = 0; d < m.by_direction.size(); ++d) {
      if (std::find(m.by_direction[d].seen.begin(), m.by_direction[d].seen.end(), 1) != m.by_direction[d].seen.end())
        m.by_direction[d].into(out.teu_by_direction_mode[region_directions.name(d)], modes);
    }
  }
  for (const auto& [mode, by_commodity] : s.teu_by_mode_commodity) {
    for (const auto& [commodity, teu] : by_commodity) {
      s.avg_days_by_mode_commodity[mode][commodity] = teu > 0 ? hours_teu_mc[mode][commodity] / teu / 24.0 : 0;
      s.avg_usd_per_teu_by_mode_commodity[mode][commodity] = teu > 0 ? usd_teu_mc[mode][commodity] / teu : 0;
    }
  }
  for (ArcId a = 0; a < g.arc_count(); ++a) {
    const double capacity = g.arc_capacity_teu_per_day[a];
    if (!std::isfinite(capacity)) continue;
    CrossingUse c;
    const network::Link& link = net.link(g.arc_link[a]);
    c.id = link.id;
    c.from = net.node(g.topology.tail[a]).id;
    c.to = net.node(g.topology.head[a]).id;
    c.name = fmt::format("{} → {}", net.node(g.topology.tail[a]).name, net.node(g.topology.head[a]).name);
    c.teu_per_day = result.arc_flow_teu_per_day[a];
    c.background_teu_per_day = result.arc_background_teu_per_day.empty() ? 0.0 : result.arc_background_teu_per_day[a];
    c.capacity_teu_per_day = capacity;
    c.utilization = (c.teu_per_day + c.background_teu_per_day) / capacity;
    c.delay_hours = result.arc_delay_hours[a];
    s.crossings.push_back(std::move(c));
  }
  std::stable_sort(s.crossings.begin(), s.crossings.end(),
                   [](const CrossingUse& a, const CrossingUse& b) { return a.utilization > b.utilization; });
  return s;
}

namespace {

json rounded_map(const std::map<std::string, double>& values, int decimals) {
  json j = json::object();
  for (const auto& [key, value] : values) j[key] = report::rounded(value, decimals);
  return j;
}

template <typename Nested>
json rounded_nested(const Nested& values, int decimals) {
  json j = json::object();
  for (const auto& [key, inner] : values) j[key] = rounded_map(inner, decimals);
  return j;
}

// {"CN->EU": {"teu_by_mode": {...}, "share_by_mode": {...}}, ...}
json direction_json(const std::map<std::string, std::map<std::string, double>>& teu_by_direction_mode) {
  json direction = json::object();
  for (const auto& [key, by_mode] : teu_by_direction_mode) {
    double total = 0;
    for (const auto& [mode, teu] : by_mode) total += teu;
    json shares = json::object();
    for (const auto& [mode, teu] : by_mode) shares[mode] = report::rounded(total > 0 ? teu / total : 0, 6);
    direction[key] = {{"teu_by_mode", rounded_map(by_mode, 0)}, {"share_by_mode", std::move(shares)}};
  }
  return direction;
}

}  // namespace

json summary_json(const FreightSummary& s, const FreightResult& result) {
  json crossings = json::array();
  for (const CrossingUse& c : s.crossings) {
    crossings.push_back({{"id", c.id},
                         {"from", c.from},
                         {"to", c.to},
                         {"name", c.name},
                         {"teu_per_day", report::rounded(c.teu_per_day, 1)},
                         {"background_teu_per_day", report::rounded(c.background_teu_per_day, 1)},
                         {"capacity_teu_per_day", report::rounded(c.capacity_teu_per_day, 1)},
                         {"utilization", report::rounded(c.utilization, 4)},
                         {"delay_hours", report::rounded(c.delay_hours, 2)}});
  }
  json teu_by_market = json::object(), by_market = json::object();
  for (const auto& [name, m] : s.by_market) {
    teu_by_market[name] = report::rounded(m.teu, 0);
    std::map<std::string, double> share, value_share, days, usd;
    for (const auto& [mode, teu] : m.teu_by_mode) {
      share[mode] = m.teu > 0 ? teu / m.teu : 0;
      value_share[mode] = m.value_usd > 0 ? m.value_by_mode.at(mode) / m.value_usd : 0;
      days[mode] = teu > 0 ? m.hours_teu_by_mode.at(mode) / teu / 24.0 : 0;
      usd[mode] = teu > 0 ? m.usd_teu_by_mode.at(mode) / teu : 0;
    }
    by_market[name] = {{"teu", report::rounded(m.teu, 0)},
                       {"value_usd", report::rounded(m.value_usd, 0)},
                       {"teu_by_mode", rounded_map(m.teu_by_mode, 0)},
                       {"share_by_mode", rounded_map(share, 6)},
                       {"value_share_by_mode", rounded_map(value_share, 6)},
                       {"teu_by_corridor", rounded_map(m.teu_by_corridor, 0)},
                       {"avg_days_by_mode", rounded_map(days, 2)},
                       {"avg_usd_per_teu_by_mode", rounded_map(usd, 0)},
                       {"by_direction", direction_json(m.teu_by_direction_mode)},
                       {"transit_teu_by_country", rounded_map(m.transit_teu_by_country, 0)}};
  }
  return {{"total_teu", report::rounded(s.total_teu, 0)},
          {"teu_by_mode", rounded_map(s.teu_by_mode, 0)},
          {"share_by_mode", rounded_map(s.share_by_mode, 6)},
          {"value_share_by_mode", rounded_map(s.value_share_by_mode, 6)},
          {"teu_by_corridor", rounded_map(s.teu_by_corridor, 0)},
          {"share_by_corridor", rounded_map(s.share_by_corridor, 6)},
          {"by_direction", direction_json(s.teu_by_direction_mode)},
          {"teu_by_market", std::move(teu_by_market)},
          {"by_market", std::move(by_market)},
          {"transit_teu_by_country", rounded_map(s.transit_teu_by_country, 0)},
          {"transit_revenue_usd_by_country", rounded_map(s.transit_revenue_usd_by_country, 0)},
          {"crossings", std::move(crossings)},
          {"avg_days_by_mode", rounded_map(s.avg_days_by_mode, 2)},
          {"avg_usd_per_teu_by_mode", rounded_map(s.avg_usd_per_teu_by_mode, 0)},
          {"teu_by_mode_commodity", rounded_nested(s.teu_by_mode_commodity, 0)},
          {"avg_days_by_mode_commodity", rounded_nested(s.avg_days_by_mode_commodity, 2)},
          {"avg_usd_per_teu_by_mode_commodity", rounded_nested(s.avg_usd_per_teu_by_mode_commodity, 0)},
          {"logistics_cost_usd", report::rounded(s.logistics_cost_usd, 0)},
          {"freight_charges_usd", report::rounded(s.freight_charges_usd, 0)},
          {"co2_tonnes", report::rounded(s.co2_tonnes, 0)},
          {"convergence",
           {{"relative_gap", result.relative_gap},
            {"iterations", result.iterations},
            {"converged", result.converged},
            {"seconds", report::rounded(result.seconds, 4)}}}};
}

std::string summary_table(const FreightSummary& s, const FreightResult& result) {
  using report::with_thousands;
  std::string out = fmt::format(
      "Freight assignment: {} TEU per year, {} bn USD of cargo; {} after {} iterations (relative gap {:.2e}, {:.3f} s)\n\n",
      with_thousands(s.total_teu, 0), with_thousands(s.total_value_usd / 1e9, 1), result.converged ? "converged" : "NOT converged",
      result.iterations, result.relative_gap, result.seconds);
  out += fmt::format("{:<8} {:>14} {:>9} {:>12} {:>9} {:>10}\n", "mode", "TEU/year", "share", "value share", "days", "USD/TEU");
  for (const auto& [mode, teu] : s.teu_by_mode) {
    out += fmt::format("{:<8} {:>14} {:>8.2f}% {:>11.2f}% {:>9.1f} {:>10}\n", mode, with_thousands(teu, 0),
                       100 * s.share_by_mode.at(mode), 100 * s.value_share_by_mode.at(mode), s.avg_days_by_mode.at(mode),
                       with_thousands(s.avg_usd_per_teu_by_mode.at(mode), 0));
  }
  out += fmt::format("\n{:<16} {:>14} {:>9}\n", "corridor", "TEU/year", "share");
  for (const auto& [name, teu] : s.teu_by_corridor) {
    out += fmt::format("{:<16} {:>14} {:>8.2f}%\n", name, with_thousands(teu, 0), 100 * s.share_by_corridor.at(name));
  }
  std::vector<std::pair<double, std::string>> transit;
  for (const auto& [country, teu] : s.transit_teu_by_country) transit.emplace_back(-teu, country);
  std::sort(transit.begin(), transit.end());
  out += fmt::format("\n{:<8} {:>14} {:>18}\n", "transit", "TEU/year", "revenue USD/year");
  for (const auto& [minus_teu, country] : transit) {
    const auto revenue = s.transit_revenue_usd_by_country.find(country);
    out += fmt::format("{:<8} {:>14} {:>18}\n", country, with_thousands(-minus_teu, 0),
                       with_thousands(revenue == s.transit_revenue_usd_by_country.end() ? 0 : revenue->second, 0));
  }
  out += fmt::format("\n{:<44} {:>10} {:>10} {:>7} {:>8}\n", "busiest capacity links", "TEU/day", "capacity", "use", "delay h");
  std::size_t shown = 0;
  for (const CrossingUse& c : s.crossings) {
    if (c.teu_per_day < 0.5 || ++shown > 15) continue;
    out += fmt::format("{:<44} {:>10} {:>10} {:>6.0f}% {:>8.1f}\n", c.name, with_thousands(c.teu_per_day, 0),
                       with_thousands(c.capacity_teu_per_day, 0), 100 * c.utilization, c.delay_hours);
  }
  return out;
}

}  // namespace landbridge::freight
