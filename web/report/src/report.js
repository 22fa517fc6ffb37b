// The report page of `landbridge compare --out DIR`: reads the data inlined by the C++ (JSON in
// #data) and draws two maps (baseline, scenario), share charts and tables with d3.
import { select } from "d3-selection";
import { geoNaturalEarth1, geoPath } from "d3-geo";
import { scaleLinear, scaleBand, scaleSqrt, scaleSequential } from "d3-scale";
import { max } from "d3-array";
import { format } from "d3-format";
import { int, dec1, pct, usd, signed, table, drawCountries } from "./common.js";

const data = JSON.parse(document.getElementById("data").textContent);
const { summary, flows, countries } = data;
const base = summary.baseline, scen = summary.scenario, delta = summary.delta;

const pp = (v) => signed(format(".2f"))(100 * v) + " pp";
const change = (b, s) => (b > 0 ? signed(format(".1%"))((s - b) / b) : s > 0 ? "new" : "–");
const cls = (b, s) => (s > b ? "up" : s < b ? "down" : "");

document.getElementById("title").textContent =
  "Scenario comparison: " + summary.scenarios.map((s) => s.name).join(" + ");
document.getElementById("subtitle").textContent = summary.scenarios.map((s) => s.title).join(" · ");

// ---- maps
const width = 640, height = 420;
// Fitted to the links drawn (Atlantic to the Pacific, Cape of Good Hope to the Baltic).
const projection = geoNaturalEarth1().rotate([-55, 0]).fitExtent([[4, 4], [width - 4, height - 4]], flows);
const path = geoPath(projection);
const maxFlow = max(flows.features, (f) => Math.max(f.properties.baseline_teu_per_day, f.properties.scenario_teu_per_day)) || 1;
const strokeWidth = scaleSqrt().domain([0, maxFlow]).range([0, 14]);
const colour = scaleSequential((t) => `hsl(${120 - 120 * t}, 75%, 42%)`).domain([0, 1]).clamp(true);
const colourNoCapacity = "#3f6fb5";

function drawMap(id, which) {
  const svg = select(id).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img")
    .attr("aria-label", `${which} flows`);
  drawCountries(svg, countries, path);
  const key = which + "_teu_per_day", ukey = which + "_utilization";
  const features = flows.features.filter((f) => f.properties[key] > 0.05).sort((a, b) => b.properties[key] - a.properties[key]);
  svg.append("g").selectAll("path").data(features).join("path").attr("class", "link").attr("d", path)
    .attr("stroke-width", (f) => Math.max(0.6, strokeWidth(f.properties[key])))
    .attr("stroke", (f) => (f.properties[ukey] === undefined ? colourNoCapacity : colour(f.properties[ukey])))
    .attr("stroke-opacity", 0.85)
    .append("title").text((f) => `${f.properties.name} (${f.properties.mode}): ${dec1(f.properties[key])} TEU/day` +
      (f.properties[ukey] === undefined ? "" : `, ${format(".0%")(f.properties[ukey])} of capacity`));
  if (which === "scenario") {
    svg.append("g").selectAll("path").data(flows.features.filter((f) => f.properties.closed)).join("path")
      .attr("class", "closed").attr("d", path).append("title").text((f) => `closed: ${f.properties.name}`);
  }
}
drawMap("#map-baseline", "baseline");
drawMap("#map-scenario", "scenario");
document.getElementById("map-legend").innerHTML =
  `Width: TEU per day (widest ${int(maxFlow)} TEU/day). Colour: share of capacity used at border crossings and ports ` +
  `(<span style="color:hsl(120,75%,42%)">■</span> 0 % … <span style="color:hsl(60,75%,42%)">■</span> 50 % … ` +
  `<span style="color:hsl(0,75%,42%)">■</span> ≥ 100 %); <span style="color:${colourNoCapacity}">■</span> links without a capacity; ` +
  `dashed black: closed by the scenario.`;

// ---- bar charts: baseline vs scenario share, grouped
function barChart(id, title, keys, baseShares, scenShares) {
  const w = 600, h = 40 + keys.length * 34, left = 120, right = 70;
  const svg = select(id).append("svg").attr("viewBox", `0 0 ${w} ${h}`).attr("width", "100%");
  svg.append("text").attr("x", 0).attr("y", 14).attr("font-weight", 600).text(title);
  const x = scaleLinear().domain([0, max(keys, (k) => Math.max(baseShares[k] || 0, scenShares[k] || 0)) || 1]).range([0, w - left - right]);
  const y = scaleBand().domain(keys).range([28, h - 8]).padding(0.2);
  const g = svg.append("g").attr("transform", `translate(${left},0)`);
  for (const [which, shares, fill, offset] of [["baseline", baseShares, "#9aa9bd", 0], ["scenario", scenShares, "#1d3557", 1]]) {
    g.selectAll(`rect.${which}`).data(keys).join("rect").attr("class", which)
      .attr("x", 0).attr("y", (k) => y(k) + (offset * y.bandwidth()) / 2).attr("height", y.bandwidth() / 2 - 1)
      .attr("width", (k) => Math.max(0.5, x(shares[k] || 0))).attr("fill", fill)
      .append("title").text((k) => `${k}, ${which}: ${pct(shares[k] || 0)}`);
    g.selectAll(`text.${which}`).data(keys).join("text").attr("class", "bar-label")
      .attr("x", (k) => x(shares[k] || 0) + 4).attr("y", (k) => y(k) + (offset * y.bandwidth()) / 2 + y.bandwidth() / 4 + 4)
      .text((k) => pct(shares[k] || 0));
  }
  svg.append("g").selectAll("text").data(keys).join("text").attr("class", "axis-label").attr("x", left - 6)
    .attr("y", (k) => y(k) + y.bandwidth() / 2 + 4).attr("text-anchor", "end").text((k) => k);
  svg.append("text").attr("class", "axis-label").attr("x", w - 4).attr("y", 14).attr("text-anchor", "end")
    .text("■ baseline  ■ scenario").attr("fill", "#1d3557");
}
barChart("#chart-modes", "Mode share of TEU", Object.keys(scen.share_by_mode), base.share_by_mode, scen.share_by_mode);
barChart("#chart-corridors", "Corridor share of TEU", Object.keys(scen.share_by_corridor), base.share_by_corridor, scen.share_by_corridor);

// ---- tables
table("#table-modes", ["mode", "baseline TEU", "scenario TEU", "change", "share", "Δ share", "days", "scenario days", "USD/TEU", "scenario USD/TEU"],
  Object.keys(scen.teu_by_mode).map((m) => [m, int(base.teu_by_mode[m]), int(scen.teu_by_mode[m]),
    { text: change(base.teu_by_mode[m], scen.teu_by_mode[m]), cls: cls(base.teu_by_mode[m], scen.teu_by_mode[m]) },
    pct(scen.share_by_mode[m]), pp(scen.share_by_mode[m] - base.share_by_mode[m]),
    dec1(base.avg_days_by_mode[m]), dec1(scen.avg_days_by_mode[m]), usd(base.avg_usd_per_teu_by_mode[m]), usd(scen.avg_usd_per_teu_by_mode[m])]));
table("#table-corridors", ["corridor", "baseline TEU", "scenario TEU", "change", "scenario share"],
  Object.keys(scen.teu_by_corridor).map((c) => [c, int(base.teu_by_corridor[c] || 0), int(scen.teu_by_corridor[c]),
    { text: change(base.teu_by_corridor[c] || 0, scen.teu_by_corridor[c]), cls: cls(base.teu_by_corridor[c] || 0, scen.teu_by_corridor[c]) },
    pct(scen.share_by_corridor[c])]));
// Market pairs: each market's TEU by mode, baseline and scenario.
const markets = [...new Set([...Object.keys(base.by_market || {}), ...Object.keys(scen.by_market || {})])]
  .sort((a, b) => ((scen.by_market[b] || {}).teu || 0) - ((scen.by_market[a] || {}).teu || 0));
const marketModes = Object.keys(scen.teu_by_mode);
table("#table-markets", ["market", "baseline TEU", "scenario TEU", "change", ...marketModes.map((m) => m + " (scenario)"), ...marketModes.map((m) => "Δ " + m)],
  markets.map((k) => {
    const b = base.by_market[k] || { teu: 0, teu_by_mode: {} }, s = scen.by_market[k] || { teu: 0, teu_by_mode: {} };
    return [k, int(b.teu), int(s.teu), { text: change(b.teu, s.teu), cls: cls(b.teu, s.teu) },
      ...marketModes.map((m) => int(s.teu_by_mode[m] || 0)),
      ...marketModes.map((m) => { const x = b.teu_by_mode[m] || 0, y = s.teu_by_mode[m] || 0; return { text: change(x, y), cls: cls(x, y) }; })];
  }));
const countryKeys = [...new Set([...Object.keys(base.transit_teu_by_country), ...Object.keys(scen.transit_teu_by_country)])]
  .filter((c) => (base.transit_teu_by_country[c] || 0) >= 1 || (scen.transit_teu_by_country[c] || 0) >= 1)
  .sort((a, b) => (scen.transit_teu_by_country[b] || 0) - (scen.transit_teu_by_country[a] || 0));
table("#table-countries", ["country", "baseline TEU", "scenario TEU", "change"],
  countryKeys.map((c) => { const b = base.transit_teu_by_country[c] || 0, s = scen.transit_teu_by_country[c] || 0;
    return [c, int(b), int(s), { text: signed(int)(s - b), cls: cls(b, s) }]; }));
table("#table-crossings", ["link", "baseline TEU/day", "scenario TEU/day", "other traffic", "capacity", "use", "delay h"],
  delta.crossings.slice(0, 16).map((x) => [x.name, int(x.baseline_teu_per_day), int(x.scenario_teu_per_day),
    int(x.scenario_background_teu_per_day || 0), int(x.scenario_capacity_teu_per_day), { text: format(".0%")(x.scenario_utilization) + (x.scenario_utilization >= 0.9 ? " saturated" : ""),
      cls: x.scenario_utilization >= 0.9 ? "down" : "" }, dec1(x.scenario_delay_hours)]));
const conv = (c) => `${c.converged ? "converged" : "not converged"} after ${int(c.iterations)} iterations, relative gap ${c.relative_gap.toExponential(2)}`;
table("#table-totals", ["", "baseline", "scenario", "change"], [
  ["demand (TEU/year)", int(base.total_teu), int(scen.total_teu), change(base.total_teu, scen.total_teu)],
  ["logistics cost (million USD/year)", int(base.logistics_cost_usd / 1e6), int(scen.logistics_cost_usd / 1e6), change(base.logistics_cost_usd, scen.logistics_cost_usd)],
  ["freight charges (million USD/year)", int(base.freight_charges_usd / 1e6), int(scen.freight_charges_usd / 1e6), change(base.freight_charges_usd, scen.freight_charges_usd)],
  ["CO2 (tonnes/year)", int(base.co2_tonnes), int(scen.co2_tonnes), change(base.co2_tonnes, scen.co2_tonnes)],
  ["equilibrium", conv(base.convergence), conv(scen.convergence), ""]]);

// ---- rules
const rules = select("#rules").selectAll("li").data(summary.rules).join("li");
rules.append("div").html((r) => `<b>${r.scenario}</b> <code>${r.file.split("/").pop()}:${r.line}</code> [${r.key}] `);
rules.select("div").append("span").text((r) => r.description);
rules.append("div").attr("class", "touched").text((r) => `touched (${r.touched.length}): ${r.touched.join(", ")}`);
rules.append("div").attr("class", "touched").text((r) => r.note);
const sources = select("#sources");
for (const s of summary.scenarios) {
  sources.append("p").text(s.description);
  sources.append("ul").selectAll("li").data(s.sources).join("li").text((d) => d);
}
document.body.dataset.rendered = "true";
