// The landbridge web page: pick two places, choose a criterion and avoid-rules, see the route on a
// map of Eurasia with its legs and totals; pick a built-in scenario and see how it shifts mode
// shares, corridors and border crossings against the baseline; pick a production site and see its
// markets coloured by delivered cost (GET /v1/access). Talks only to the API of
// docs/api.md on the same origin.
import { geoConicEquidistant, geoPath, geoCentroid } from "d3-geo";

const $ = (id) => document.getElementById(id);
const svgNS = "http://www.w3.org/2000/svg";
const width = 960, height = 520;
const projection = geoConicEquidistant().rotate([-70, 0]).parallels([25, 60]);
const path = geoPath(projection);
const layers = {};
const nodesById = new Map();
let worldFeatures = [];
const fmt = (v, digits = 0) => Number(v).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function el(tag, attrs = {}, text) {
  const node = tag === "svg" || ["g", "path", "circle", "text", "title"].includes(tag) ? document.createElementNS(svgNS, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// The answer's JSON; an error answer throws an Error with the API's code and message.
async function getJson(url, options) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => ({ error: { message: `HTTP ${response.status}` } }));
  if (!response.ok) {
    const e = body.error || {};
    let message = e.message || `HTTP ${response.status}`;
    if (e.parameter) message = `${e.parameter}: ${message}`;
    const error = new Error(message);
    error.code = e.code;
    error.retryAfter = Number(response.headers.get("Retry-After")) || 0;
    throw error;
  }
  return body;
}

function setStatus(text, error = false) {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

// ---- map ------------------------------------------------------------------------------------
async function drawBase() {
  const svg = $("map");
  for (const name of ["countries", "places", "crossings", "alternatives", "route", "ends"]) svg.appendChild((layers[name] = el("g", { class: name })));
  // Eurasia from the Atlantic to the Pacific, North Africa to the Arctic coast.
  const frame = { type: "MultiPoint", coordinates: [[-12, 30], [20, 70], [140, 65], [125, 5], [40, 5], [-10, 45]] };
  projection.fitExtent([[8, 8], [width - 8, height - 8]], frame);
  const world = await getJson("countries.geojson");
  worldFeatures = world.features.filter((f) => { const [lon] = geoCentroid(f); return lon >= -35 && lon <= 170; });
  for (const f of world.features) {
    const [lon] = geoCentroid(f);
    if (lon < -35 || lon > 170) continue;  // the Americas and Pacific islands are off the map
    layers.countries.appendChild(el("path", { class: "country", d: path(f) || "" }));
  }
}

function drawPlaces(nodes) {
  for (const n of nodes) nodesById.set(n.id, n);
  for (const n of nodes) {
    if (!["terminal", "seaport", "border"].includes(n.kind)) continue;
    const p = projection([n.lon, n.lat]);
    if (!p) continue;
    const dot = el("circle", { cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 1.6, fill: "#6b7580" });
    dot.appendChild(el("title", {}, `${n.name} (${n.id})`));
    layers.places.appendChild(dot);
  }
}

function drawRoute(collection) {
  for (const name of ["alternatives", "route", "ends"]) layers[name].replaceChildren();
  for (const f of collection.features) {
    const p = f.properties;
    if (f.geometry.type === "LineString") {
      const line = el("path", { d: path(f) || "", class: p.route === 0 ? `leg mode-${p.mode}` : "alternative" });
      line.appendChild(el("title", {}, `${p.mode}: ${p.from} → ${p.to}, ${fmt(p.km)} km, ${fmt(p.hours, 1)} h`));
      (p.route === 0 ? layers.route : layers.alternatives).appendChild(line);
    } else if (p.route === 0) {
      const [x, y] = projection(f.geometry.coordinates);
      layers.ends.appendChild(el("circle", { class: "end", cx: x, cy: y, r: 5, fill: p.role === "origin" ? "#1b7f3b" : "#b00020" }));
      layers.ends.appendChild(el("text", { x: x + 7, y: y - 6 }, p.name || p.id));
    }
  }
}

// ---- pickers ----------------------------------------------------------------------------------
function picker(name) {
  const input = $(name), list = $(`${name}-suggestions`);
  let timer = 0, seq = 0;
  const choose = (node) => {
    input.value = `${node.name} (${node.id})`;
    input.dataset.id = node.id;
    list.replaceChildren();
  };
  input.addEventListener("input", () => {
    delete input.dataset.id;
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) return list.replaceChildren();
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const answer = await getJson(`/v1/nodes?limit=8&search=${encodeURIComponent(text)}`);
        if (mine !== seq) return;
        const nodes = answer.nodes.length ? answer.nodes : answer.suggestions || [];
        list.replaceChildren(...nodes.map((n) => {
          const item = el("li", { role: "option", "data-id": n.id });
          item.append(`${n.name || n.id} `, el("small", {}, `${n.id}${n.kind ? ` · ${n.kind}` : ""}${n.country ? ` · ${n.country}` : ""}`));
          item.addEventListener("mousedown", (e) => { e.preventDefault(); choose(n); });
          return item;
        }));
      } catch (e) { setStatus(e.message, true); }
    }, 120);
  });
  input.addEventListener("blur", () => setTimeout(() => list.replaceChildren(), 150));
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && list.firstChild) { e.preventDefault(); list.firstChild.dispatchEvent(new MouseEvent("mousedown")); }
  });
  return { value: () => input.dataset.id || input.value.trim(), set: (id) => { input.value = id; input.dataset.id = id; } };
}

function checks(container, name, values, labels = {}) {
  container.replaceChildren(...values.map((v) => {
    const label = el("label");
    label.append(el("input", { type: "checkbox", name, value: v }), ` ${labels[v] || v}`);
    return label;
  }));
}
const checked = (name) => [...document.querySelectorAll(`input[name=${name}]:checked`)].map((c) => c.value);

// ---- route ------------------------------------------------------------------------------------
function showLegs(route) {
  const body = $("legs").tBodies[0], foot = $("legs").tFoot;
  body.replaceChildren(...route.legs.map((leg, i) => {
    const row = el("tr");
    const mode = leg.transfer ? `${leg.mode}/${leg.transfer}` : leg.mode;
    const cells = [i + 1, mode, `${leg.from_name || leg.from} (${leg.from})`, `${leg.to_name || leg.to} (${leg.to})`,
      fmt(leg.km), fmt(leg.hours, 1), fmt(leg.usd), fmt(leg.co2_kg)];
    cells.forEach((c, k) => row.appendChild(el("td", k >= 4 ? { class: "n" } : {}, String(c))));
    return row;
  }));
  const t = route.total;
  const total = el("tr");
  [["total"], [""], [`${fmt(t.days, 1)} days`], [""], [fmt(t.km), "n"], [fmt(t.hours, 1), "n"], [fmt(t.usd), "n"], [fmt(t.co2_kg), "n"]]
    .forEach(([text, cls]) => total.appendChild(el("td", cls ? { class: cls } : {}, text)));
  foot.replaceChildren(total);
  $("legs").hidden = false;
  $("summary").innerHTML = "";
  $("summary").append(
    el("b", {}, `${fmt(t.days, 1)} days`),
    ` · ${fmt(t.km)} km · ${fmt(t.usd)} USD/TEU · ${fmt(t.co2_kg)} kg CO2 · gauge changes: ${route.gauge_changes}` +
      ` · countries: ${route.countries.join(" ") || "-"} · passages: ${route.passages.join(", ") || "-"}`);
  const alternatives = route.alternatives.length;
  if (alternatives) $("summary").append(el("div", {}, `${alternatives} alternative${alternatives > 1 ? "s" : ""} shown dashed on the map.`));
}

async function findRoute(from, to) {
  const params = new URLSearchParams({ from: from.value(), to: to.value(), optimize: $("optimize").value, alternatives: "3" });
  for (const rule of ["avoid_country", "avoid_passage", "avoid_mode"]) {
    const values = checked(rule);
    if (values.length) params.set(rule, values.join(","));
  }
  if (!params.get("from") || !params.get("to")) return setStatus("Pick an origin and a destination.", true);
  setStatus("Routing…");
  history.replaceState(null, "", `#${params}`);
  try {
    const [route, shape] = await Promise.all([getJson(`/v1/route?${params}`), getJson(`/v1/route?${params}&format=geojson`)]);
    drawRoute(shape);
    showLegs(route);
    setStatus(`${route.from.name} → ${route.to.name}, optimized for ${route.optimize}.`);
  } catch (e) {
    for (const name of ["alternatives", "route", "ends"]) layers[name].replaceChildren();
    $("legs").hidden = true;
    $("summary").textContent = "";
    setStatus(e.message, true);
  }
}

// ---- scenario comparison ----------------------------------------------------------------------
const pct = (v, digits = 1) => `${(100 * v).toFixed(digits)} %`;
const signed = (v, digits = 1, unit = "") => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${fmt(Math.abs(v), digits)}${unit}`;
const change = (base, scen) => (base > 0 ? signed((100 * (scen - base)) / base, 1, " %") : scen > 0 ? "new" : "–");
const trend = (base, scen) => (scen > base * 1.005 + 1e-9 ? "up" : scen < base * 0.995 - 1e-9 ? "down" : "same");

function row(cells) {
  const tr = el("tr");
  for (const c of cells) {
    const [text, cls] = Array.isArray(c) ? c : [c, ""];
    tr.appendChild(el("td", cls ? { class: cls } : {}, String(text)));
  }
  return tr;
}

let scenarios = [];
function describeScenario() {
  const s = scenarios.find((x) => x.name === $("scenario").value);
  const about = $("scenario-about");
  about.replaceChildren();
  if (!s) return;
  about.append(s.description);
  if (s.sources.length) about.append(el("small", {}, `Sources: ${s.sources.join(" · ")}`));
}

async function loadScenarios() {
  const answer = await getJson("/v1/scenarios");
  scenarios = answer.scenarios;
  $("scenario").replaceChildren(...scenarios.map((s) => el("option", { value: s.name }, `${s.name}: ${s.title}`)));
  if (scenarios.some((s) => s.name === "red-sea-closure")) $("scenario").value = "red-sea-closure";
  describeScenario();
  if (!answer.compare_available) {
    $("compare-go").disabled = true;
    $("compare-status").textContent = answer.note || "Comparisons are not available on this server.";
  }
}

function drawCrossings(crossings) {
  layers.crossings.replaceChildren();
  for (const x of crossings) {
    const a = nodesById.get(x.from), b = nodesById.get(x.to);
    if (!a || !b) continue;
    const p = projection([(a.lon + b.lon) / 2, (a.lat + b.lat) / 2]);
    if (!p) continue;
    const radius = 2 + Math.sqrt(Math.max(x.baseline_teu_per_day, x.scenario_teu_per_day)) / 3;
    const dot = el("circle", { class: `crossing ${trend(x.baseline_teu_per_day, x.scenario_teu_per_day)}`, cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: radius.toFixed(1) });
    dot.appendChild(el("title", {}, `${x.name}: ${fmt(x.baseline_teu_per_day)} → ${fmt(x.scenario_teu_per_day)} TEU/day`));
    layers.crossings.appendChild(dot);
  }
}

function showComparison(c) {
  const b = c.baseline, s = c.scenario;
  const modes = Object.keys(s.teu_by_mode);
  $("compare-modes").tBodies[0].replaceChildren(...modes.map((m) => {
    const bt = b.teu_by_mode[m] || 0, st = s.teu_by_mode[m];
    const bs = b.share_by_mode[m] || 0, ss = s.share_by_mode[m];
    return row([m, [fmt(bt), "n"], [fmt(st), "n"], [change(bt, st), `n ${trend(bt, st)}`], [pct(bs, 2), "n"], [pct(ss, 2), "n"],
      [signed(100 * (ss - bs), 2), `n ${trend(bs, ss)}`], [`${fmt(b.avg_days_by_mode[m], 1)} → ${fmt(s.avg_days_by_mode[m], 1)}`, "n"],
      [`${fmt(b.avg_usd_per_teu_by_mode[m])} → ${fmt(s.avg_usd_per_teu_by_mode[m])}`, "n"]]);
  }));
  const corridors = [...new Set([...Object.keys(b.teu_by_corridor), ...Object.keys(s.teu_by_corridor)])];
  $("compare-corridors").tBodies[0].replaceChildren(...corridors.map((k) => {
    const bt = b.teu_by_corridor[k] || 0, st = s.teu_by_corridor[k] || 0;
    return row([k, [fmt(bt), "n"], [fmt(st), "n"], [change(bt, st), `n ${trend(bt, st)}`]]);
  }));
  const markets = [...new Set([...Object.keys(b.by_market || {}), ...Object.keys(s.by_market || {})])]
    .sort((x, y) => ((s.by_market[y] || {}).teu || 0) - ((s.by_market[x] || {}).teu || 0));
  $("compare-markets").tBodies[0].replaceChildren(...markets.map((k) => {
    const bm = b.by_market[k] || { teu: 0 }, sm = s.by_market[k] || { teu: 0, teu_by_mode: {} };
    const byMode = Object.entries(sm.teu_by_mode).filter(([, t]) => t >= 1).map(([m, t]) => `${m} ${fmt(t)}`).join(", ");
    return row([k, [fmt(bm.teu), "n"], [fmt(sm.teu), "n"], [change(bm.teu, sm.teu), `n ${trend(bm.teu, sm.teu)}`], byMode]);
  }));
  const crossings = c.delta.crossings;
  $("compare-crossings").tBodies[0].replaceChildren(...crossings.map((x) => row([
    x.name, [fmt(x.baseline_teu_per_day), "n"], [fmt(x.scenario_teu_per_day), "n"],
    [change(x.baseline_teu_per_day, x.scenario_teu_per_day), `n ${trend(x.baseline_teu_per_day, x.scenario_teu_per_day)}`],
    [fmt(x.scenario_background_teu_per_day || 0), "n"], [fmt(x.scenario_capacity_teu_per_day), "n"], [pct(x.scenario_utilization, 0), x.scenario_utilization >= 0.9 ? "n saturated" : "n"]])));
  drawCrossings(crossings);
  const rail = (r) => r.share_by_mode.rail || 0;
  const summary = $("compare-summary");
  summary.replaceChildren(
    el("b", {}, `Rail share ${pct(rail(b), 2)} → ${pct(rail(s), 2)}`),
    ` (${signed(100 * (rail(s) - rail(b)), 2)} pp) · rail ${fmt(b.teu_by_mode.rail || 0)} → ${fmt(s.teu_by_mode.rail || 0)} TEU a year` +
      ` · logistics cost ${change(b.logistics_cost_usd, s.logistics_cost_usd)} · freight charges ${change(b.freight_charges_usd, s.freight_charges_usd)}` +
      ` · CO2 ${change(b.co2_tonnes, s.co2_tonnes)}`);
  const converged = (r) => `${r.convergence.converged ? "converged" : "not converged"} after ${r.convergence.iterations} iterations`;
  summary.append(el("div", {}, `Baseline ${converged(b)}; scenario ${converged(s)}.` +
    (c.delta.saturated_crossings.length ? ` Saturated: ${c.delta.saturated_crossings.join(", ")}.` : "")));
  $("compare-rules").querySelector("ul").replaceChildren(...c.rules.map((r) => {
    const item = el("li");
    item.append(el("code", {}, `${r.file}:${r.line} [${r.key}]`), ` ${r.description}`);
    if (r.note) item.append(el("div", { class: "note" }, r.note));
    return item;
  }));
  $("compare-result").hidden = false;
}

async function runComparison() {
  const name = $("scenario").value;
  if (!name) return;
  const status = $("compare-status");
  status.className = "";
  status.textContent = `Comparing ${name} with the baseline (solving the freight equilibrium)…`;
  $("compare-go").disabled = true;
  try {
    // A busy server or a slow comparison answers 503 with Retry-After; the work goes on, so ask again.
    for (let attempt = 0; ; attempt++) {
      try {
        const c = await getJson("/v1/compare", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ scenarios: [name] }) });
        showComparison(c);
        status.textContent = `${c.scenarios.map((x) => x.title).join(" + ")}: compared with the baseline.`;
        return;
      } catch (e) {
        if (!["busy", "compare_timeout"].includes(e.code) || attempt >= 20) throw e;
        status.textContent = `Still computing ${name}…`;
        await new Promise((r) => setTimeout(r, 1000 * Math.min(e.retryAfter || 2, 5)));
      }
    }
  } catch (e) {
    status.textContent = e.message;
    status.className = "error";
  } finally {
    $("compare-go").disabled = false;
  }
}

// ---- market access ---------------------------------------------------------------------------
function showAccess(answer) {
  const site = answer.sites[0];
  const markets = new Map(answer.markets.map((m) => [m.market, m]));
  const byCountry = new Map(site.markets.map((a) => [markets.get(a.market).country, a]));
  const svg = $("access-map");
  svg.replaceChildren();
  const countries = el("g", { class: "countries" });
  for (const f of worldFeatures) {
    const a = byCountry.get(f.properties.iso_a2);
    const attrs = { class: a ? "country access-country" : "country", d: path(f) || "" };
    if (a) attrs.style = `fill: ${a.fill}`;
    countries.appendChild(el("path", attrs));
  }
  svg.appendChild(countries);
  const dots = el("g", { class: "access-markets" });
  for (const a of site.markets) {
    const m = markets.get(a.market);
    const [x, y] = projection([m.lon, m.lat]);
    const dot = el("circle", { class: "access-market", cx: x.toFixed(1), cy: y.toFixed(1), r: 5, fill: a.fill, "data-market": a.market });
    dot.appendChild(el("title", {}, `${m.name}: ${a.blocked ? "blocked (" + a.blocked + ")" : "$" + fmt(a.usd_per_teu) + " per TEU, " + fmt(a.days, 1) + " days"}`));
    dots.appendChild(dot);
  }
  const [sx, sy] = projection([site.lon, site.lat]);
  dots.appendChild(el("circle", { class: "access-site", cx: sx.toFixed(1), cy: sy.toFixed(1), r: 7 }));
  svg.appendChild(dots);
  let low = 0;
  $("access-legend").replaceChildren(...answer.colour_bands.map((b) => {
    const item = el("span", { class: "band", style: `background: ${b.fill}` }, b.max_usd_per_teu === null ? `> $${fmt(low)}` : `$${fmt(low)}–${fmt(b.max_usd_per_teu)}`);
    low = b.max_usd_per_teu;
    return item;
  }), el("span", { class: "band", style: `background: ${answer.blocked_fill}` }, "blocked"));
  const rows = [...site.markets].sort((a, b) => (a.blocked ? 1e12 : a.usd_per_teu) - (b.blocked ? 1e12 : b.usd_per_teu));
  $("access-table").querySelector("tbody").replaceChildren(...rows.map((a) => {
    const m = markets.get(a.market);
    const n = (v, digits = 0) => [fmt(v, digits), "n"];
    return a.blocked ? row([`${m.name} (${m.market})`, [`blocked: ${a.blocked}`, "n blocked"], "", "", "", "", "", ""])
      : row([`${m.name} (${m.market})`, n(a.usd_per_teu), n(a.freight_usd), n(a.time_cost_usd), n(a.customs_usd), n(a.duty_usd), n(a.days, 1), a.mode]);
  }));
  $("access-summary").textContent = `${site.name}: ${answer.commodity} worth $${fmt(answer.value_usd_per_teu)} per TEU reaches ${site.markets_reached} of ` +
    `${site.markets.length} markets; market potential ${fmt(site.potential, 1)} bn USD` + (answer.scenarios.length ? ` (scenario ${answer.scenarios.join(", ")})` : "");
  $("access-result").hidden = false;
}

async function runAccess() {
  const status = $("access-status");
  status.textContent = "computing…";
  status.className = "";
  const params = new URLSearchParams({ from: $("access-site").value, commodity: $("access-commodity").value });
  if ($("access-scenario").value) params.set("scenario", $("access-scenario").value);
  try {
    showAccess(await getJson(`/v1/access?${params}`));
    status.textContent = "";
  } catch (e) {
    status.textContent = e.message;
    status.className = "error";
  }
}

async function main() {
  const from = picker("from"), to = picker("to");
  const modeLabels = { transfer: "transfers" };
  try {
    const [network, nodes] = await Promise.all([getJson("/v1/network"), getJson("/v1/nodes"), drawBase()]);
    checks($("avoid-country"), "avoid_country", network.countries);
    checks($("avoid-passage"), "avoid_passage", network.passages);
    checks($("avoid-mode"), "avoid_mode", network.modes.filter((m) => m !== "transfer"), modeLabels);
    drawPlaces(nodes.nodes);
    $("legend").append(...["rail", "sea", "ferry", "road", "transfer"].map((m) => {
      const item = el("span");
      item.append(el("i", { class: `swatch-${m}`, style: `background: var(--${m}, currentColor)` }), m);
      return item;
    }));
  } catch (e) { setStatus(e.message, true); }
  $("query").addEventListener("submit", (e) => { e.preventDefault(); findRoute(from, to); });
  $("scenario").addEventListener("change", describeScenario);
  $("compare-form").addEventListener("submit", (e) => { e.preventDefault(); runComparison(); });
  $("access-form").addEventListener("submit", (e) => { e.preventDefault(); runAccess(); });
  try { await loadScenarios(); } catch (e) { $("compare-status").textContent = e.message; $("compare-status").className = "error"; }
  // A shared link (#from=...&to=...) routes at once.
  const shared = new URLSearchParams(location.hash.slice(1));
  if (shared.get("from") && shared.get("to")) {
    from.set(shared.get("from"));
    to.set(shared.get("to"));
    if (shared.get("optimize")) $("optimize").value = shared.get("optimize");
    for (const rule of ["avoid_country", "avoid_passage", "avoid_mode"]) {
      for (const v of (shared.get(rule) || "").split(",")) {
        const box = document.querySelector(`input[name=${rule}][value="${CSS.escape(v)}"]`);
        if (box) box.checked = true;
      }
    }
    findRoute(from, to);
  }
  document.body.dataset.ready = "true";
}

main();
