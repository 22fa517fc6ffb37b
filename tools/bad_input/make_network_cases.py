#!/usr/bin/env python3
"""Writes the malformed-network cases of tests/bad_input/ from the tiny test network.

Each case is a folder tests/bad_input/<name>/ with the input files, `args` (the landbridge command line,
where {case} is the case folder and {out} an output file that must stay untouched) and `expected` (the
exact first line of stderr, {case} substituted). The expected messages are written here by hand, from
docs/network-format.md, not captured from the tool. Run from the repository root; deterministic.
"""
import json
import os
import shutil

ROOT = os.path.join("tests", "bad_input")
TINY = os.path.join("tests", "data", "tiny")


def load(name):
    with open(os.path.join(TINY, name), encoding="utf-8") as f:
        return json.load(f)


def dump(doc):
    return ('{"type":"FeatureCollection","features":[\n'
            + ",\n".join(json.dumps(f, ensure_ascii=False) for f in doc["features"]) + "\n]}\n")


def write_case(name, expected, nodes=None, links=None, raw_nodes=None, raw_links=None,
               args="route CNAAA DEDUI --network {case} --format json --out {out}"):
    folder = os.path.join(ROOT, "network-" + name)
    os.makedirs(folder, exist_ok=True)
    for file, doc, raw, default in (("nodes.geojson", nodes, raw_nodes, "nodes.geojson"),
                                    ("links.geojson", links, raw_links, "links.geojson")):
        path = os.path.join(folder, file)
        if raw is not None:
            with open(path, "wb") as f:
                f.write(raw)
        elif doc is not None:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(dump(doc))
        else:
            shutil.copyfile(os.path.join(TINY, default), path)
    with open(os.path.join(folder, "args"), "w") as f:
        f.write(args + "\n")
    with open(os.path.join(folder, "expected"), "w", encoding="utf-8") as f:
        f.write(expected + "\n")


def node_case(name, feature, edit, expected, **kw):
    doc = load("nodes.geojson")
    edit(doc["features"][feature])
    write_case(name, expected, nodes=doc, **kw)


def link_case(name, feature, edit, expected, **kw):
    doc = load("links.geojson")
    edit(doc["features"][feature])
    write_case(name, expected, links=doc, **kw)


def setp(key, value):
    return lambda f: f["properties"].__setitem__(key, value)


def delp(key):
    return lambda f: f["properties"].pop(key)


N = "landbridge: {case}/nodes.geojson: "
L = "landbridge: {case}/links.geojson: "
R1 = 'feature 2 (id "r1"): '
T1 = 'feature 3 (id "t1"): '

link_case("negative-length", 1, setp("length_km", -5), L + R1 + 'field "length_km": expected a number >= 0, got -5')
link_case("negative-capacity", 2, setp("capacity_teu_per_day", -100),
          L + T1 + 'field "capacity_teu_per_day": expected a number > 0, got -100')
link_case("zero-capacity", 2, setp("capacity_teu_per_day", 0),
          L + T1 + 'field "capacity_teu_per_day": expected a number > 0, got 0')
link_case("nan-as-string", 1, setp("hours", "NaN"), L + R1 + 'field "hours": expected a number, got "NaN"')
link_case("infinity-as-string", 1, setp("usd_per_teu", "Infinity"),
          L + R1 + 'field "usd_per_teu": expected a number, got "Infinity"')
link_case("gigantic-number", 1, setp("length_km", 1e300), L + R1 + 'field "length_km": number too large: 1e+300')
link_case("number-as-string", 1, setp("co2_kg_per_teu", "100"),
          L + R1 + 'field "co2_kg_per_teu": expected a number, got "100"')
link_case("boolean-hours", 1, setp("hours", True), L + R1 + 'field "hours": expected a number, got true')
link_case("missing-hours", 1, delp("hours"), L + R1 + 'field "hours": missing')
link_case("null-cost", 1, setp("usd_per_teu", None), L + R1 + 'field "usd_per_teu": missing')
link_case("unknown-node", 1, setp("to", "XXNOPE"),
          L + R1 + 'field "to": no node with id "XXNOPE" in nodes.geojson')
link_case("self-loop", 1, setp("to", "CNAAA"),
          L + R1 + 'field "to": a link must join two different nodes, both are "CNAAA"')
link_case("duplicate-link-id", 1, setp("id", "r0"),
          L + 'feature 2 (id "r0"): field "id": duplicate id "r0" (first used by feature 1)')
link_case("unknown-mode", 1, setp("mode", "pipeline"),
          L + R1 + 'field "mode": expected rail, road, sea, ferry, air or transfer, got "pipeline"')
link_case("rail-without-gauge", 1, delp("gauge_mm"),
          L + R1 + 'field "gauge_mm": missing: a rail link needs a gauge of 1435, 1520, 1524 or 1668')
link_case("metre-gauge", 1, setp("gauge_mm", 1000),
          L + R1 + 'field "gauge_mm": a rail link needs a gauge of 1435, 1520, 1524 or 1668, got 1000')
link_case("fractional-gauge", 1, setp("gauge_mm", 1435.5),
          L + R1 + 'field "gauge_mm": expected an integer, got 1435.5')
link_case("two-gauges-at-a-node", 1, setp("gauge_mm", 1520),
          L + R1 + 'field "gauge_mm": node "CNAAA" already has 1435 mm rail (link "r0"), got 1520 mm; '
          'a gauge break must be a transfer link between two nodes')
link_case("transfer-without-kind", 2, delp("transfer"),
          L + T1 + 'field "transfer": a transfer link needs transfer: gauge, port, ferry, terminal, airport or border, got ""')
link_case("corridor-not-a-list", 1, setp("corridor", "northern"),
          L + R1 + 'field "corridor": expected an array of strings, got "northern"')
link_case("point-geometry", 1, lambda f: f.__setitem__("geometry", {"type": "Point", "coordinates": [1, 2]}),
          L + R1 + 'field "geometry": expected a LineString, got "Point"')
link_case("one-vertex-line", 1, lambda f: f["geometry"].__setitem__("coordinates", [[104.0, 30.0]]),
          L + R1 + 'field "geometry": a LineString needs at least two positions')
link_case("no-properties", 1, lambda f: f.pop("properties"),
          L + 'feature 2: field "properties": a feature needs a properties object')

node_case("duplicate-node-id", 1, setp("id", "CNAAA"),
          N + 'feature 2 (id "CNAAA"): field "id": duplicate id "CNAAA" (first used by feature 1)')
node_case("id-with-space", 0, setp("id", "CN AAA"),
          N + 'feature 1: field "id": use letters, digits, \'-\' and \'_\' only (at most 64), got "CN AAA"')
node_case("unknown-kind", 0, setp("kind", "station"),
          N + 'feature 1 (id "CNAAA"): field "kind": expected terminal, border, seaport, hub, airport, chokepoint or '
          'junction, got "station"')
node_case("alpha3-country", 0, setp("country", "CHN"),
          N + 'feature 1 (id "CNAAA"): field "country": expected an ISO 3166-1 alpha-2 code such as "PL", got "CHN"')
node_case("lower-case-country", 0, setp("country", "cn"),
          N + 'feature 1 (id "CNAAA"): field "country": expected an ISO 3166-1 alpha-2 code such as "PL", got "cn"')
node_case("terminal-at-sea", 0, delp("country"),
          N + 'feature 1 (id "CNAAA"): field "country": missing (only junctions and chokepoints may lie at sea)')
node_case("latitude-95", 0, lambda f: f["geometry"].__setitem__("coordinates", [104.0, 95.0]),
          N + 'feature 1 (id "CNAAA"): field "geometry": latitude out of range: 95.0')
node_case("longitude-as-string", 0, lambda f: f["geometry"].__setitem__("coordinates", ["104", 30.0]),
          N + 'feature 1 (id "CNAAA"): field "geometry": expected a position [lon, lat], got an array')
node_case("negative-customs", 5, setp("customs_hours", -1),
          N + 'feature 6 (id "PLMAL"): field "customs_hours": expected a number >= 0, got -1')
node_case("missing-customs", 5, delp("customs_usd"),
          N + 'feature 6 (id "PLMAL"): field "customs_usd": missing: link "t2" enters customs territory EU here')
node_case("chokepoint-without-passage", 12, delp("passage"),
          N + 'feature 13 (id "SEA-BAB"): field "passage": missing')
node_case("free-zone-as-string", 4, setp("free_zone", "yes"),
          N + 'feature 5 (id "BYGST"): field "free_zone": expected true or false, got "yes"')
node_case("empty-name", 0, setp("name", ""), N + 'feature 1 (id "CNAAA"): field "name": must not be empty')
node_case("missing-source", 0, delp("source"), N + 'feature 1 (id "CNAAA"): field "source": missing')

# Whole-file problems, written as raw bytes.
tiny_nodes = open(os.path.join(TINY, "nodes.geojson"), "rb").read()
tiny_links = open(os.path.join(TINY, "links.geojson"), "rb").read()
write_case("empty-nodes-file", N + "the file is empty; expected a GeoJSON FeatureCollection", raw_nodes=b"")
write_case("truncated-links-file", L + "line 9, column 1: not valid JSON: syntax error while parsing value - "
           "unexpected end of input; expected '[', '{', or a literal", raw_links=tiny_links[: tiny_links.index(b"\n", 2000) + 1][:-1] + b"\n")
write_case("not-json", N + "line 1, column 2: not valid JSON: syntax error while parsing value - invalid literal; "
           "last read: 'no'", raw_nodes=b"nodes,are,csv\n")
write_case("feature-not-collection", N + 'field "type": expected a GeoJSON FeatureCollection at the top level',
           raw_nodes=b'{"type": "Feature", "features": []}\n')
write_case("features-not-array", L + 'field "features": expected an array of features',
           raw_links=b'{"type": "FeatureCollection", "features": {}}\n')
write_case("no-nodes", N + 'field "features": no nodes', raw_nodes=b'{"type": "FeatureCollection", "features": []}\n')
bad_utf8 = tiny_nodes.replace('"name": "Alpha"'.encode(), b'"name": "Al\xffpha"', 1)
write_case("invalid-utf8-name", N + "line 2, column 123: not valid JSON: syntax error while parsing value - "
           "invalid string: ill-formed UTF-8 byte; last read: '\"Al\\xFF'", raw_nodes=bad_utf8)
overflow = tiny_links.replace(b'"length_km": 1000, "hours": 20', b'"length_km": 1e999, "hours": 20', 1)
write_case("number-overflow", L + "line 3, column 195: not valid JSON: number overflow parsing '1e999'", raw_links=overflow)
node_case("newline-in-id", 0, setp("id", "CN\nAAA"),
          N + 'feature 1: field "id": use letters, digits, \'-\' and \'_\' only (at most 64), got "CN\\x0AAAA"')
write_case("missing-links-file", "landbridge: {case}/links.geojson: cannot open the file (does it exist?)",
           raw_links=None)
os.remove(os.path.join(ROOT, "network-missing-links-file", "links.geojson"))
# The same good data with CRLF line endings and a byte-order mark is accepted by the loader; to make it a
# bad-input case it also carries a real error, which must still be found and named.
crlf = tiny_links.replace(b"\n", b"\r\n").replace(b'"length_km": 1000, "hours": 20', b'"length_km": -1000, "hours": 20', 1)
write_case("crlf-with-negative-length", L + R1 + 'field "length_km": expected a number >= 0, got -1000', raw_links=crlf)
bom = b"\xef\xbb\xbf" + tiny_nodes.replace(b'"kind": "terminal"', b'"kind": "depot"', 1)
write_case("bom-with-bad-kind", N + 'feature 1 (id "CNAAA"): field "kind": expected terminal, border, seaport, hub, '
           'airport, chokepoint or junction, got "depot"', raw_nodes=bom)
write_case("not-a-folder", 'landbridge: {case}/nodes.geojson: not a folder; --network expects a folder holding '
           'nodes.geojson and links.geojson', args="validate --network {case}/nodes.geojson")
