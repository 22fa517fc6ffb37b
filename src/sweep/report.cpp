#include "sweep/report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/atomic_file.hpp"
#include "report/format.hpp"

namespace landbridge::sweep {
namespace {

using report::rounded;
using report::with_thousands;

MetricSummary summarize_metric(std::string metric, std::string label, std::string unit, double baseline, std::vector<double> values) {
  MetricSummary m;
  m.metric = std::move(metric), m.label = std::move(label), m.unit = std::move(unit), m.baseline = baseline;
  m.values = std::move(values);
  if (m.values.empty()) return m;
  std::vector<double> sorted = m.values;
  std::sort(sorted.begin(), sorted.end());
  m.p50 = percentile(sorted, 0.50), m.p90 = percentile(sorted, 0.90), m.p95 = percentile(sorted, 0.95), m.p99 = percentile(sorted, 0.99);
  double sum = 0;
  for (double v : m.values) sum += v;  // sample order: the same sum for any thread or rank count
  m.mean = sum / static_cast<double>(m.values.size());
  m.min = sorted.front(), m.max = sorted.back();
  return m;
}

std::string escape_html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// `text` cut or padded to `width` characters (UTF-8 code points, not bytes), for aligned tables.
std::string fit(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t count = 0, i = 0;
  while (i < text.size() && count < width) {
    std::size_t length = 1;
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xf0) length = 4;
    else if (lead >= 0xe0) length = 3;
    else if (lead >= 0xc0) length = 2;
    out.append(text, i, length);
    i += length, ++count;
  }
  return out + std::string(width - count, ' ');
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// How a metric's numbers are shown: scale and decimals.
struct Display {
  double scale;
  int decimals;
};
Display display_of(const std::string& unit) {
  if (unit == "bn USD") return {1e-9, 2};
  if (unit == "Mt") return {1e-6, 3};
  if (unit == "%") return {100, 2};
  if (unit == "days") return {1, 2};
  return {1, 0};
}

// A histogram of one metric as inline SVG, with the baseline and P95 marked.
std::string histogram_svg(const MetricSummary& m) {
  const Display d = display_of(m.unit);
  const int width = 420, height = 170, left = 40, bottom = 30, bins = 30;
  double lo = std::min(m.min, m.baseline) * d.scale, hi = std::max(m.max, m.baseline) * d.scale;
  if (!(hi > lo)) hi = lo + 1;
  std::vector<int> counts(bins, 0);
  for (double v : m.values) {
    const int b = std::clamp(static_cast<int>((v * d.scale - lo) / (hi - lo) * bins), 0, bins - 1);
    ++counts[static_cast<std::size_t>(b)];
  }
  const int top = std::max(1, *std::max_element(counts.begin(), counts.end()));
  const double plot_w = width - left - 10, plot_h = height - bottom - 10;
  auto x_of = [&](double v) { return left + (v - lo) / (hi - lo) * plot_w; };
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">)", width, height, width, height,
                                escape_html(m.label));
  for (int b = 0; b < bins; ++b) {
    // Log scale: most periods sit at the baseline, and the tail is what the chart is for.
    const double h = std::log1p(counts[static_cast<std::size_t>(b)]) / std::log1p(top) * plot_h;
    svg += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#4682b4"/>)", left + b * plot_w / bins,
                       10 + plot_h - h, std::max(0.5, plot_w / bins - 1), h);
  }
  svg += fmt::format(R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="10" y2="{1:.1f}" stroke="#2a2" stroke-width="2"><title>baseline</title></line>)",
                     x_of(m.baseline * d.scale), 10 + plot_h);
  svg += fmt::format(R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="10" y2="{1:.1f}" stroke="#c22" stroke-width="2" stroke-dasharray="4 3"><title>P95</title></line>)",
                     x_of(m.p95 * d.scale), 10 + plot_h);
  svg += fmt::format(R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="#333"/>)", left, width - 10, 10 + plot_h);
  for (int t = 0; t <= 4; ++t) {
    const double v = lo + (hi - lo) * t / 4;
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="10" text-anchor="{}">{}</text>)", x_of(v), height - 12,
                       t == 4 ? "end" : "middle", with_thousands(v, d.decimals));
  }
  svg += fmt::format(R"(<text x="{}" y="{}" font-size="10">samples per bin, log scale (max {})</text>)", left, 8, top);
  return svg + "</svg>";
}

// Tornado: one bar per element, the cost of closing it for the whole period.
std::string tornado_svg(const std::vector<CriticalityRow>& rows) {
  const int width = 900, row_h = 20, left = 360, right = 90;
  const int height = static_cast<int>(rows.size()) * row_h + 30;
  double extent = 1;
  for (const auto& r : rows) extent = std::max({extent, std::fabs(r.closed_cost_delta_usd), std::fabs(r.typical_cost_delta_usd)});
  const double plot_w = width - left - right;
  const double zero = left + plot_w * 0.15;  // room for small negative effects (a closure that helps)
  const double scale = (plot_w * 0.85) / extent;
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="criticality tornado">)", width,
                                height, width, height);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = 10 + static_cast<double>(i) * row_h;
    auto bar = [&](double value, const char* colour, double inset) {
      const double x0 = std::min(zero, zero + value * scale), w = std::fabs(value * scale);
      return fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)", x0, y + inset, std::max(w, 0.5),
                         row_h - 4 - 2 * inset, colour);
    };
    svg += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="11" text-anchor="end">{}</text>)", left - 6, y + 13, escape_html(r.title));
    svg += bar(r.closed_cost_delta_usd, "#c0504d", 0);
    if (r.effect != "close") svg += bar(r.typical_cost_delta_usd, "#f2b8a0", 4);
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="10">{} bn</text>)", static_cast<double>(width - right + 6), y + 13,
                       with_thousands(r.closed_cost_delta_usd / 1e9, 2));
  }
  svg += fmt::format(R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="5" y2="{1}" stroke="#333"/>)", zero, height - 15);
  return svg + "</svg>";
}

}  // namespace

SweepSummary summarize_sweep(const Evaluator& evaluator, const SweepRun& run, std::uint64_t seed) {
  const RiskModel& model = evaluator.model();
  const Outcome& base = evaluator.baseline();
  SweepSummary s;
  s.risk_model = model.name;
  s.risk_title = model.title;
  s.seed = seed;
  s.samples = run.samples.size();
  s.period_days = model.period_days;
  auto collect = [&](auto&& get) {
    std::vector<double> values;
    values.reserve(run.samples.size());
    for (const SampleRecord& r : run.samples) values.push_back(get(r.outcome));
    return values;
  };
  s.metrics.push_back(summarize_metric("perceived_cost_usd", "Shippers' expected cost (logsum)", "bn USD", base.perceived_cost_usd,
                                       collect([](const Outcome& o) { return o.perceived_cost_usd; })));
  s.metrics.push_back(summarize_metric("logistics_cost_usd", "Logistics cost (rates, time, reliability)", "bn USD", base.logistics_cost_usd,
                                       collect([](const Outcome& o) { return o.logistics_cost_usd; })));
  s.metrics.push_back(summarize_metric("freight_charges_usd", "Freight charges", "bn USD", base.freight_charges_usd,
                                       collect([](const Outcome& o) { return o.freight_charges_usd; })));
  s.metrics.push_back(summarize_metric("avg_days", "Average transit (TEU-weighted)", "days", base.avg_days(),
                                       collect([](const Outcome& o) { return o.avg_days(); })));
  s.metrics.push_back(summarize_metric("rail_share", "Rail share of TEU", "%", base.rail_share(),
                                       collect([](const Outcome& o) { return o.rail_share(); })));
  s.metrics.push_back(summarize_metric("rail_teu", "Rail TEU", "TEU", base.rail_teu, collect([](const Outcome& o) { return o.rail_teu; })));
  s.metrics.push_back(summarize_metric("co2_tonnes", "CO2", "Mt", base.co2_tonnes, collect([](const Outcome& o) { return o.co2_tonnes; })));
  s.metrics.push_back(summarize_metric("unserved_teu", "TEU no corridor could carry", "TEU", base.unserved_teu,
                                       collect([](const Outcome& o) { return o.unserved_teu; })));
  const auto& countries = evaluator.countries();
  for (std::size_t c = 0; c < countries.size(); ++c) {
    auto values = collect([c](const Outcome& o) { return c < o.transit_teu_by_country.size() ? o.transit_teu_by_country[c] : 0.0; });
    const double b = c < base.transit_teu_by_country.size() ? base.transit_teu_by_country[c] : 0.0;
    if (b == 0 && std::all_of(values.begin(), values.end(), [](double v) { return v == 0; })) continue;
    s.countries.push_back(summarize_metric("transit_teu:" + countries[c], countries[c], "TEU", b, std::move(values)));
  }
  std::uint64_t disrupted = 0;
  std::vector<std::uint64_t> element_hits(model.elements.size(), 0);
  for (const SampleRecord& r : run.samples) {
    disrupted += r.disruptions.empty() ? 0 : 1;
    s.not_converged += r.outcome.converged ? 0 : 1;
    s.worst_gap = std::max(s.worst_gap, r.outcome.worst_gap);
    for (const Disruption& d : r.disruptions)
      if (d.element < element_hits.size()) ++element_hits[d.element];
  }
  s.share_disrupted = run.samples.empty() ? 0 : static_cast<double>(disrupted) / static_cast<double>(run.samples.size());
  for (std::size_t e = 0; e < model.elements.size(); ++e)
    s.element_frequency[model.elements[e].name] =
        run.samples.empty() ? 0 : static_cast<double>(element_hits[e]) / static_cast<double>(run.samples.size());

  for (std::size_t position : criticality_order(run.criticality)) {
    const CriticalityRecord& r = run.criticality[position];
    const RiskElement& e = model.elements[r.element];
    CriticalityRow row;
    row.name = e.name, row.title = e.title, row.effect = std::string(to_string(e.effect));
    row.probability = e.probability, row.expected_days = r.expected_days;
    row.closed_cost_delta_usd = r.closed.perceived_cost_usd - base.perceived_cost_usd;
    row.closed_logistics_delta_usd = r.closed.logistics_cost_usd - base.logistics_cost_usd;
    row.closed_days_delta = r.closed.avg_days() - base.avg_days();
    row.closed_rail_share_delta = r.closed.rail_share() - base.rail_share();
    row.closed_unserved_teu = r.closed.unserved_teu;
    row.typical_cost_delta_usd = r.typical.perceived_cost_usd - base.perceived_cost_usd;
    row.expected_annual_cost_usd = expected_period_cost_usd(e, r, base, model.period_days);
    row.rank = static_cast<int>(s.criticality.size()) + 1;
    s.criticality.push_back(std::move(row));
  }
  return s;
}

std::map<std::string, std::vector<double>> percentile_rows(const SweepSummary& summary) {
  std::map<std::string, std::vector<double>> rows;
  for (const auto* list : {&summary.metrics, &summary.countries})
    for (const MetricSummary& m : *list) rows[m.metric] = {m.p50, m.p90, m.p95, m.p99, m.mean, m.min, m.max};
  return rows;
}

std::string summary_table(const SweepSummary& s) {
  std::string out = fmt::format("Risk sweep \"{}\": {} samples of {:g} days, seed {}; {:.1f} % of samples with a disruption{}\n\n",
                                s.risk_model, s.samples, s.period_days, s.seed, 100 * s.share_disrupted,
                                s.not_converged > 0 ? fmt::format(", {} not converged (worst relative gap {:.1e})", s.not_converged, s.worst_gap) : "");
  auto table = [&](const std::vector<MetricSummary>& metrics, const std::string& heading) {
    out += fmt::format("{:<44} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}\n", heading, "baseline", "P50", "P90", "P95", "P99", "mean");
    for (const MetricSummary& m : metrics) {
      const Display d = display_of(m.unit);
      auto f = [&](double v) { return with_thousands(v * d.scale, d.decimals); };
      out += fmt::format("{} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}\n", fit(fmt::format("{} ({})", m.label, m.unit), 44), f(m.baseline),
                         f(m.p50), f(m.p90), f(m.p95), f(m.p99), f(m.mean));
    }
    out += "\n";
  };
  table(s.metrics, "per period");
  if (!s.countries.empty()) table(s.countries, "transit TEU through each country");
  if (!s.criticality.empty()) {
    out += "Criticality: each element closed for the whole period (change of the shippers' expected cost against the baseline)\n";
    out += fmt::format("{:>4}  {:<40} {:>12} {:>10} {:>11} {:>12} {:>14}\n", "rank", "element", "cost bn USD", "days", "rail share",
                       "unserved TEU", "expected bn/yr");
    for (const CriticalityRow& r : s.criticality) {
      out += fmt::format("{:>4}  {} {:>12} {:>10} {:>11} {:>12} {:>14}\n", r.rank, fit(r.title, 40),
                         with_thousands(r.closed_cost_delta_usd / 1e9, 2), with_thousands(r.closed_days_delta, 2),
                         fmt::format("{:+.2f} pp", 100 * r.closed_rail_share_delta), with_thousands(r.closed_unserved_teu, 0),
                         with_thousands(r.expected_annual_cost_usd / 1e9, 3));
    }
    out += "(expected bn/yr = probability x expected disrupted share of the period x cost of the typical disruption)\n";
  }
  return out;
}

nlohmann::ordered_json summary_json(const SweepSummary& s) {
  using json = nlohmann::ordered_json;
  auto metric_json = [](const MetricSummary& m) {
    return json{{"metric", m.metric}, {"label", m.label}, {"unit_raw", m.unit == "bn USD" ? "USD" : m.unit == "Mt" ? "t" : m.unit == "%" ? "share" : m.unit},
                {"baseline", m.baseline}, {"p50", m.p50}, {"p90", m.p90}, {"p95", m.p95}, {"p99", m.p99}, {"mean", m.mean},
                {"min", m.min}, {"max", m.max}};
  };
  json metrics = json::array(), countries = json::array(), criticality = json::array();
  for (const auto& m : s.metrics) metrics.push_back(metric_json(m));
  for (const auto& m : s.countries) countries.push_back(metric_json(m));
  for (const auto& r : s.criticality) {
    criticality.push_back({{"rank", r.rank}, {"element", r.name}, {"title", r.title}, {"effect", r.effect}, {"probability", r.probability},
                           {"expected_days", rounded(r.expected_days, 2)}, {"closed_perceived_cost_delta_usd", rounded(r.closed_cost_delta_usd, 0)},
                           {"closed_logistics_cost_delta_usd", rounded(r.closed_logistics_delta_usd, 0)},
                           {"closed_avg_days_delta", rounded(r.closed_days_delta, 4)}, {"closed_rail_share_delta", rounded(r.closed_rail_share_delta, 6)},
                           {"closed_unserved_teu", rounded(r.closed_unserved_teu, 1)},
                           {"typical_perceived_cost_delta_usd", rounded(r.typical_cost_delta_usd, 0)},
                           {"expected_annual_cost_usd", rounded(r.expected_annual_cost_usd, 0)}});
  }
  json frequency = json::object();
  for (const auto& [name, f] : s.element_frequency) frequency[name] = f;
  return {{"risk_model", s.risk_model}, {"seed", s.seed}, {"samples", s.samples}, {"period_days", s.period_days},
          {"share_disrupted", s.share_disrupted}, {"not_converged", s.not_converged}, {"worst_relative_gap", s.worst_gap}, {"metrics", metrics},
          {"transit_teu_by_country", countries}, {"criticality", criticality}, {"sampled_element_frequency", frequency}};
}

std::string report_html(const SweepSummary& s) {
  std::string html = R"(<!doctype html><html lang="en"><head><meta charset="utf-8"><title>landbridge risk sweep</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}table{border-collapse:collapse;margin:8px 0 20px}
td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{border:1px solid #eee;padding:8px}#criticality td:nth-child(2),#criticality th:nth-child(2){text-align:left}td{white-space:nowrap}.note{color:#555;font-size:12px}</style></head><body>
)";
  html += fmt::format("<h1>Risk sweep: {}</h1><p>{}</p><p>{} samples of {:g} days (seed {}); {:.1f} % of samples had at least one disruption{}.</p>\n",
                      escape_html(s.risk_model), escape_html(s.risk_title), s.samples, s.period_days, s.seed, 100 * s.share_disrupted,
                      s.not_converged > 0 ? fmt::format("; {} samples had a state whose equilibrium did not reach its gap within the iteration limit (worst relative gap {:.1e})", s.not_converged, s.worst_gap) : "");
  auto table = [&](const std::vector<MetricSummary>& metrics, const char* id) {
    html += fmt::format("<table id=\"{}\"><tr><th>figure</th><th>baseline</th><th>P50</th><th>P90</th><th>P95</th><th>P99</th><th>mean</th></tr>\n", id);
    for (const MetricSummary& m : metrics) {
      const Display d = display_of(m.unit);
      auto f = [&](double v) { return with_thousands(v * d.scale, d.decimals); };
      html += fmt::format("<tr><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", escape_html(m.label),
                          escape_html(m.unit), f(m.baseline), f(m.p50), f(m.p90), f(m.p95), f(m.p99), f(m.mean));
    }
    html += "</table>\n";
  };
  html += "<h2>Percentiles per period</h2>\n";
  table(s.metrics, "percentiles");
  html += "<h2>Distributions</h2><p class=\"note\">Green: baseline (no disruption). Red dashed: P95.</p><div class=\"charts\">\n";
  for (const MetricSummary& m : s.metrics) {
    if (m.metric == "freight_charges_usd" || m.metric == "unserved_teu" || m.metric == "logistics_cost_usd") continue;
    html += fmt::format("<div class=\"chart\"><div>{} ({})</div>{}</div>\n", escape_html(m.label), escape_html(m.unit), histogram_svg(m));
  }
  html += "</div>\n";
  if (!s.criticality.empty()) {
    html += "<h2>Criticality</h2><p class=\"note\">Change in the shippers' expected cost (logsum) when each element is closed for the "
            "whole period (dark), and at its typical disruption (light; capacity and delay elements).</p>\n";
    html += tornado_svg(s.criticality);
    html += "<table id=\"criticality\"><tr><th>rank</th><th>element</th><th>effect</th><th>probability</th><th>shippers' cost if closed, bn USD</th>"
            "<th>days</th><th>rail share</th><th>unserved TEU</th><th>expected cost, bn USD/period</th></tr>\n";
    for (const CriticalityRow& r : s.criticality) {
      html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.3g}</td><td>{}</td><td>{}</td><td>{:+.2f} pp</td><td>{}</td><td>{}</td></tr>\n",
                          r.rank, escape_html(r.title), r.effect, r.probability, with_thousands(r.closed_cost_delta_usd / 1e9, 2),
                          with_thousands(r.closed_days_delta, 2), 100 * r.closed_rail_share_delta, with_thousands(r.closed_unserved_teu, 0),
                          with_thousands(r.expected_annual_cost_usd / 1e9, 3));
    }
    html += "</table>\n";
  }
  if (!s.countries.empty()) {
    html += "<h2>Transit TEU through each country</h2>\n";
    table(s.countries, "countries");
  }
  html += "<p class=\"note\">Made by landbridge sweep (docs/sweeps.md). Percentiles interpolate between order statistics (type 7).</p></body></html>\n";
  return html;
}

void write_sweep_report(const std::filesystem::path& folder, const SweepSummary& s) {
  write_file_atomically(folder / "summary.json", summary_json(s).dump(2) + "\n");
  std::string csv = "metric,label,baseline,p50,p90,p95,p99,mean,min,max\n";
  for (const auto* list : {&s.metrics, &s.countries}) {
    for (const MetricSummary& m : *list) {
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", m.metric, csv_field(m.label), m.baseline, m.p50, m.p90, m.p95, m.p99, m.mean, m.min, m.max);
    }
  }
  write_file_atomically(folder / "percentiles.csv", csv);
  std::string critical = "rank,element,effect,probability,expected_days,closed_perceived_cost_delta_usd,closed_logistics_cost_delta_usd,"
                         "closed_avg_days_delta,closed_rail_share_delta,closed_unserved_teu,typical_perceived_cost_delta_usd,expected_annual_cost_usd\n";
  for (const CriticalityRow& r : s.criticality) {
    critical += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", r.rank, csv_field(r.name), r.effect, r.probability, r.expected_days,
                            r.closed_cost_delta_usd, r.closed_logistics_delta_usd, r.closed_days_delta, r.closed_rail_share_delta, r.closed_unserved_teu,
                            r.typical_cost_delta_usd, r.expected_annual_cost_usd);
  }
  write_file_atomically(folder / "criticality.csv", critical);
  write_file_atomically(folder / "report.html", report_html(s));
}

}  // namespace landbridge::sweep
