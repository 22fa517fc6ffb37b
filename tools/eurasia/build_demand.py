#!/usr/bin/env python3
"""Build the default China–EU freight demand data/eurasia/demand.csv from the tables in tools/eurasia/demand/.

    python3 tools/eurasia/build_demand.py          # from the repository root; Python 3 stdlib only
    python3 tools/eurasia/build_demand.py --check  # build and compare with the committed file, write nothing

Total demand (sea + rail together; the model splits it by mode) for base year 2023, per direction:

  TEU    = sea TEU China<->CTS-Europe x EU27 share  +  rail TEU China<->EU                 [targets.csv]
  value  = trade value x (1 - air share - other non-container share)                       [targets.csv]

Per commodity c: raw TEU_c = value x value_share_c / v_c with v_c the estimated value per TEU; one scale
factor k = sum(raw TEU_c) / TEU makes the value-based count equal the published container count, and the
file's value_usd_per_teu is v_c x k (the check fails if k is outside 0.8..1.25, i.e. if the value and
volume sources disagree). Zones: Chinese zones weighted by provincial exports, EU zones by GDP (x an export
tilt towards China); zone x commodity fitted by IPF from specialisation seeds; origin x destination x
commodity cells below a threshold dropped and the rest refitted (IPF) so that every (origin, commodity) total
is exact and destination totals hold within max_destination_drift. Exits with status 1, writing nothing,
if a check fails.
"""
import csv
import json
import math
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLES = os.path.join(ROOT, "tools", "eurasia", "demand")
OUT = os.path.join(ROOT, "data", "eurasia", "demand.csv")
NODES = os.path.join(ROOT, "data", "eurasia", "nodes.geojson")
LINKS = os.path.join(ROOT, "data", "eurasia", "links.geojson")
SOURCES = os.path.join(ROOT, "data", "eurasia", "demand-SOURCES.md")

COMMODITIES = ["electronics", "machinery", "consumer-goods", "auto-parts", "chemicals-plastics", "bulk-in-containers"]
HEADER = ["origin", "destination", "commodity", "teu_per_year", "value_usd_per_teu"]

errors = []


def fail(msg):
    errors.append(msg)


def read(name):
    """Rows of a table as dicts; lines whose first field starts with '#' are comments."""
    path = os.path.join(TABLES, name)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    out = []
    for i, r in enumerate(rows[1:], start=2):
        if not r or r[0].startswith("#"):
            continue
        if len(r) != len(head):
            fail(f"{name}: line {i}: {len(r)} fields, expected {len(head)}")
            continue
        d = dict(zip(head, r))
        d["_line"] = i
        out.append(d)
    return out


def num(row, key, name):
    try:
        v = float(row[key])
    except ValueError:
        fail(f"{name}: line {row['_line']}: {key} is not a number: {row[key]!r}")
        return 0.0
    if not math.isfinite(v) or v < 0:
        fail(f"{name}: line {row['_line']}: {key} must be finite and >= 0: {row[key]!r}")
    return v


def ipf2(seed, rows_tot, cols_tot, iters):
    """Fit a matrix {(r, c): seed} to row and column totals."""
    m = dict(seed)
    for _ in range(iters):
        for r, t in rows_tot.items():
            s = sum(v for (a, _), v in m.items() if a == r)
            if s > 0:
                for k in [k for k in m if k[0] == r]:
                    m[k] *= t / s
        for c, t in cols_tot.items():
            s = sum(v for (_, b), v in m.items() if b == c)
            if s > 0:
                for k in [k for k in m if k[1] == c]:
                    m[k] *= t / s
    return m


def ipf_margins(cells, margins, iters):
    """Fit {(o, d, c): v} to totals over groups of cells: margins is a list of (key function, {key: total})."""
    m = dict(cells)
    for _ in range(iters):
        for keyf, tot in margins:
            sums = {}
            for k, v in m.items():
                sums[keyf(k)] = sums.get(keyf(k), 0.0) + v
            for k in m:
                s = sums[keyf(k)]
                if s > 0:
                    m[k] *= tot[keyf(k)] / s
    return m


def max_margin_error(m, margins):
    worst = 0.0
    for keyf, tot in margins:
        sums = {}
        for k, v in m.items():
            sums[keyf(k)] = sums.get(keyf(k), 0.0) + v
        for key, t in tot.items():
            if t > 0:
                worst = max(worst, abs(sums.get(key, 0.0) - t) / t)
    return worst


def main():
    check_only = "--check" in sys.argv[1:]
    targets = {r["key"]: r for r in read("targets.csv")}
    T = {k: num(r, "value", "targets.csv") for k, r in targets.items()}
    params = {r["key"]: num(r, "value", "parameters.csv") for r in read("parameters.csv")}
    commodities = read("commodities.csv")
    cn_zones = read("cn_zones.csv")
    provinces = read("cn_provinces.csv")
    tilt_rows = read("cn_zone_commodity_tilt.csv")
    eu_zones = read("eu_zones.csv")
    countries = read("eu_countries.csv")
    iters = int(params["ipf_iterations"])

    # ---- network: nodes exist, are terminals or hubs, reach a seaport and the other side by land ----
    with open(NODES, encoding="utf-8") as f:
        nodes = {ft["properties"]["id"]: ft["properties"] for ft in json.load(f)["features"]}
    with open(LINKS, encoding="utf-8") as f:
        links = [ft["properties"] for ft in json.load(f)["features"]]
    land = {}
    for l in links:
        if l["mode"] in ("rail", "transfer") and l.get("transfer") != "ferry":
            land.setdefault(l["from"], set()).add(l["to"])
            land.setdefault(l["to"], set()).add(l["from"])

    def reach(start):
        seen, todo = {start}, [start]
        while todo:
            n = todo.pop()
            for m in land.get(n, ()):
                if m not in seen:
                    seen.add(m)
                    todo.append(m)
        return seen

    zone_node = {}
    for z in cn_zones + eu_zones:
        n = z["node"]
        zone_node[z["zone"]] = n
        if n not in nodes:
            fail(f"zone {z['zone']}: node {n} is not in data/eurasia/nodes.geojson")
            continue
        if nodes[n]["kind"] not in ("terminal", "hub"):
            fail(f"zone {z['zone']}: node {n} is a {nodes[n]['kind']}, expected a terminal or hub")
        r = reach(n)
        if not any(nodes[m]["kind"] == "seaport" for m in r if m in nodes):
            fail(f"zone {z['zone']}: node {n} reaches no seaport by rail")
    if len(set(zone_node.values())) != len(zone_node):
        fail("two zones map to the same node")
    for z in cn_zones:
        r = reach(z["node"])
        for e in eu_zones:
            if e["node"] not in r:
                fail(f"no all-land route {z['node']} -> {e['node']}")

    # ---- direction totals ----
    rail_both = T["rail_eu_cn_both_teu"] + T["middle_corridor_eu_cn_teu"]
    rail = {"cn-eu": rail_both * T["rail_westbound_share"], "eu-cn": rail_both * (1 - T["rail_westbound_share"])}
    sea = {"cn-eu": T["sea_cn_to_europe_teu"] * T["eu27_share_of_cts_europe_imports"],
           "eu-cn": T["sea_europe_to_cn_teu"] * T["eu27_share_of_cts_europe_exports"]}
    teu = {d: sea[d] + rail[d] for d in sea}
    value = {"cn-eu": T["trade_cn_to_eu_usd"] * (1 - T["air_value_share_cn_to_eu"] - T["other_noncontainer_share_cn_to_eu"]),
             "eu-cn": T["trade_eu_to_cn_usd"] * (1 - T["air_value_share_eu_to_cn"] - T["other_noncontainer_share_eu_to_cn"])}

    # ---- commodities: TEU and value per TEU ----
    com_teu, com_val, scale = {}, {}, {}
    for d in ("cn-eu", "eu-cn"):
        rows = [r for r in commodities if r["direction"] == d]
        if sorted(r["commodity"] for r in rows) != sorted(COMMODITIES):
            fail(f"commodities.csv: {d} must list each of {COMMODITIES} once")
        share = {r["commodity"]: num(r, "value_share", "commodities.csv") for r in rows}
        v = {r["commodity"]: num(r, "value_usd_per_teu_est", "commodities.csv") for r in rows}
        if abs(sum(share.values()) - 1) > 1e-9:
            fail(f"commodities.csv: {d} value shares add up to {sum(share.values()):.4f}, not 1")
        raw = {c: value[d] * share[c] / v[c] for c in share}
        k = sum(raw.values()) / teu[d]
        scale[d] = k
        if not 0.8 <= k <= 1.25:
            fail(f"{d}: value-based TEU / published TEU = {k:.3f}, outside 0.8..1.25: the commodity values "
                 "per TEU do not agree with the trade value and container count")
        for c in share:
            com_teu[d, c] = raw[c] / k
            com_val[d, c] = v[c] * k

    # ---- zone weights ----
    listed = [p for p in provinces if p["source"] != "est-province-residual"]
    resid = [p for p in provinces if p["source"] == "est-province-residual"]
    national_2016 = 2098.0  # USD bn, the published national total of [geoshen-provinces]
    resid_total = national_2016 - sum(num(p, "export_usd_bn", "cn_provinces.csv") for p in listed)
    resid_w = sum(num(p, "export_usd_bn", "cn_provinces.csv") for p in resid)
    cn_w = {z["zone"]: 0.0 for z in cn_zones}
    for p in provinces:
        if p["zone"] not in cn_w:
            fail(f"cn_provinces.csv: line {p['_line']}: unknown zone {p['zone']}")
            continue
        x = num(p, "export_usd_bn", "cn_provinces.csv")
        cn_w[p["zone"]] += x if p in listed else x * resid_total / resid_w
    if len(provinces) != 31:
        fail(f"cn_provinces.csv: {len(provinces)} provinces, expected the 31 of mainland China")
    eu_gdp = {z["zone"]: 0.0 for z in eu_zones}
    for c in countries:
        if c["zone"] not in eu_gdp:
            fail(f"eu_countries.csv: line {c['_line']}: unknown zone {c['zone']}")
            continue
        eu_gdp[c["zone"]] += num(c, "gdp_usd_bn", "eu_countries.csv")
    if len(countries) != 27:
        fail(f"eu_countries.csv: {len(countries)} countries, expected the EU27")
    eu_tilt = {z["zone"]: num(z, "export_tilt_to_cn", "eu_zones.csv") for z in eu_zones}

    def shares(w):
        s = sum(w.values())
        return {k: v / s for k, v in w.items()}

    cn_s = shares(cn_w)
    eu_imp_s = shares(eu_gdp)
    eu_exp_s = shares({z: eu_gdp[z] * eu_tilt[z] for z in eu_gdp})

    tilt = {}
    for r in tilt_rows:
        for c in COMMODITIES:
            tilt[r["zone"], c] = num(r, c, "cn_zone_commodity_tilt.csv")
    for z in cn_w:
        for c in COMMODITIES:
            if (z, c) not in tilt:
                fail(f"cn_zone_commodity_tilt.csv: no factor for {z} {c}")
    if errors:
        return None

    # ---- cells ----
    out_rows = []
    summary = {}
    for d in ("cn-eu", "eu-cn"):
        total = teu[d]
        ctot = {c: com_teu[d, c] for c in COMMODITIES}
        if d == "cn-eu":
            otot = {z: total * s for z, s in cn_s.items()}
            oc = ipf2(tilt, otot, ctot, iters)
            dsh = eu_imp_s
            cells = {(o, de, c): oc[o, c] * dsh[de] for (o, c) in oc for de in dsh}
            dtot = {de: total * s for de, s in dsh.items()}
            thr = params["min_cell_teu_cn_eu"]
        else:
            otot = {z: total * s for z, s in eu_exp_s.items()}
            dsh = cn_s
            cells = {(o, de, c): otot[o] * ctot[c] / total * dsh[de] for o in otot for de in dsh for c in COMMODITIES}
            dtot = {de: total * s for de, s in dsh.items()}
            thr = params["min_cell_teu_eu_cn"]
        # keep a cell if it is large, or large for its origin or destination zone (so small zones keep
        # their main flows)
        rel = params["min_cell_rel_zone"]
        omax, dmax, cmax = {}, {}, {}
        for (o, de, c), v in cells.items():
            omax[o] = max(omax.get(o, 0.0), v)
            dmax[de] = max(dmax.get(de, 0.0), v)
            cmax[c] = max(cmax.get(c, 0.0), v)
        kept = {k: v for k, v in cells.items()
                if v >= thr or v >= rel * omax[k[0]] or v >= rel * dmax[k[1]] or v >= rel * cmax[k[2]]}
        # every (origin, commodity) keeps at least its largest cell
        best = {}
        for k, v in cells.items():
            if v > best.get((k[0], k[2]), (None, -1))[1]:
                best[k[0], k[2]] = (k, v)
        for k, v in best.values():
            kept[k] = v
        dropped = sum(v for k, v in cells.items() if k not in kept)
        # refit: each (origin, commodity) total exactly (so origin and commodity totals too), and each
        # destination total; a dropped cell's TEU go to the kept destinations of the same origin and commodity
        oc_tot = {}
        for (o, de, c), v in cells.items():
            oc_tot[o, c] = oc_tot.get((o, c), 0.0) + v
        margins = [(lambda k: (k[0], k[2]), oc_tot), (lambda k: k[1], dtot)]
        for de in dtot:
            if not any(k[1] == de for k in kept):
                fail(f"{d}: the thresholds drop every cell of destination {de}; lower them")
        if errors:
            return None
        # destination totals are fitted as far as the kept cells allow; the last step fits the (origin,
        # commodity) totals, which are therefore exact
        fitted = ipf_margins(kept, margins + margins[:1], iters)
        err = max_margin_error(fitted, margins[:1])
        if err > 1e-6:
            fail(f"{d}: (origin, commodity) totals not met (worst error {err:.2e})")
        dest_err = max_margin_error(fitted, margins[1:])
        if dest_err > params["max_destination_drift"]:
            fail(f"{d}: a destination total is off by {100 * dest_err:.1f} % after dropping small cells; "
                 "lower the thresholds")
        step = params["round_teu"]
        for (o, de, c), v in fitted.items():
            t = int(round(v / step) * step)
            if t <= 0:
                continue
            val = int(round(com_val[d, c] / params["round_value"]) * params["round_value"])
            out_rows.append((d, zone_node[o], zone_node[de], COMMODITIES.index(c), c, t, val))
        summary[d] = {"cells": len(cells), "kept": len(kept), "dropped_teu": dropped, "scale": scale[d],
                      "dest_err": dest_err,
                      "teu": total, "sea": sea[d], "rail": rail[d], "value": value[d]}

    # ---- checks on the result ----
    seen = set()
    for r in out_rows:
        key = (r[1], r[2], r[4])
        if key in seen:
            fail(f"duplicate row {key}")
        seen.add(key)
        if r[1] == r[2]:
            fail(f"origin equals destination {r[1]}")
    for d in ("cn-eu", "eu-cn"):
        got = sum(r[5] for r in out_rows if r[0] == d)
        if abs(got - teu[d]) / teu[d] > 0.002:
            fail(f"{d}: rows add up to {got} TEU, target {teu[d]:.0f}")
        gv = sum(r[5] * r[6] for r in out_rows if r[0] == d)
        if abs(gv - value[d]) / value[d] > 0.01:
            fail(f"{d}: rows add up to {gv / 1e9:.1f} bn USD, target {value[d] / 1e9:.1f} bn")
    if not 100 <= len(out_rows) <= 300:
        fail(f"{len(out_rows)} rows, expected 100..300 (adjust min_cell_teu_* in parameters.csv)")
    n_cn = sum(1 for r in out_rows if r[0] == "cn-eu")
    if teu["eu-cn"] >= teu["cn-eu"]:
        fail("EU -> China should be the smaller direction")

    # ---- every source key used by the tables is defined in demand-SOURCES.md ----
    used = set()
    for name in os.listdir(TABLES):
        if name.endswith(".csv"):
            with open(os.path.join(TABLES, name), encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    for col in ("source",):
                        if row.get(col) and not row[col].startswith("#"):
                            used.update(row[col].split())
                    if row.get("note"):
                        used.update(re.findall(r"\[([a-z0-9-]+)\]", row["note"]))
    defined = set()
    if os.path.exists(SOURCES):
        with open(SOURCES, encoding="utf-8") as f:
            defined = set(re.findall(r"^- \[([a-z0-9-]+)\]", f.read(), re.M))
    for k in sorted(used - defined):
        fail(f"source key [{k}] is used in tools/eurasia/demand/ but not defined in data/eurasia/demand-SOURCES.md")
    if errors:
        return None

    out_rows.sort(key=lambda r: (r[0] != "cn-eu", r[1], r[2], r[3]))
    lines = [",".join(HEADER)] + [f"{r[1]},{r[2]},{r[4]},{r[5]},{r[6]}" for r in out_rows]
    text = "\n".join(lines) + "\n"

    # ---- report ----
    print(f"rows: {len(out_rows)} ({n_cn} China->EU, {len(out_rows) - n_cn} EU->China)")
    for d, s in summary.items():
        got = sum(r[5] for r in out_rows if r[0] == d)
        gv = sum(r[5] * r[6] for r in out_rows if r[0] == d)
        print(f"{d}: {got:,} TEU (target {s['teu']:,.0f} = sea {s['sea']:,.0f} + rail {s['rail']:,.0f}); "
              f"value {gv / 1e9:,.1f} bn USD (avg {gv / got:,.0f}/TEU); value scale k = {s['scale']:.3f}; "
              f"cells kept {s['kept']} of {s['cells']}, dropped before refit {s['dropped_teu']:,.0f} TEU; "
              f"worst destination drift {100 * s['dest_err']:.2f} %")
        for i, c in enumerate(COMMODITIES):
            ct = sum(r[5] for r in out_rows if r[0] == d and r[4] == c)
            print(f"   {c:20s} {ct:>10,} TEU  {100 * ct / got:5.1f} %  {int(round(com_val[d, c], -2)):>8,} USD/TEU")
    for d, nodes_of in (("cn-eu", 1), ("eu-cn", 1)):
        by = {}
        for r in out_rows:
            if r[0] == d:
                by[r[nodes_of]] = by.get(r[nodes_of], 0) + r[5]
        print(f"{d} by origin: " + ", ".join(f"{k} {v:,}" for k, v in sorted(by.items(), key=lambda x: -x[1])))
    by = {}
    for r in out_rows:
        if r[0] == "cn-eu":
            by[r[2]] = by.get(r[2], 0) + r[5]
    print("cn-eu by destination: " + ", ".join(f"{k} {v:,}" for k, v in sorted(by.items(), key=lambda x: -x[1])))
    return text, check_only


if __name__ == "__main__":
    res = main()
    if errors:
        for e in errors:
            print("build_demand.py: " + e, file=sys.stderr)
        sys.exit(1)
    text, check_only = res
    if check_only:
        with open(OUT, encoding="utf-8") as f:
            same = f.read() == text
        print("demand.csv is " + ("up to date" if same else "OUT OF DATE: rerun without --check"))
        sys.exit(0 if same else 1)
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, OUT)
    print(f"wrote {os.path.relpath(OUT, ROOT)}")
