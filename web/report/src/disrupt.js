// The report page of `landbridge disrupt --out DIR`: reads the run inlined by the C++ (JSON in
// #data) and draws time series (queues, stranded trains, rerouted TEU, cost) and a map of the peak
// queues with d3; tables and the country background come from common.js.
import { select } from "d3-selection";
import { geoNaturalEarth1, geoPath } from "d3-geo";
import { scaleLinear, scaleSqrt } from "d3-scale";
import { max } from "d3-array";
import { format } from "d3-format";
import { int, dec1, table, drawCountries } from "./common.js";

const data = JSON.parse(document.getElementById("data").textContent);
const { run, countries } = data;
const s = run.settings;
const perTrain = s.teu_per_train;

document.getElementById("title").textContent =
  `Disruption: ${run.scenarios.map((x) => x.name).join(" + ")}, day ${s.start_day} for ${s.days} days`;
document.getElementById("subtitle").textContent = run.scenarios.map((x) => x.title).join(" · ");

// ---- totals
table("#table-totals", ["", "value"], [
  ["longest queue", run.peak_queue_name === null ? "none" :
    `${dec1(run.peak_queue_trains)} trains (${int(run.peak_queue_teu)} TEU) at ${run.peak_queue_name}, day ${run.peak_queue_day}`],
  ["most stranded (queued, or on the way to a closed link)", `${dec1(run.peak_stranded_trains)} trains (${int(run.peak_stranded_teu)} TEU), day ${run.peak_stranded_day}`],
  ["backlog cleared", run.clear_day === null ? `not within ${s.horizon_days} days` : `day ${run.clear_day} (${run.clear_day - s.start_day - s.days} days after the reopening)`],
  ["delay", `${int(run.delay_teu_days)} TEU-days`],
  ["extra cost", `${dec1(run.extra_cost_usd / 1e6)} million USD (queues ${dec1(run.queue_cost_usd / 1e6)}, held ${dec1(run.held_cost_usd / 1e6)}, rerouted ${dec1(run.reroute_cost_usd / 1e6)})`],
  ["decision lag", `${s.decision_lag_days} days`],
  ["TEU per train", int(perTrain)],
]);

// ---- time series: one chart per quantity, several lines each, the closure shaded
const colours = ["#1d3557", "#b3261e", "#2a9d8f", "#e9c46a", "#8d5fd3", "#f4a261"];
function lineChart(id, title, unit, series) {
  const w = 600, h = 240, left = 56, right = 12, top = 24, bottom = 26;
  const svg = select(id).append("svg").attr("viewBox", `0 0 ${w} ${h}`).attr("width", "100%").attr("class", "chart");
  svg.append("text").attr("x", 0).attr("y", 14).attr("font-weight", 600).text(`${title} (${unit})`);
  const days = run.days.map((d) => d.day);
  const x = scaleLinear().domain([days[0], days[days.length - 1]]).range([left, w - right]);
  const y = scaleLinear().domain([0, max(series, (se) => max(se.values)) || 1]).nice().range([h - bottom, top]);
  svg.append("rect").attr("class", "closure").attr("x", x(s.start_day)).attr("y", top)
    .attr("width", Math.max(0, x(Math.min(s.start_day + s.days, days[days.length - 1])) - x(s.start_day))).attr("height", h - bottom - top);
  for (const t of y.ticks(5)) {
    svg.append("line").attr("x1", left).attr("x2", w - right).attr("y1", y(t)).attr("y2", y(t)).attr("stroke", "#eee");
    svg.append("text").attr("class", "axis-label").attr("x", left - 4).attr("y", y(t) + 4).attr("text-anchor", "end").text(format("~s")(t));
  }
  for (const t of x.ticks(8)) {
    svg.append("text").attr("class", "axis-label").attr("x", x(t)).attr("y", h - 8).attr("text-anchor", "middle").text(`day ${t}`);
  }
  series.forEach((se, i) => {
    const points = se.values.map((v, k) => `${x(days[k]).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    svg.append("polyline").attr("class", "series").attr("points", points).attr("stroke", colours[i % colours.length])
      .append("title").text(se.name);
    svg.append("text").attr("class", "axis-label").attr("x", w - right).attr("y", top + 12 * i).attr("text-anchor", "end")
      .attr("fill", colours[i % colours.length]).text(se.name);
  });
}
const shown = run.stations.slice(0, 4);
const queueOf = (link, name) => run.days.map((d) => {
  const q = d.queues.find((x) => x.link === link && x.name === name);
  return q ? q.trains : 0;
});
lineChart("#chart-queues", "Queue at the busiest links", "trains", shown.map((st) => ({ name: st.name, values: queueOf(st.link, st.name) })));
lineChart("#chart-stranded", "Stranded", "trains", [{ name: "stranded", values: run.days.map((d) => d.stranded_trains) },
  { name: "queued", values: run.days.map((d) => d.queued_teu / perTrain) }]);
const corridors = [...new Set(run.days.flatMap((d) => Object.keys(d.rerouted_teu_by_corridor)))];
lineChart("#chart-rerouted", "Rerouted departures by corridor", "TEU a day",
  [{ name: "all", values: run.days.map((d) => d.rerouted_teu) }, { name: "held", values: run.days.map((d) => d.held_teu) },
    ...corridors.map((c) => ({ name: c, values: run.days.map((d) => d.rerouted_teu_by_corridor[c] || 0) }))]);
lineChart("#chart-cost", "Extra cost", "USD a day", [{ name: "cost", values: run.days.map((d) => d.cost_usd) }]);

// ---- map of the peak queues
const width = 640, height = 420;
const points = { type: "FeatureCollection", features: run.stations.map((st) => ({ type: "Feature", properties: st,
  geometry: { type: "Point", coordinates: [st.lon, st.lat] } })) };
const frame = countries || { type: "Sphere" };
// A margin of the largest circle round the stations, so that none is cut at the edge.
const projection = geoNaturalEarth1().rotate([-55, 0]).fitExtent([[40, 40], [width - 40, height - 40]],
  run.stations.length > 1 ? points : frame);
const path = geoPath(projection);
const svg = select("#map").append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img").attr("aria-label", "peak queues");
drawCountries(svg, countries, path);
const radius = scaleSqrt().domain([0, max(run.stations, (st) => st.peak_trains) || 1]).range([0, 28]);
svg.append("g").selectAll("circle").data(run.stations).join("circle").attr("class", "queue")
  .attr("cx", (st) => projection([st.lon, st.lat])[0]).attr("cy", (st) => projection([st.lon, st.lat])[1])
  .attr("r", (st) => Math.max(2, radius(st.peak_trains)))
  .append("title").text((st) => `${st.name}: ${dec1(st.peak_trains)} trains (${int(st.peak_teu)} TEU) at the peak`);
document.getElementById("map-legend").textContent =
  `Circle area: the longest queue of each link over the ${s.horizon_days} days (largest ${dec1(run.peak_queue_trains)} trains).`;

table("#table-stations", ["link", "id", "longest queue, trains", "TEU", "capacity TEU/day"],
  run.stations.map((st) => [st.name, st.link, dec1(st.peak_trains), int(st.peak_teu), st.capacity_teu_per_day === null ? "none" : int(st.capacity_teu_per_day)]));

const sources = select("#sources");
for (const sc of run.scenarios) {
  sources.append("p").text(sc.description);
  sources.append("ul").selectAll("li").data(sc.sources).join("li").text((d) => d);
}
document.body.dataset.rendered = "true";
