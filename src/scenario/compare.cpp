#include "scenario/compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <set>

#include <fmt/format.h>

#include "common/atomic_file.hpp"
#include "common/input_error.hpp"
#include "report/format.hpp"
#include "scenario/report_html.hpp"

namespace landbridge::scenario {

using json = nlohmann::ordered_json;

std::unique_ptr<Comparison> compare(const routing::Router& base_router, const freight::Demand& demand,
                                    const freight::FreightParameters& parameters, std::vector<Scenario> scenarios) {
  auto c = std::make_unique<Comparison>();
  c->scenarios = std::move(scenarios);
  {
    const freight::FreightModel model(base_router, demand, parameters);
    c->baseline_result = model.solve();
    c->baseline = freight::summarize(model, c->baseline_result);
  }
  c->applied = apply_scenarios(c->scenarios, base_router.network(), base_router.graph(), demand, parameters);
  c->scenario_router = std::make_unique<routing::Router>(c->applied.network);
  const freight::FreightModel model(*c->scenario_router, c->applied.demand, c->applied.parameters, &c->applied.restrictions);
  c->scenario_result = model.solve();
  c->scenario = freight::summarize(model, c->scenario_result);
  return c;
}

namespace {

// scenario - baseline for every number, recursively; a key missing on one side counts as 0.
json difference(const json& base, const json& scen) {
  if (base.is_number() || scen.is_number()) {
    const double a = base.is_number() ? base.get<double>() : 0.0;
    const double b = scen.is_number() ? scen.get<double>() : 0.0;
    return report::rounded(b - a, 6);
  }
  json out = json::object();
  const json empty = json::object();
  const json& a = base.is_object() ? base : empty;
  const json& b = scen.is_object() ? scen : empty;
  for (const auto& [key, value] : a.items()) out[key] = difference(value, b.contains(key) ? b.at(key) : json());
  for (const auto& [key, value] : b.items()) {
    if (!a.contains(key)) out[key] = difference(json(), value);
  }
  return out;
}

struct CrossingPair {
  const freight::CrossingUse* baseline = nullptr;
  const freight::CrossingUse* scenario = nullptr;
};

std::vector<CrossingPair> crossing_pairs(const Comparison& c) {
  std::map<std::string, CrossingPair> by_key;
  std::vector<std::string> order;
  for (const auto& x : c.baseline.crossings) {
    const std::string key = x.id + ":" + x.from;
    if (!by_key.contains(key)) order.push_back(key);
    by_key[key].baseline = &x;
  }
  for (const auto& x : c.scenario.crossings) {
    const std::string key = x.id + ":" + x.from;
    if (!by_key.contains(key)) order.push_back(key);
    by_key[key].scenario = &x;
  }
  std::vector<CrossingPair> out;
  for (const auto& key : order) {
    const CrossingPair& p = by_key[key];
    const double base_flow = p.baseline ? p.baseline->teu_per_day : 0, scen_flow = p.scenario ? p.scenario->teu_per_day : 0;
    if (base_flow >= 0.5 || scen_flow >= 0.5) out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(), [](const CrossingPair& a, const CrossingPair& b) {
    return (a.scenario ? a.scenario->utilization : 0) > (b.scenario ? b.scenario->utilization : 0);
  });
  return out;
}

const freight::CrossingUse& either(const CrossingPair& p) { return p.scenario ? *p.scenario : *p.baseline; }

}  // namespace

json comparison_json(const Comparison& c) {
  json scenarios = json::array();
  for (const Scenario& s : c.scenarios) {
    scenarios.push_back({{"name", s.name}, {"title", s.title}, {"description", s.description}, {"sources", s.sources}, {"file", s.file}});
  }
  json rules = json::array();
  for (const RuleEffect& e : c.applied.effects) {
    rules.push_back({{"scenario", e.scenario},
                     {"file", e.file},
                     {"line", e.line},
                     {"key", e.key},
                     {"kind", to_string(e.kind)},
                     {"description", e.description},
                     {"touched", e.touched},
                     {"note", e.note}});
  }
  const json base = freight::summary_json(c.baseline, c.baseline_result);
  const json scen = freight::summary_json(c.scenario, c.scenario_result);
  json delta = json::object();
  for (const char* key : {"total_teu", "teu_by_mode", "share_by_mode", "value_share_by_mode", "teu_by_corridor", "share_by_corridor",
                          "transit_teu_by_country", "transit_revenue_usd_by_country", "avg_days_by_mode", "avg_usd_per_teu_by_mode",
                          "teu_by_mode_commodity", "teu_by_market", "by_market", "logistics_cost_usd", "freight_charges_usd",
                          "co2_tonnes"}) {
    delta[key] = difference(base.at(key), scen.at(key));
  }
  json crossings = json::array();
  json saturated = json::array();
  for (const CrossingPair& p : crossing_pairs(c)) {
    const auto& x = either(p);
    const double bu = p.baseline ? p.baseline->utilization : 0, su = p.scenario ? p.scenario->utilization : 0;
    crossings.push_back({{"id", x.id},
                         {"from", x.from},
                         {"to", x.to},
                         {"name", x.name},
                         {"baseline_teu_per_day", report::rounded(p.baseline ? p.baseline->teu_per_day : 0, 1)},
                         {"scenario_teu_per_day", report::rounded(p.scenario ? p.scenario->teu_per_day : 0, 1)},
                         {"baseline_background_teu_per_day", report::rounded(p.baseline ? p.baseline->background_teu_per_day : 0, 1)},
                         {"scenario_background_teu_per_day", report::rounded(p.scenario ? p.scenario->background_teu_per_day : 0, 1)},
                         {"baseline_capacity_teu_per_day", report::rounded(p.baseline ? p.baseline->capacity_teu_per_day : 0, 1)},
                         {"scenario_capacity_teu_per_day", report::rounded(p.scenario ? p.scenario->capacity_teu_per_day : 0, 1)},
                         {"baseline_utilization", report::rounded(bu, 4)},
                         {"scenario_utilization", report::rounded(su, 4)},
                         {"baseline_delay_hours", report::rounded(p.baseline ? p.baseline->delay_hours : 0, 2)},
                         {"scenario_delay_hours", report::rounded(p.scenario ? p.scenario->delay_hours : 0, 2)}});
    if (su >= saturated_utilization) saturated.push_back(x.name);
  }
  delta["crossings"] = std::move(crossings);
  delta["saturated_crossings"] = std::move(saturated);
  delta["closed_links"] = c.applied.closed_links;
  return {{"scenarios", std::move(scenarios)}, {"rules", std::move(rules)}, {"baseline", base}, {"scenario", scen}, {"delta", std::move(delta)}};
}

std::string comparison_table(const Comparison& c) {
  using report::with_thousands;
  const auto& b = c.baseline;
  const auto& s = c.scenario;
  std::vector<std::string> names;
  for (const Scenario& x : c.scenarios) names.push_back(x.name);
  std::string out = fmt::format("Scenario comparison: {}\n", fmt::join(names, " + "));
  for (const RuleEffect& e : c.applied.effects) {
    std::string touched = fmt::format("{}", fmt::join(e.touched.begin(), e.touched.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(e.touched.size(), 8)), ", "));
    if (e.touched.size() > 8) touched += fmt::format(", … ({} in all)", e.touched.size());
    out += fmt::format("  {}:{} [{}] {}\n      touched: {}\n", e.file.substr(e.file.rfind('/') + 1), e.line, e.key, e.description, touched);
  }
  auto convergence = [](const freight::FreightResult& r) {
    return fmt::format("{} after {} iterations, relative gap {:.2e}", r.converged ? "converged" : "NOT converged", r.iterations, r.relative_gap);
  };
  out += fmt::format("baseline: {}\nscenario: {}\n", convergence(c.baseline_result), convergence(c.scenario_result));
  out += fmt::format("\n{:<16} {:>13} {:>13} {:>12} {:>8} {:>8} {:>9}\n", "mode", "baseline TEU", "scenario TEU", "change", "share", "", "Δ pp");
  for (const auto& [mode, teu] : s.teu_by_mode) {
    const double base = b.teu_by_mode.contains(mode) ? b.teu_by_mode.at(mode) : 0;
    const double bs = b.share_by_mode.contains(mode) ? b.share_by_mode.at(mode) : 0;
    out += fmt::format("{:<16} {:>13} {:>13} {:>+11.1f}% {:>7.2f}% {:>7.2f}% {:>+9.2f}\n", mode, with_thousands(base, 0),
                       with_thousands(teu, 0), base > 0 ? 100 * (teu - base) / base : 0.0, 100 * bs, 100 * s.share_by_mode.at(mode),
                       100 * (s.share_by_mode.at(mode) - bs));
  }
  out += fmt::format("\n{:<16} {:>13} {:>13} {:>12}\n", "corridor", "baseline TEU", "scenario TEU", "change");
  for (const auto& [name, teu] : s.teu_by_corridor) {
    const double base = b.teu_by_corridor.contains(name) ? b.teu_by_corridor.at(name) : 0;
    out += fmt::format("{:<16} {:>13} {:>13} {:>12}\n", name, with_thousands(base, 0), with_thousands(teu, 0),
                       base > 0 ? fmt::format("{:+.1f}%", 100 * (teu - base) / base) : (teu > 0 ? "new" : "-"));
  }
  out += fmt::format("\n{:<16} {:>13} {:>13} {:>12}   {}\n", "market", "baseline TEU", "scenario TEU", "change", "scenario TEU by mode");
  for (const auto& [market, m] : s.by_market) {
    const double base = b.by_market.contains(market) ? b.by_market.at(market).teu : 0;
    std::vector<std::string> modes;
    for (const auto& [mode, teu] : m.teu_by_mode) {
      const auto bm = b.by_market.find(market);
      const double before = bm == b.by_market.end() || !bm->second.teu_by_mode.contains(mode) ? 0 : bm->second.teu_by_mode.at(mode);
      modes.push_back(fmt::format("{} {} ({})", mode, with_thousands(teu, 0),
                                  before > 0 ? fmt::format("{:+.1f}%", 100 * (teu - before) / before) : (teu > 0 ? "new" : "-")));
    }
    out += fmt::format("{:<16} {:>13} {:>13} {:>12}   {}\n", market, with_thousands(base, 0), with_thousands(m.teu, 0),
                       base > 0 ? fmt::format("{:+.1f}%", 100 * (m.teu - base) / base) : "-", fmt::join(modes, ", "));
  }
  out += fmt::format("\n{:<16} {:>10} {:>10} {:>10} {:>10}\n", "mode", "days", "scenario", "USD/TEU", "scenario");
  for (const auto& [mode, days] : s.avg_days_by_mode) {
    out += fmt::format("{:<16} {:>10.1f} {:>10.1f} {:>10} {:>10}\n", mode, b.avg_days_by_mode.at(mode), days,
                       with_thousands(b.avg_usd_per_teu_by_mode.at(mode), 0), with_thousands(s.avg_usd_per_teu_by_mode.at(mode), 0));
  }
  std::map<std::string, std::pair<double, double>> transit;
  for (const auto& [k, v] : b.transit_teu_by_country) transit[k].first = v;
  for (const auto& [k, v] : s.transit_teu_by_country) transit[k].second = v;
  out += fmt::format("\n{:<16} {:>13} {:>13} {:>13}\n", "transit TEU", "baseline", "scenario", "change");
  for (const auto& [k, v] : transit) {
    if (v.first < 1 && v.second < 1) continue;
    out += fmt::format("{:<16} {:>13} {:>13} {:>13}\n", k, with_thousands(v.first, 0), with_thousands(v.second, 0),
                       with_thousands(v.second - v.first, 0));
  }
  out += fmt::format("\n{:<44} {:>9} {:>9} {:>10} {:>9} {:>7} {:>7}\n", "crossings (TEU/day)", "baseline", "scenario", "background",
                     "capacity", "use", "");
  std::size_t shown = 0;
  for (const CrossingPair& p : crossing_pairs(c)) {
    if (++shown > 15) break;
    const auto& x = either(p);
    const double su = p.scenario ? p.scenario->utilization : 0;
    out += fmt::format("{:<44} {:>9} {:>9} {:>10} {:>9} {:>6.0f}% {}\n", x.name, with_thousands(p.baseline ? p.baseline->teu_per_day : 0, 0),
                       with_thousands(p.scenario ? p.scenario->teu_per_day : 0, 0),
                       with_thousands(p.scenario ? p.scenario->background_teu_per_day : x.background_teu_per_day, 0),
                       with_thousands(p.scenario ? p.scenario->capacity_teu_per_day : x.capacity_teu_per_day, 0), 100 * su,
                       su >= saturated_utilization ? "saturated" : "");
  }
  out += fmt::format("\n{:<28} {:>18} {:>18} {:>10}\n", "totals", "baseline", "scenario", "change");
  auto total = [&](const char* what, double base, double scen, const char* unit) {
    out += fmt::format("{:<28} {:>18} {:>18} {:>+9.1f}%\n", fmt::format("{} ({})", what, unit), with_thousands(base, 0),
                       with_thousands(scen, 0), base != 0 ? 100 * (scen - base) / base : 0.0);
  };
  total("demand", b.total_teu, s.total_teu, "TEU");
  total("logistics cost", b.logistics_cost_usd / 1e6, s.logistics_cost_usd / 1e6, "M USD");
  total("freight charges", b.freight_charges_usd / 1e6, s.freight_charges_usd / 1e6, "M USD");
  total("CO2", b.co2_tonnes, s.co2_tonnes, "t");
  return out;
}

json flows_geojson(const routing::Router& base_router, const Comparison& c) {
  const network::Network& net = base_router.network();
  const network::Graph& g = base_router.graph();
  const network::Graph& sg = c.scenario_router->graph();
  const auto& blocked = c.applied.restrictions.blocked;
  json features = json::array();
  for (ArcId a = 0; a < g.arc_count(); ++a) {
    const double bf = c.baseline_result.arc_flow_teu_per_day[a], sf = c.scenario_result.arc_flow_teu_per_day[a];
    const bool closed = !blocked.empty() && blocked[a] != 0;
    if (bf < 1e-3 && sf < 1e-3 && !closed) continue;
    const network::Link& link = net.link(g.arc_link[a]);
    json coordinates = json::array();
    const auto& geometry = link.geometry;
    for (std::size_t k = 0; k < geometry.size(); ++k) {
      const auto& p = g.arc_reversed[a] ? geometry[geometry.size() - 1 - k] : geometry[k];
      coordinates.push_back({report::rounded(p[0], 4), report::rounded(p[1], 4)});
    }
    json properties = {{"link", link.id},
                       {"from", net.node(g.topology.tail[a]).id},
                       {"to", net.node(g.topology.head[a]).id},
                       {"name", fmt::format("{} → {}", net.node(g.topology.tail[a]).name, net.node(g.topology.head[a]).name)},
                       {"mode", network::to_string(link.mode)},
                       {"baseline_teu_per_day", report::rounded(bf, 2)},
                       {"scenario_teu_per_day", report::rounded(sf, 2)},
                       {"closed", closed}};
    if (std::isfinite(g.arc_capacity_teu_per_day[a])) {
      properties["baseline_capacity_teu_per_day"] = report::rounded(g.arc_capacity_teu_per_day[a], 1);
      properties["scenario_capacity_teu_per_day"] = report::rounded(sg.arc_capacity_teu_per_day[a], 1);
      properties["baseline_utilization"] = report::rounded(bf / g.arc_capacity_teu_per_day[a], 4);
      properties["scenario_utilization"] = report::rounded(sf / sg.arc_capacity_teu_per_day[a], 4);
    }
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coordinates)}}},
                        {"properties", std::move(properties)}});
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

void write_comparison(const std::filesystem::path& folder, const routing::Router& base_router, const Comparison& c,
                      const std::string& countries_geojson) {
  if (!std::filesystem::is_directory(folder)) throw InputError(folder.string(), "", "--out", "not a folder (create it first)");
  const json summary = comparison_json(c);
  const json flows = flows_geojson(base_router, c);
  write_file_atomically(folder / "summary.json", summary.dump(2) + "\n");
  write_file_atomically(folder / "flows.geojson", flows.dump() + "\n");

  const network::Network& net = base_router.network();
  const network::Graph& g = base_router.graph();
  const network::Graph& sg = c.scenario_router->graph();
  std::string links = "link,from,to,mode,baseline_teu_per_day,scenario_teu_per_day,baseline_capacity_teu_per_day,"
                      "scenario_capacity_teu_per_day,closed\n";
  for (ArcId a = 0; a < g.arc_count(); ++a) {
    const bool limited = std::isfinite(g.arc_capacity_teu_per_day[a]);
    const auto& blocked = c.applied.restrictions.blocked;
    links += fmt::format("{},{},{},{},{:.3f},{:.3f},{},{},{}\n", net.link(g.arc_link[a]).id, net.node(g.topology.tail[a]).id,
                         net.node(g.topology.head[a]).id, network::to_string(g.arc_mode[a]), c.baseline_result.arc_flow_teu_per_day[a],
                         c.scenario_result.arc_flow_teu_per_day[a], limited ? fmt::format("{:.1f}", g.arc_capacity_teu_per_day[a]) : "",
                         limited ? fmt::format("{:.1f}", sg.arc_capacity_teu_per_day[a]) : "",
                         !blocked.empty() && blocked[a] != 0 ? 1 : 0);
  }
  write_file_atomically(folder / "link_flows.csv", links);

  auto keyed_csv = [](const std::string& header, const std::map<std::string, double>& base, const std::map<std::string, double>& scen) {
    std::map<std::string, std::pair<double, double>> rows;
    for (const auto& [k, v] : base) rows[k].first = v;
    for (const auto& [k, v] : scen) rows[k].second = v;
    std::string text = header + ",baseline,scenario,change\n";
    for (const auto& [k, v] : rows) text += fmt::format("{},{:.6g},{:.6g},{:.6g}\n", k, v.first, v.second, v.second - v.first);
    return text;
  };
  const auto& b = c.baseline;
  const auto& s = c.scenario;
  std::string modes = "mode,baseline_teu,scenario_teu,baseline_share,scenario_share,baseline_days,scenario_days,baseline_usd_per_teu,"
                      "scenario_usd_per_teu\n";
  for (const auto& [mode, teu] : s.teu_by_mode) {
    modes += fmt::format("{},{:.0f},{:.0f},{:.6f},{:.6f},{:.2f},{:.2f},{:.0f},{:.0f}\n", mode, b.teu_by_mode.at(mode), teu,
                         b.share_by_mode.at(mode), s.share_by_mode.at(mode), b.avg_days_by_mode.at(mode), s.avg_days_by_mode.at(mode),
                         b.avg_usd_per_teu_by_mode.at(mode), s.avg_usd_per_teu_by_mode.at(mode));
  }
  write_file_atomically(folder / "modes.csv", modes);
  write_file_atomically(folder / "corridors.csv", keyed_csv("corridor_teu", b.teu_by_corridor, s.teu_by_corridor));
  write_file_atomically(folder / "countries.csv", keyed_csv("country_transit_teu", b.transit_teu_by_country, s.transit_teu_by_country));
  std::string markets = "market,mode,baseline_teu,scenario_teu\n";
  std::set<std::pair<std::string, std::string>> market_modes;
  for (const auto* side : {&b, &s})
    for (const auto& [market, m] : side->by_market)
      for (const auto& [mode, teu] : m.teu_by_mode) market_modes.emplace(market, mode);
  for (const auto& [market, mode] : market_modes) {
    const auto teu = [&](const freight::FreightSummary& side) {
      const auto m = side.by_market.find(market);
      return m == side.by_market.end() || !m->second.teu_by_mode.contains(mode) ? 0.0 : m->second.teu_by_mode.at(mode);
    };
    markets += fmt::format("{},{},{:.0f},{:.0f}\n", market, mode, teu(b), teu(s));
  }
  write_file_atomically(folder / "markets.csv", markets);
  std::string crossings = "link,from,to,name,baseline_teu_per_day,scenario_teu_per_day,scenario_background_teu_per_day,"
                          "scenario_capacity_teu_per_day,baseline_utilization,scenario_utilization,saturated\n";
  for (const json& x : summary.at("delta").at("crossings")) {
    crossings += fmt::format("{},{},{},\"{}\",{},{},{},{},{},{},{}\n", x.at("id").get<std::string>(), x.at("from").get<std::string>(),
                             x.at("to").get<std::string>(), x.at("name").get<std::string>(), x.at("baseline_teu_per_day").dump(),
                             x.at("scenario_teu_per_day").dump(), x.at("scenario_background_teu_per_day").dump(),
                             x.at("scenario_capacity_teu_per_day").dump(),
                             x.at("baseline_utilization").dump(), x.at("scenario_utilization").dump(),
                             x.at("scenario_utilization").get<double>() >= saturated_utilization ? 1 : 0);
  }
  write_file_atomically(folder / "crossings.csv", crossings);
  write_file_atomically(folder / "report.html", report_html(summary, flows, countries_geojson));
}

}  // namespace landbridge::scenario
