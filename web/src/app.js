// The landbridge web page: pick two places, choose a criterion and avoid-rules, see the route on a
// map of Eurasia with its legs and totals. Talks only to the API of docs/api.md on the same origin.
import { geoConicEquidistant, geoPath, geoCentroid } from "d3-geo";

const $ = (id) => document.getElementById(id);
const svgNS = "http://www.w3.org/2000/svg";
const width = 960, height = 520;
const projection = geoConicEquidistant().rotate([-70, 0]).parallels([25, 60]);
const path = geoPath(projection);
const layers = {};
const fmt = (v, digits = 0) => Number(v).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function el(tag, attrs = {}, text) {
  const node = tag === "svg" || ["g", "path", "circle", "text"].includes(tag) ? document.createElementNS(svgNS, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json().catch(() => ({ error: { message: `HTTP ${response.status}` } }));
  if (!response.ok) {
    const e = body.error || {};
    let message = e.message || `HTTP ${response.status}`;
    if (e.parameter) message = `${e.parameter}: ${message}`;
    throw new Error(message);
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
  for (const name of ["countries", "places", "alternatives", "route", "ends"]) svg.appendChild((layers[name] = el("g", { class: name })));
  // Eurasia from the Atlantic to the Pacific, North Africa to the Arctic coast.
  const frame = { type: "MultiPoint", coordinates: [[-12, 30], [20, 70], [140, 65], [125, 5], [40, 5], [-10, 45]] };
  projection.fitExtent([[8, 8], [width - 8, height - 8]], frame);
  const world = await getJson("countries.geojson");
  for (const f of world.features) {
    const [lon] = geoCentroid(f);
    if (lon < -35 || lon > 170) continue;  // the Americas and Pacific islands are off the map
    layers.countries.appendChild(el("path", { class: "country", d: path(f) || "" }));
  }
}

function drawPlaces(nodes) {
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
