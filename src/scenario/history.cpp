#include "scenario/history.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/input_error.hpp"
#include "io/csv.hpp"
#include "report/format.hpp"
#include "scenario/detail/rule_reader.hpp"

namespace landbridge::scenario {

using json = nlohmann::ordered_json;

const std::vector<std::string>& history_keys() {
  static const std::vector<std::string> keys = {"rail_teu_cn_eu",        "rail_teu_eu_cn",       "rail_teu_cn_eu_total",
                                                "transit_teu_by",        "middle_corridor_teu",  "sea_cape_share",
                                                "rail_share_cn_eu",      "rail_teu_china_europe", "air_value_share_cn_eu",
                                                "air_value_share_eu_cn"};
  return keys;
}

namespace {

bool is_share(const std::string& key) { return key.find("share") != std::string::npos; }

// Quantities that add up over the states of a year (TEU, value); the shares are ratios of them.
using Raw = std::map<std::string, double>;

Raw raw_figures(const freight::FreightModel& model, const freight::FreightResult& result, const freight::FreightSummary& s) {
  Raw raw;
  const auto at = [](const auto& map, const std::string& key) {
    const auto it = map.find(key);
    return it == map.end() ? 0.0 : it->second;
  };
  if (const auto m = s.by_market.find("CN-EU"); m != s.by_market.end()) {
    const freight::MarketFigures& cn_eu = m->second;
    const auto direction = [&](const std::string& d) {
      const auto it = cn_eu.teu_by_direction_mode.find(d);
      return it == cn_eu.teu_by_direction_mode.end() ? std::map<std::string, double>{} : it->second;
    };
    raw["rail_teu_cn_eu"] = at(direction("CN->EU"), "rail");
    raw["rail_teu_eu_cn"] = at(direction("EU->CN"), "rail");
    raw["transit_teu_by"] = at(cn_eu.transit_teu_by_country, "BY");
    raw["cn_eu_teu"] = cn_eu.teu;
    raw["cn_eu_rail_teu"] = at(cn_eu.teu_by_mode, "rail");
    raw["cn_eu_sea_teu"] = at(cn_eu.teu_by_mode, "sea");
    raw["cn_eu_cape_teu"] = at(cn_eu.teu_by_corridor, "sea-cape");
  }
  raw["middle_corridor_teu"] = at(s.teu_by_corridor, "middle");
  for (const char* market : {"CN-EU", "CN-RU", "CN-BY"}) {
    if (const auto m = s.by_market.find(market); m != s.by_market.end()) raw["rail_teu_china_europe"] += at(m->second.teu_by_mode, "rail");
  }
  // Value by direction and mode for the air shares (region directions, CN-EU rows only).
  const network::Network& net = model.router().network();
  const freight::FreightParameters& p = model.parameters();
  for (std::size_t r = 0; r < model.demand().rows.size(); ++r) {
    const freight::DemandRow& row = model.demand().rows[r];
    const std::string from = p.region_of(net.node(row.origin).country), to = p.region_of(net.node(row.destination).country);
    const std::string direction = from == "CN" && to == "EU" ? "cn_eu" : from == "EU" && to == "CN" ? "eu_cn" : "";
    if (direction.empty()) continue;
    for (const freight::RowOption& o : result.row_options(r)) {
      const double value = row.teu_per_year * o.probability * o.value_usd_per_teu;
      raw["value_" + direction] += value;
      if (result.corridor_modes[o.corridor] == "air") raw["air_value_" + direction] += value;
    }
  }
  return raw;
}

std::map<std::string, double> derive(const Raw& raw) {
  const auto at = [&](const char* key) {
    const auto it = raw.find(key);
    return it == raw.end() ? 0.0 : it->second;
  };
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  return {{"rail_teu_cn_eu", at("rail_teu_cn_eu")},
          {"rail_teu_eu_cn", at("rail_teu_eu_cn")},
          {"rail_teu_cn_eu_total", at("rail_teu_cn_eu") + at("rail_teu_eu_cn")},
          {"transit_teu_by", at("transit_teu_by")},
          {"middle_corridor_teu", at("middle_corridor_teu")},
          {"sea_cape_share", ratio(at("cn_eu_cape_teu"), at("cn_eu_sea_teu"))},
          {"rail_share_cn_eu", ratio(at("cn_eu_rail_teu"), at("cn_eu_teu"))},
          {"rail_teu_china_europe", at("rail_teu_china_europe")},
          {"air_value_share_cn_eu", ratio(at("air_value_cn_eu"), at("value_cn_eu"))},
          {"air_value_share_eu_cn", ratio(at("air_value_eu_cn"), at("value_eu_cn"))}};
}

}  // namespace

std::map<std::string, double> history_figures(const freight::FreightModel& model, const freight::FreightResult& result,
                                              const freight::FreightSummary& summary) {
  return derive(raw_figures(model, result, summary));
}

std::vector<PublishedFigure> load_published(const std::filesystem::path& path) {
  const std::string file = path.string();
  toml::table doc;
  try {
    doc = toml::parse(io::read_text_file(file), file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, fmt::format("line {}, column {}", e.source().begin.line, e.source().begin.column), "",
                     std::string(e.description()));
  }
  std::vector<PublishedFigure> out;
  const std::set<std::string> keys(history_keys().begin(), history_keys().end());
  std::set<std::pair<int, std::string>> seen;
  for (const auto& [k, v] : doc) {
    const std::string key(k.str());
    if (key != "figure") {
      throw InputError(file, detail::line_of(v), key, fmt::format("unknown key \"{}\" (a published-figures file holds [[figure]] tables)", key));
    }
    const toml::array* array = v.as_array();
    if (array == nullptr || !array->is_array_of_tables()) throw InputError(file, detail::line_of(v), key, "expected [[figure]] tables");
    int index = 0;
    for (const toml::node& item : *array) {
      detail::TableReader in(*item.as_table(), file, fmt::format("figure[{}]", ++index));
      PublishedFigure f;
      const auto year = in.number("year", 1900, 2200);
      if (!year || *year != std::floor(*year)) in.fail_table("needs \"year\" (a whole number)");
      f.year = static_cast<int>(*year);
      f.key = in.text("key").value_or("");
      if (!keys.contains(f.key)) {
        const toml::node* at = item.as_table()->get("key");
        in.fail(at != nullptr ? *at : item, in.field("key"),
                fmt::format("expected one of {}, got \"{}\"", fmt::join(history_keys(), ", "), f.key));
      }
      const auto value = in.number("value", is_share(f.key) ? 0.0 : 0.0, is_share(f.key) ? 1.0 : 1e9);
      if (!value) in.fail_table("needs \"value\"");
      f.value = *value;
      f.source = in.text("source").value_or("");
      if (f.source.empty()) in.fail_table("needs \"source\" (keys of data/history/SOURCES.md)");
      f.note = in.text("note").value_or("");
      in.reject_unknown("table (year, key, value, source, note)");
      if (!seen.emplace(f.year, f.key).second) in.fail_table(fmt::format("a second figure for {} {}", f.year, f.key));
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::vector<Scenario> load_year_files(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) throw InputError(folder.string(), "", "--years", "not a folder");
  std::vector<Scenario> years;
  static const std::regex name(R"((\d{4})\.toml)");
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    std::smatch m;
    const std::string file = entry.path().filename().string();
    if (!std::regex_match(file, m, name)) continue;
    Scenario s = load_scenario(entry.path());
    if (!s.year || *s.year != std::stoi(m[1])) {
      throw InputError(entry.path().string(), "", "year", fmt::format("a year file named {} needs year = {}", file, m[1].str()));
    }
    years.push_back(std::move(s));
  }
  if (years.empty()) throw InputError(folder.string(), "", "--years", "no year file (YYYY.toml) in the folder");
  std::sort(years.begin(), years.end(), [](const Scenario& a, const Scenario& b) { return *a.year < *b.year; });
  return years;
}

YearResult run_year(const routing::Router& base_router, const freight::Demand& demand, const freight::FreightParameters& parameters,
                    const Scenario& year_file, const std::vector<PublishedFigure>& published) {
  const auto start = std::chrono::steady_clock::now();
  YearResult y;
  y.year = year_file.year.value_or(0);
  y.calibrated = std::find(parameters.calibration_years.begin(), parameters.calibration_years.end(), y.year) !=
                 parameters.calibration_years.end();
  Scenario whole_year = year_file;
  whole_year.periods.clear();
  int period_days = 0;
  for (const Period& p : year_file.periods) period_days += p.days;
  const int days_in_year = 365;
  Raw weighted;
  auto solve_state = [&](const Scenario& state, double weight) {
    const AppliedScenario applied = apply_scenarios({state}, base_router.network(), base_router.graph(), demand, parameters);
    const routing::Router router(applied.network);
    const freight::FreightModel model(router, applied.demand, applied.parameters, &applied.restrictions);
    const freight::FreightResult result = model.solve();
    const freight::FreightSummary summary = freight::summarize(model, result);
    for (const auto& [key, value] : raw_figures(model, result, summary)) weighted[key] += weight * value;
    ++y.states;
    y.iterations += result.iterations;
    y.converged = y.converged && result.converged;
  };
  solve_state(whole_year, static_cast<double>(std::max(0, days_in_year - period_days)) / days_in_year);
  for (const Period& p : year_file.periods) {
    Scenario state = whole_year;
    state.rules.insert(state.rules.end(), p.rules.begin(), p.rules.end());
    solve_state(state, static_cast<double>(p.days) / days_in_year);
  }
  y.model = derive(weighted);
  for (const PublishedFigure& f : published) {
    if (f.year != y.year) continue;
    y.published[f.key] = f.value;
    y.sources[f.key] = f.source;
  }
  y.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return y;
}

HistorySummary summarize_history(std::vector<YearResult> years) {
  HistorySummary h;
  h.years = std::move(years);
  for (const std::string& key : history_keys()) {
    double sum[2] = {0, 0};
    int count[2] = {0, 0};
    for (const YearResult& y : h.years) {
      const auto p = y.published.find(key);
      if (p == y.published.end() || p->second == 0) continue;
      const int k = y.calibrated ? 0 : 1;
      sum[k] += std::fabs(y.model.at(key) - p->second) / std::fabs(p->second);
      ++count[k];
    }
    if (count[0] > 0) h.mape_calibrated[key] = sum[0] / count[0];
    if (count[1] > 0) h.mape_validation[key] = sum[1] / count[1];
    int right = 0, of = 0;
    for (std::size_t i = 1; i < h.years.size(); ++i) {
      const YearResult& a = h.years[i - 1];
      const YearResult& b = h.years[i];
      if (b.year != a.year + 1 || !a.published.contains(key) || !b.published.contains(key)) continue;
      const double published_change = b.published.at(key) - a.published.at(key);
      const double model_change = b.model.at(key) - a.model.at(key);
      if (published_change == 0) continue;
      ++of;
      right += (published_change > 0) == (model_change > 0) ? 1 : 0;
    }
    if (of > 0) h.direction_right[key] = {right, of};
  }
  return h;
}

json history_json(const HistorySummary& h) {
  json years = json::array();
  for (const YearResult& y : h.years) {
    json model = json::object(), published = json::object(), sources = json::object();
    for (const std::string& key : history_keys()) {
      model[key] = report::rounded(y.model.at(key), is_share(key) ? 6 : 0);
      const auto p = y.published.find(key);
      published[key] = p == y.published.end() ? json(nullptr) : json(p->second);
      sources[key] = p == y.published.end() ? json(nullptr) : json(y.sources.at(key));
    }
    years.push_back({{"year", y.year},
                     {"calibrated", y.calibrated},
                     {"model", std::move(model)},
                     {"published", std::move(published)},
                     {"sources", std::move(sources)},
                     // No wall time: the same inputs give the same file.
                     {"convergence", {{"states", y.states}, {"iterations", y.iterations}, {"converged", y.converged}}}});
  }
  json fit = json::object();
  for (const std::string& key : history_keys()) {
    json k = json::object();
    k["mape_calibrated"] = h.mape_calibrated.contains(key) ? json(report::rounded(h.mape_calibrated.at(key), 4)) : json(nullptr);
    k["mape_validation"] = h.mape_validation.contains(key) ? json(report::rounded(h.mape_validation.at(key), 4)) : json(nullptr);
    if (const auto d = h.direction_right.find(key); d != h.direction_right.end()) {
      k["year_on_year_direction_right"] = d->second.first;
      k["year_on_year_changes"] = d->second.second;
    }
    fit[key] = std::move(k);
  }
  return {{"years", std::move(years)}, {"fit", std::move(fit)}};
}

namespace {

std::string shown(const std::string& key, double value) {
  return is_share(key) ? fmt::format("{:.2f}%", 100 * value) : report::with_thousands(value, 0);
}

}  // namespace

std::string history_table(const HistorySummary& h) {
  std::string out;
  for (const YearResult& y : h.years) {
    out += fmt::format("{}{}: {} state{}, {} iterations{}\n", y.year, y.calibrated ? " (calibrated)" : "", y.states,
                       y.states == 1 ? "" : "s", y.iterations, y.converged ? "" : ", NOT converged");
    out += fmt::format("  {:<24} {:>12} {:>12} {:>9}  {}\n", "figure", "model", "published", "error", "source");
    for (const std::string& key : history_keys()) {
      const auto p = y.published.find(key);
      const double model = y.model.at(key);
      std::string error = "";
      if (p != y.published.end() && p->second != 0) error = fmt::format("{:+.1f}%", 100 * (model - p->second) / p->second);
      out += fmt::format("  {:<24} {:>12} {:>12} {:>9}  {}\n", key, shown(key, model),
                         p == y.published.end() ? "-" : shown(key, p->second), error,
                         p == y.published.end() ? "" : y.sources.at(key));
    }
    out += "\n";
  }
  out += fmt::format("{:<24} {:>16} {:>16} {:>22}\n", "fit", "MAPE calibrated", "MAPE other years", "year-on-year sign right");
  for (const std::string& key : history_keys()) {
    const auto percent = [](const std::map<std::string, double>& m, const std::string& k) {
      const auto it = m.find(k);
      return it == m.end() ? std::string("-") : fmt::format("{:.1f}%", 100 * it->second);
    };
    const auto d = h.direction_right.find(key);
    out += fmt::format("{:<24} {:>16} {:>16} {:>22}\n", key, percent(h.mape_calibrated, key), percent(h.mape_validation, key),
                       d == h.direction_right.end() ? std::string("-") : fmt::format("{} of {}", d->second.first, d->second.second));
  }
  return out;
}

std::string history_csv(const HistorySummary& h) {
  std::string out = "year,calibrated,key,model,published,source\n";
  for (const YearResult& y : h.years) {
    for (const std::string& key : history_keys()) {
      const auto p = y.published.find(key);
      out += fmt::format("{},{},{},{},{},{}\n", y.year, y.calibrated ? "true" : "false", key, y.model.at(key),
                         p == y.published.end() ? "" : fmt::format("{}", p->second),
                         p == y.published.end() ? "" : y.sources.at(key));  // source keys have no comma or quote
    }
  }
  return out;
}

namespace {

std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

const std::map<std::string, std::string>& key_titles() {
  static const std::map<std::string, std::string> titles = {
      {"rail_teu_cn_eu", "China→EU rail, TEU"},
      {"rail_teu_eu_cn", "EU→China rail, TEU"},
      {"rail_teu_cn_eu_total", "China–EU rail, both directions, TEU"},
      {"transit_teu_by", "China–EU transit through Belarus, TEU"},
      {"middle_corridor_teu", "Middle Corridor, all markets, TEU"},
      {"sea_cape_share", "China–EU sea round the Cape, share of sea TEU"},
      {"rail_share_cn_eu", "China–EU rail share of TEU"},
      {"rail_teu_china_europe", "China Railway's China–Europe trains (EU, RU, BY), TEU"},
      {"air_value_share_cn_eu", "air's share of China→EU cargo value"},
      {"air_value_share_eu_cn", "air's share of EU→China cargo value"}};
  return titles;
}

// One chart: years on x, the key's values on y; the model as a line with a point per year, published
// figures as points, each point with a title for people and data- attributes for tests.
std::string chart_svg(const HistorySummary& h, const std::string& key) {
  const double width = 520, height = 240, left = 70, right = 16, top = 14, bottom = 34;
  double high = 0;
  for (const YearResult& y : h.years) {
    high = std::max(high, y.model.at(key));
    if (const auto p = y.published.find(key); p != y.published.end()) high = std::max(high, p->second);
  }
  if (high <= 0) high = 1;
  high *= 1.08;
  const int first = h.years.front().year, last = h.years.back().year;
  const auto x = [&](int year) {
    return left + (last == first ? 0.5 : static_cast<double>(year - first) / (last - first)) * (width - left - right);
  };
  const auto y = [&](double value) { return top + (1 - value / high) * (height - top - bottom); };
  std::string svg = fmt::format("<svg viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\">", width, height, width, height);
  for (int k = 0; k <= 4; ++k) {
    const double value = high * k / 4;
    svg += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/>", left, width - right, y(value), y(value));
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{}</text>", left - 6, y(value) + 4,
                       escaped(shown(key, value)));
  }
  for (const YearResult& r : h.years) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{}{}</text>", x(r.year), height - 12, r.year,
                       r.calibrated ? "*" : "");
  }
  std::string line;
  for (const YearResult& r : h.years) line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x(r.year), y(r.model.at(key)));
  svg += fmt::format("<g class=\"series\" data-key=\"{}\" data-series=\"model\"><polyline points=\"{}\" class=\"model\"/>", key, line);
  for (const YearResult& r : h.years) {
    svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" class=\"model\" data-year=\"{}\"><title>{} model: {}</title></circle>",
                       x(r.year), y(r.model.at(key)), r.year, r.year, escaped(shown(key, r.model.at(key))));
  }
  svg += fmt::format("</g><g class=\"series\" data-key=\"{}\" data-series=\"published\">", key);
  for (const YearResult& r : h.years) {
    const auto p = r.published.find(key);
    if (p == r.published.end()) continue;
    svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" class=\"published\" data-year=\"{}\"><title>{} published: {} ({})</title></circle>",
                       x(r.year), y(p->second), r.year, r.year, escaped(shown(key, p->second)), escaped(r.sources.at(key)));
  }
  return svg + "</g></svg>";
}

}  // namespace

std::string history_html(const HistorySummary& h) {
  std::string page =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>landbridge history: modelled against published</title>"
      "<style>body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:15px;margin:18px 0 4px}"
      ".charts{display:flex;flex-wrap:wrap;gap:18px}.chart{border:1px solid #ddd;padding:8px}"
      "line.grid{stroke:#eee}text.axis{font-size:11px;fill:#666}polyline.model{fill:none;stroke:#1f77b4;stroke-width:2}"
      "circle.model{fill:#1f77b4}circle.published{fill:#fff;stroke:#d62728;stroke-width:2}"
      "table{border-collapse:collapse;margin-top:12px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}"
      "th:first-child,td:first-child{text-align:left}.legend span{margin-right:16px}</style></head><body>"
      "<h1>The model against what happened, 2019–2025</h1>"
      "<p>One parameter set for every year; each year changes only its observable inputs (year files). "
      "* marks the years the parameters were calibrated on; the others test the model.</p>"
      "<p class=\"legend\"><span style=\"color:#1f77b4\">● model</span><span style=\"color:#d62728\">○ published</span></p>"
      "<div class=\"charts\">";
  for (const std::string& key : history_keys()) {
    page += fmt::format("<div class=\"chart\"><h2>{}</h2>{}</div>", escaped(key_titles().at(key)), chart_svg(h, key));
  }
  page += "</div><h2>Fit</h2><table><tr><th>figure</th><th>MAPE, calibration years</th><th>MAPE, other years</th>"
          "<th>year-on-year sign right</th></tr>";
  for (const std::string& key : history_keys()) {
    const auto percent = [](const std::map<std::string, double>& m, const std::string& k) {
      const auto it = m.find(k);
      return it == m.end() ? std::string("–") : fmt::format("{:.1f}%", 100 * it->second);
    };
    const auto d = h.direction_right.find(key);
    page += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", escaped(key_titles().at(key)),
                        percent(h.mape_calibrated, key), percent(h.mape_validation, key),
                        d == h.direction_right.end() ? std::string("–") : fmt::format("{} of {}", d->second.first, d->second.second));
  }
  return page + "</table></body></html>\n";
}

}  // namespace landbridge::scenario
