// Shared by the report pages (report.js: landbridge compare; disrupt.js: landbridge disrupt):
// number formats, tables from rows, and the map's country background.
import { select } from "d3-selection";
import { format } from "d3-format";

export const int = format(",.0f"), dec1 = format(",.1f"), pct = format(".2%"), usd = (v) => "$" + int(v);
export const signed = (f) => (v) => (v > 0 ? "+" : v < 0 ? "−" : "±") + f(Math.abs(v));

// A table under `id`: a header row and rows of cells; a cell is text or {text, cls}.
export function table(id, header, rows) {
  const t = select(id);
  t.append("thead").append("tr").selectAll("th").data(header).join("th").text((d) => d);
  t.append("tbody").selectAll("tr").data(rows).join("tr").selectAll("td").data((r) => r).join("td")
    .attr("class", (c) => (typeof c === "object" && c ? c.cls : null)).text((c) => (typeof c === "object" && c ? c.text : c));
}

// The country shapes (a GeoJSON FeatureCollection, or nothing) under everything else on a map.
export function drawCountries(svg, countries, path) {
  if (countries) {
    svg.append("g").selectAll("path").data(countries.features).join("path").attr("class", "country").attr("d", path);
  }
}
