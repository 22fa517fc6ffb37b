// The report page of `landbridge access --out DIR`: reads the result inlined by the C++ (JSON in
// #data) and draws, per site, a map of the markets coloured by delivered cost per TEU (the
// countries and the delivery nodes; colours chosen by the C++, "fill"), the ranking and the tables.
import { select } from "d3-selection";
import { geoNaturalEarth1, geoPath } from "d3-geo";
import { int, dec1, usd, table, drawCountries } from "./common.js";

const data = JSON.parse(document.getElementById("data").textContent);
const { access, countries } = data;
const marketById = new Map(access.markets.map((m) => [m.market, m]));

document.getElementById("title").textContent =
  `Market access: ${access.commodity}, ${usd(access.value_usd_per_teu)} of cargo per TEU`;
document.getElementById("subtitle").textContent =
  `${access.sites.length} sites × ${access.markets.length} markets; scenario: ${access.scenarios.length ? access.scenarios.join(" + ") : "none"}`;

const ranked = [...access.sites].sort((a, b) => a.rank - b.rank);
table("#table-ranking", ["site", "rank", "potential (bn USD)", "markets reached", "blocked"],
  ranked.map((s) => [`${s.name} (${s.site}, ${s.country})`, s.rank, dec1(s.potential), s.markets_reached, s.markets.length - s.markets_reached]));

const legend = select("#legend");
let low = 0;
for (const b of access.colour_bands) {
  legend.append("span").style("background", b.fill).text(b.max_usd_per_teu === null ? `> ${usd(low)}` : `${usd(low)}–${usd(b.max_usd_per_teu)}`);
  low = b.max_usd_per_teu;
}
legend.append("span").style("background", access.blocked_fill).text("blocked");

// The frame: every market and site, with a margin.
const width = 640, height = 420;
const frame = { type: "FeatureCollection", features: [...access.markets.map((m) => [m.lon, m.lat]), ...access.sites.map((s) => [s.lon, s.lat])]
  .map((c) => ({ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: c } })) };

for (const site of ranked) {
  const box = select("#maps").append("div").attr("class", "map");
  box.append("h3").text(`${site.rank}. ${site.name} (${site.site}): potential ${dec1(site.potential)} bn USD`);
  const projection = geoNaturalEarth1().rotate([-55, 0]).fitExtent([[30, 30], [width - 30, height - 30]], frame);
  const path = geoPath(projection);
  const svg = box.append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "access-map").attr("role", "img")
    .attr("aria-label", `delivered cost from ${site.name}`).attr("data-site", site.site);
  drawCountries(svg, countries, path);
  const byCountry = new Map(site.markets.map((a) => [marketById.get(a.market).country, a]));
  svg.selectAll("path.country").filter((f) => byCountry.has(f.properties.iso_a2)).classed("market-country", true)
    .style("fill", (f) => byCountry.get(f.properties.iso_a2).fill);
  svg.append("g").selectAll("circle").data(site.markets).join("circle").attr("class", "market")
    .attr("cx", (a) => projection([marketById.get(a.market).lon, marketById.get(a.market).lat])[0])
    .attr("cy", (a) => projection([marketById.get(a.market).lon, marketById.get(a.market).lat])[1])
    .attr("r", 5).attr("fill", (a) => a.fill)
    .append("title").text((a) => `${marketById.get(a.market).name}: ${a.blocked ? "blocked (" + a.blocked + ")" : usd(a.usd_per_teu) + " per TEU, " + dec1(a.days) + " days by " + a.mode}`);
  const [x, y] = projection([site.lon, site.lat]);
  svg.append("circle").attr("class", "site").attr("cx", x).attr("cy", y).attr("r", 7).append("title").text(site.name);
}

const tables = select("#tables");
for (const site of ranked) {
  tables.append("h3").text(`${site.name} (${site.site}), origin ${site.country}`);
  const id = `table-${site.site}`;
  tables.append("table").attr("id", id).attr("class", "site-table");
  const rows = [...site.markets].sort((a, b) => (a.blocked ? 1e12 : a.usd_per_teu) - (b.blocked ? 1e12 : b.usd_per_teu));
  table(`#${CSS.escape(id)}`, ["market", "territory", "USD/TEU", "freight", "time", "customs", "duty", "days", "mode"],
    rows.map((a) => {
      const m = marketById.get(a.market);
      if (a.blocked) return [`${m.name} (${m.market})`, m.territory, { text: `blocked: ${a.blocked}`, cls: "blocked" }, "", "", "", "", "", ""];
      return [`${m.name} (${m.market})`, m.territory, int(a.usd_per_teu), int(a.freight_usd), int(a.time_cost_usd), int(a.customs_usd),
        int(a.duty_usd), dec1(a.days), a.mode];
    }));
}
select("#rules").selectAll("li")
  .data(access.scenario_effects.length ? access.scenario_effects : ["No scenario: today's network and trade rules."])
  .join("li").text((d) => d);
document.body.dataset.rendered = "true";
