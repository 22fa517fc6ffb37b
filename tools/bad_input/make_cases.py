#!/usr/bin/env python3
"""Writes the malformed TNTP, demand CSV, freight parameters JSON, scenario TOML and resource-limit
cases of tests/bad_input/ (the network cases come from make_network_cases.py).

Each case is a folder tests/bad_input/<format>-<name>/ with the input files, `args` (the landbridge
command line: {case} is the case folder, {data} the tests/data folder, {out} an output file and
{outdir} an output folder holding earlier results, both of which must stay untouched) and `expected`
(the exact first line of stderr). The expected messages are written here by hand from the readers'
documented messages, not captured from the tool. Run from the repository root; deterministic.
"""
import json
import os
import shutil

ROOT = os.path.join("tests", "bad_input")
PREFIXES = ("tntp-", "demand-", "parameters-", "scenario-", "limit-", "clean")


def write_case(name, expected, files, args):
    folder = os.path.join(ROOT, name)
    os.makedirs(folder, exist_ok=True)
    for file, content in files.items():
        with open(os.path.join(folder, file), "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    with open(os.path.join(folder, "args"), "w") as f:
        f.write(args + "\n")
    with open(os.path.join(folder, "expected"), "w", encoding="utf-8") as f:
        f.write(expected + "\n")


# ---------------------------------------------------------------------------------------------
# TNTP: a 4-node network, zones 1 and 2 (centroids: first thru node 3), and its demand.
#   the seven links are on lines 8..14 (FIRST_LINK_LINE + k); trips lines 5..8.
NET_META = ["<NUMBER OF ZONES> 2", "<NUMBER OF NODES> 4", "<FIRST THRU NODE> 3", "<NUMBER OF LINKS> 7",
            "<END OF METADATA>"]
NET_LINKS = ["\t1\t3\t1000\t1\t1\t0.15\t4\t0\t0\t1\t;",
             "\t3\t1\t1000\t1\t1\t0.15\t4\t0\t0\t1\t;",
             "\t3\t4\t100\t2\t2\t0.15\t4\t0\t0\t1\t;",
             "\t4\t3\t100\t2\t2\t0.15\t4\t0\t0\t1\t;",
             "\t3\t2\t50\t4\t4\t0.15\t4\t0\t0\t1\t;",
             "\t4\t2\t1000\t1\t1\t0.15\t4\t0\t0\t1\t;",
             "\t2\t4\t1000\t1\t1\t0.15\t4\t0\t0\t1\t;"]
FIRST_LINK_LINE = 8  # after 5 metadata lines, a blank line and the column comment
NET_HEADER = "~\tinit_node\tterm_node\tcapacity\tlength\tfree_flow_time\tb\tpower\tspeed\ttoll\tlink_type\t;"
TRIPS = ["<NUMBER OF ZONES> 2", "<TOTAL OD FLOW> 300", "<END OF METADATA>", "", "Origin 1", "\t2 :\t200;",
         "Origin 2", "\t1 :\t100;"]


def net_text(meta=None, links=None):
    return "\n".join((meta or NET_META) + [""] + [NET_HEADER] + (links if links is not None else NET_LINKS)) + "\n"


def trips_text(lines=None):
    return "\n".join(lines or TRIPS) + "\n"


def link(k, column, value):
    """Link line k (0-based) with one column (0-based, as in the file) replaced."""
    cells = NET_LINKS[k].strip("\t;").split("\t")
    cells[column] = value
    return "\t" + "\t".join(cells) + "\t;"


def with_link(k, column, value):
    links = list(NET_LINKS)
    links[k] = link(k, column, value)
    return links


TNTP_ARGS = "traffic --tntp {case} --out {outdir}"
NET = "landbridge: {case}/mini_net.tntp: "
TRIPS_FILE = "landbridge: {case}/mini_trips.tntp: "


def tntp_case(name, expected, net=None, trips=None):
    write_case("tntp-" + name, expected,
               {"mini_net.tntp": net if net is not None else net_text(),
                "mini_trips.tntp": trips if trips is not None else trips_text()}, TNTP_ARGS)


def tntp_cases():
    meta = lambda i, line: NET_META[:i] + [line] + NET_META[i + 1:]
    tntp_case("truncated-link-line", NET + 'line 14: field "free_flow_time": missing: a link line needs at least 9 columns '
              '(init_node term_node capacity length free_flow_time b power speed toll), got 4',
              net=net_text(links=NET_LINKS[:6] + ["\t2\t4\t1000\t1"]).rstrip("\n"))
    tntp_case("truncated-metadata", NET + "missing <END OF METADATA>", net="\n".join(NET_META[:3]))
    tntp_case("fewer-links-than-metadata", NET + 'field "<NUMBER OF LINKS>": metadata says 7 links, the file has 5',
              net=net_text(links=NET_LINKS[:5]))
    tntp_case("more-links-than-metadata", NET + 'line 15: more links than <NUMBER OF LINKS> 7',
              net=net_text(links=NET_LINKS + [NET_LINKS[0]]))
    tntp_case("capacity-not-a-number", NET + 'line 10: field "capacity": expected a number, got "lots"',
              net=net_text(links=with_link(2, 2, "lots")))
    tntp_case("capacity-nan", NET + 'line 10: field "capacity": expected a number, got "NaN"',
              net=net_text(links=with_link(2, 2, "NaN")))
    tntp_case("capacity-infinity", NET + 'line 10: field "capacity": expected a number, got "inf"',
              net=net_text(links=with_link(2, 2, "inf")))
    tntp_case("capacity-negative", NET + 'line 10: field "capacity": expected a number > 0, got "-100"',
              net=net_text(links=with_link(2, 2, "-100")))
    tntp_case("capacity-gigantic", NET + 'line 10: field "capacity": expected a number, got "1e400"',
              net=net_text(links=with_link(2, 2, "1e400")))
    tntp_case("free-flow-time-negative", NET + 'line 8: field "free_flow_time": expected a number >= 0, got "-1"',
              net=net_text(links=with_link(0, 4, "-1")))
    tntp_case("power-negative", NET + 'line 11: field "power": expected a number >= 0, got "-4"',
              net=net_text(links=with_link(3, 6, "-4")))
    tntp_case("length-negative", NET + 'line 9: field "length": expected a number >= 0, got "-5"',
              net=net_text(links=with_link(1, 3, "-5")))
    tntp_case("toll-negative", NET + 'line 13: field "toll": expected a number >= 0, got "-2"',
              net=net_text(links=with_link(5, 8, "-2")))
    tntp_case("negative-distance-factor",
              NET + 'metadata: field "<DISTANCE FACTOR>": expected a number >= 0, got "-1"',
              net=net_text(meta=NET_META[:4] + ["<DISTANCE FACTOR> -1"] + NET_META[4:]))
    write_case("tntp-negative-toll-factor-flag", 'landbridge: field "--toll-factor": expected a number >= 0, got -1',
               {"mini_net.tntp": net_text(), "mini_trips.tntp": trips_text()},
               "traffic --tntp {case} --toll-factor -1 --out {outdir}")
    tntp_case("unknown-node", NET + 'line 12: field "term_node": expected a node id in 1..4, got "7"',
              net=net_text(links=with_link(4, 1, "7")))
    tntp_case("node-id-zero", NET + 'line 8: field "init_node": expected a node id in 1..4, got "0"',
              net=net_text(links=with_link(0, 0, "0")))
    tntp_case("fractional-node-id", NET + 'line 9: field "init_node": expected a node id in 1..4, got "3.5"',
              net=net_text(links=with_link(1, 0, "3.5")))
    tntp_case("too-many-columns", NET + 'line 8: expected 10 columns, got 11',
              net=net_text(links=[NET_LINKS[0].replace("\t;", "\t7\t;")] + NET_LINKS[1:]))
    tntp_case("zero-nodes", NET + 'metadata: field "<NUMBER OF ZONES>": 2 zones but only 0 nodes; zones must be nodes 1..2',
              net=net_text(meta=meta(1, "<NUMBER OF NODES> 0")))
    tntp_case("gigantic-node-count",
              NET + 'metadata: field "<NUMBER OF NODES>": 2000000000 is above the limit of 10000000 (docs/reliability.md)',
              net=net_text(meta=meta(1, "<NUMBER OF NODES> 2000000000")))
    tntp_case("gigantic-link-count",
              NET + 'metadata: field "<NUMBER OF LINKS>": 4294967296 is above the limit of 50000000 (docs/reliability.md)',
              net=net_text(meta=meta(3, "<NUMBER OF LINKS> 4294967296")))
    tntp_case("gigantic-zone-count",
              NET + 'metadata: field "<NUMBER OF ZONES>": 1000000 is above the limit of 10000 (docs/reliability.md)',
              net=net_text(meta=meta(0, "<NUMBER OF ZONES> 1000000")))
    tntp_case("node-count-not-a-number", NET + 'metadata: field "<NUMBER OF NODES>": expected a number, got "four"',
              net=net_text(meta=meta(1, "<NUMBER OF NODES> four")))
    tntp_case("negative-link-count", NET + 'metadata: field "<NUMBER OF LINKS>": expected a whole number >= 0, got "-7"',
              net=net_text(meta=meta(3, "<NUMBER OF LINKS> -7")))
    tntp_case("missing-node-count", NET + 'field "<NUMBER OF NODES>": missing from the metadata',
              net=net_text(meta=NET_META[:1] + NET_META[2:]))
    tntp_case("unclosed-tag", NET + "line 2: metadata tag is missing its closing '>'",
              net=net_text(meta=meta(1, "<NUMBER OF NODES 4")))
    tntp_case("empty-net-file", NET + "missing <END OF METADATA>", net="")
    tntp_case("binary-net-file", NET + 'line 1: expected a metadata line "<TAG> value" or <END OF METADATA>',
              net=b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\n")
    tntp_case("trips-unknown-zone", TRIPS_FILE + 'line 6: field "destination": expected a zone id in 1..2, got "3"',
              trips=trips_text(TRIPS[:5] + ["\t3 :\t200;"] + TRIPS[6:]))
    tntp_case("trips-negative-demand", TRIPS_FILE + 'line 8: field "demand": expected a number >= 0, got "-100"',
              trips=trips_text(TRIPS[:7] + ["\t1 :\t-100;"]))
    tntp_case("trips-nan-demand", TRIPS_FILE + 'line 8: field "demand": expected a number, got "nan"',
              trips=trips_text(TRIPS[:7] + ["\t1 :\tnan;"]))
    tntp_case("trips-demand-overflow", TRIPS_FILE + 'line 9: field "demand": the total for origin 2, destination 1 is not '
              'a finite number',
              trips=trips_text(TRIPS[:7] + ["\t1 :\t1e308;", "\t1 :\t1e308;"]))
    tntp_case("trips-zone-count-mismatch",
              TRIPS_FILE + 'metadata: field "<NUMBER OF ZONES>": 3 zones, but the network file has 2',
              trips=trips_text(["<NUMBER OF ZONES> 3"] + TRIPS[1:]))
    tntp_case("trips-before-origin",
              TRIPS_FILE + 'line 5: field "Origin": demand entry "2" before the first "Origin" line',
              trips=trips_text(TRIPS[:4] + TRIPS[5:]))
    tntp_case("trips-missing-colon", TRIPS_FILE + 'line 6: field "destination": expected ":" after destination 2',
              trips=trips_text(TRIPS[:5] + ["\t2\t200;"] + TRIPS[6:]))
    tntp_case("trips-truncated", TRIPS_FILE + 'line 8: field "demand": missing demand for destination 1',
              trips=trips_text(TRIPS[:7] + ["\t1 :"]).rstrip("\n"))
    tntp_case("bom-crlf-with-negative-capacity", NET + 'line 10: field "capacity": expected a number > 0, got "-100"',
              net="\ufeff" + net_text(links=with_link(2, 2, "-100")).replace("\n", "\r\n"))
    write_case("tntp-missing-trips-file", "landbridge: {case}: no *_trips.tntp file in the folder",
               {"mini_net.tntp": net_text()}, TNTP_ARGS)


# ---------------------------------------------------------------------------------------------
# Demand CSV against the tiny freight network (tests/data/tiny-freight).
HEADER = "origin,destination,commodity,teu_per_year,value_usd_per_teu"
DEMAND_ARGS = "assign --network {data}/tiny-freight --demand {case}/demand.csv --out {outdir}"
D = "landbridge: {case}/demand.csv: "
GOOD = "CNAAA,DEDUI,electronics,3650,100000"


def demand_case(name, expected, rows=None, raw=None):
    text = raw if raw is not None else "\n".join([HEADER] + (rows if rows is not None else [GOOD])) + "\n"
    write_case("demand-" + name, expected, {"demand.csv": text}, DEMAND_ARGS)


def demand_cases():
    names = ("electronics, machinery, consumer-goods, auto-parts, chemicals-plastics, bulk-in-containers")
    demand_case("wrong-header", D + 'line 1, column 4: expected the header "' + HEADER + '", got "origin,destination,'
                'commodity,teu,value_usd_per_teu"', raw=HEADER.replace("teu_per_year", "teu") + "\n" + GOOD + "\n")
    demand_case("extra-column", D + "line 1: expected 5 columns, got 6", raw=HEADER + ",note\n" + GOOD + ",x\n")
    demand_case("missing-field", D + "line 2: expected 5 fields, got 4", rows=["CNAAA,DEDUI,electronics,3650"])
    demand_case("nan-teu", D + 'line 2, column 4 ("teu_per_year"): expected a number > 0, got "NaN"',
                rows=["CNAAA,DEDUI,electronics,NaN,100000"])
    demand_case("infinite-value", D + 'line 2, column 5 ("value_usd_per_teu"): expected a number >= 0, got "inf"',
                rows=["CNAAA,DEDUI,electronics,3650,inf"])
    demand_case("negative-teu", D + 'line 2, column 4 ("teu_per_year"): expected a number > 0, got "-3650"',
                rows=["CNAAA,DEDUI,electronics,-3650,100000"])
    demand_case("zero-teu", D + 'line 2, column 4 ("teu_per_year"): expected a number > 0, got "0"',
                rows=["CNAAA,DEDUI,electronics,0,100000"])
    demand_case("gigantic-teu", D + 'line 2, column 4 ("teu_per_year"): expected a number > 0, got "1e300"',
                rows=["CNAAA,DEDUI,electronics,1e300,100000"])
    demand_case("thousands-separator", D + 'line 2, column 4 ("teu_per_year"): expected a number > 0, got "3,650"',
                rows=['CNAAA,DEDUI,electronics,"3,650",100000'])
    demand_case("unknown-node", D + 'line 3, column 2 ("destination"): no node "DEHAM" in the network',
                rows=[GOOD, "CNAAA,DEHAM,machinery,100,50000"])
    demand_case("same-origin-and-destination", D + 'line 2, column 2 ("destination"): same node as the origin',
                rows=["DEDUI,DEDUI,electronics,3650,100000"])
    demand_case("unknown-commodity", D + 'line 2, column 3 ("commodity"): unknown commodity "toys"; expected one of '
                + names, rows=["CNAAA,DEDUI,toys,3650,100000"])
    demand_case("duplicate-row", D + "line 3: duplicate of line 2 (CNAAA, DEDUI, electronics)", rows=[GOOD, GOOD])
    demand_case("non-utf8-node", D + 'line 2, column 1 ("origin"): no node "CNA\\xC4A" in the network',
                raw=(HEADER + "\n").encode() + b"CNA\xc4A,DEDUI,electronics,3650,100000\n")
    demand_case("empty-file", D + "the file is empty; expected the header " + HEADER, raw="")
    demand_case("header-only", D + "no demand rows after the header", rows=[])
    demand_case("blank-line-between-rows", D + "line 3: empty line", rows=[GOOD, "", "CNAAA,NLRTM,machinery,100,50000"])
    demand_case("unclosed-quote", D + "line 2: a quoted field is never closed", rows=['"CNAAA,DEDUI,electronics,3650,100000'])
    demand_case("bom-crlf-with-negative-teu", D + 'line 3, column 4 ("teu_per_year"): expected a number > 0, got "-5"',
                raw="\ufeff" + "\r\n".join([HEADER, GOOD, "CNAAA,NLRTM,machinery,-5,50000"]) + "\r\n")


# ---------------------------------------------------------------------------------------------
# Freight parameters JSON (the tiny freight network's, edited).
PARAMS_ARGS = "assign --network {data}/tiny-freight --parameters {case}/freight-parameters.json --out {outdir}"
P = "landbridge: {case}/freight-parameters.json: "


def parameters_case(name, expected, edit=None, raw=None):
    if raw is None:
        with open(os.path.join("tests", "data", "tiny-freight", "freight-parameters.json"), encoding="utf-8") as f:
            doc = json.load(f)
        edit(doc)
        raw = json.dumps(doc, indent=2) + "\n"
    write_case("parameters-" + name, expected, {"freight-parameters.json": raw}, PARAMS_ARGS)


def parameters_cases():
    def setk(*path_value):
        *path, value = path_value
        def edit(doc):
            d = doc
            for k in path[:-1]:
                d = d[k]
            d[path[-1]] = value
        return edit

    def delk(key):
        return lambda doc: doc.pop(key)

    parameters_case("not-json", P + 'line 3, column 5: not valid JSON: syntax error while parsing object key - invalid '
                    "literal; last read: '\"carrying_rate_per_year\": {<U+000A>    e'; expected string literal",
                    raw='{\n  "carrying_rate_per_year": {\n    electronics: 0.4\n  }\n}\n')
    parameters_case("empty-file", P + "the file is empty; expected a JSON object", raw="")
    parameters_case("truncated", P + "line 2, column 30: not valid JSON: syntax error while parsing object - unexpected "
                    "end of input; expected '}'", raw='{\n  "mode_scale_per_usd": 0.002')
    parameters_case("missing-conical-alpha", P + 'field "conical_alpha": missing', edit=delk("conical_alpha"))
    parameters_case("scale-as-string", P + 'field "mode_scale_per_usd": expected a number, got "0.002"',
                    edit=setk("mode_scale_per_usd", "0.002"))
    parameters_case("negative-carrying-rate",
                    P + 'field "carrying_rate_per_year.electronics": expected a number from 0 to 10, got -0.4',
                    edit=setk("carrying_rate_per_year", "electronics", -0.4))
    parameters_case("gigantic-max-iterations",
                    P + 'field "max_iterations": expected a number from 1 to 100000, got 1000000000',
                    edit=setk("max_iterations", 1000000000))
    parameters_case("no-corridors", P + 'field "corridors": expected a non-empty array', edit=setk("corridors", []))
    parameters_case("corridor-mode-pipeline",
                    P + 'field "corridors[1].mode": expected "sea", "rail", "air" or "road", got "pipeline"',
                    edit=lambda doc: doc["corridors"][1].__setitem__("mode", "pipeline"))
    parameters_case("duplicate-corridor", P + 'field "corridors[2].name": duplicate corridor "northern"',
                    edit=lambda doc: doc["corridors"][2].__setitem__("name", "northern"))
    parameters_case("scales-not-nested", P + 'field "corridor_scale_per_usd": must be at least mode_scale_per_usd, or the '
                    "nested logit is not consistent with utility maximisation", edit=setk("corridor_scale_per_usd", 0.001))
    parameters_case("mode-constant-not-an-object",
                    P + 'field "mode_constant_usd.rail": expected an object {"country": USD, ...}, got -300',
                    edit=setk("mode_constant_usd", {"rail": -300}))
    parameters_case("mode-constant-unknown-mode",
                    P + 'field "mode_constant_usd.ship": expected a mode: sea, rail, air or road',
                    edit=setk("mode_constant_usd", {"ship": {"*": 10}}))
    parameters_case("unknown-corridor-constant", P + 'field "corridor_constant_usd.arctic": no corridor of that name',
                    edit=setk("corridor_constant_usd", {"arctic": 10}))


# ---------------------------------------------------------------------------------------------
# Scenario TOML, compared on the tiny freight network.
SCENARIO_ARGS = "compare --network {data}/tiny-freight --scenario {case}/scenario.toml --out {outdir}"
S = "landbridge: {case}/scenario.toml: "
HEAD = 'name = "test"\ntitle = "a test scenario"\n'


def scenario_case(name, expected, text):
    write_case("scenario-" + name, expected, {"scenario.toml": text}, SCENARIO_ARGS)


def scenario_cases():
    scenario_case("syntax-error", S + "line 1, column 13: Error while parsing string: encountered end-of-file",
                  'name = "test')
    scenario_case("unknown-top-level-key", S + 'line 3: field "speed": unknown key "speed" (name, title, description, '
                  "sources, year, [[close]], [[change]], [[sanction]], [[demand]], [[rate]], [[avoid]], [[haulier_ban]], "
                  "[[period]], [parameters])",
                  HEAD + "speed = 3\n[[close]]\npassage = \"suez\"\n")
    scenario_case("unknown-rule-key", S + 'line 5: field "close[1].speed": unknown key "speed" in a [close] rule',
                  HEAD + '[[close]]\npassage = "suez"\nspeed = 3\n')
    scenario_case("unknown-link", S + 'line 3: field "close[1].links": no link "NO-SUCH-LINK" in the network',
                  HEAD + '[[close]]\nlink = "NO-SUCH-LINK"\n')
    scenario_case("unknown-passage", S + 'line 3: field "close[1].passages": no chokepoint node or link has the passage "panama"',
                  HEAD + '[[close]]\npassage = "panama"\n')
    scenario_case("factor-as-string", S + 'line 5: field "change[1].capacity_factor": expected a number',
                  HEAD + '[[change]]\nlink = "r2"\ncapacity_factor = "half"\n')
    scenario_case("factor-zero", S + 'line 5: field "change[1].capacity_factor": expected a number in [0.001, 1000], got 0',
                  HEAD + '[[change]]\nlink = "r2"\ncapacity_factor = 0\n')
    scenario_case("factor-nan", S + 'line 5: field "change[1].hours_factor": expected a number in [0, 1000], got nan',
                  HEAD + '[[change]]\nlink = "r2"\nhours_factor = nan\n')
    scenario_case("unknown-commodity", S + 'line 4: field "sanction[1].commodities": unknown commodity "toys" '
                  "(electronics, machinery, consumer-goods, auto-parts, chemicals-plastics, bulk-in-containers, all)",
                  HEAD + '[[sanction]]\ncommodities = ["toys"]\nthrough = "BY"\n')
    scenario_case("unknown-mode", S + 'line 4: field "close[1].mode": unknown mode "pipeline" (rail, road, sea, ferry, air, transfer)',
                  HEAD + '[[close]]\nmode = "pipeline"\ncountry = "BY"\n')
    scenario_case("no-name", S + 'field "name": a scenario needs a name', '[[close]]\npassage = "suez"\n')
    scenario_case("no-rules", S + "a scenario needs at least one rule", HEAD)
    scenario_case("empty-file", S + 'field "name": a scenario needs a name', "")
    scenario_case("close-as-string", S + 'line 3: field "close": expected [[close]] tables', HEAD + 'close = "suez"\n')
    scenario_case("changes-nothing", S + 'line 3: field "change[1]": changes nothing: give capacity_factor, '
                  "capacity_add_teu_per_day, hours_factor, hours_add, usd_factor, usd_add, co2_factor or background_factor",
                  HEAD + '[[change]]\nlink = "r2"\n')
    scenario_case("duplicate-key", S + "line 2, column 8: Error while parsing key-value pair: cannot redefine existing "
                  "string 'name'", 'name = "a"\nname = "b"\n')
    scenario_case("non-utf8", S + "line 1, column 8: Encountered invalid utf-8 sequence",
                  b'name = "\xc3\x28"\n')
    scenario_case("gigantic-integer", S + 'line 4: field "parameters.max_iterations": expected a number',
                  HEAD + "[parameters]\nmax_iterations = 9223372036854775807\n")
    scenario_case("crlf-bom-with-unknown-key", S + 'line 5: field "close[1].speed": unknown key "speed" in a [close] rule',
                  "\ufeff" + (HEAD + '[[close]]\npassage = "suez"\nspeed = 3\n').replace("\n", "\r\n"))


# ---------------------------------------------------------------------------------------------
# Requests for absurd amounts of work, refused before any is done (docs/reliability.md).
def limit_cases():
    names = ",".join(["CNAAA"] * 1001)
    write_case("limit-table-1001-by-1001", 'landbridge: field "--to": a matrix of 1001 x 1001 exceeds the limit of 1000000 '
               "cells", {}, "table --network {data}/tiny --from " + names + " --to " + names + " --out {out}")
    write_case("limit-alternatives-million", 'landbridge: field "--alternatives": expected 1 to 10, got 1000000', {},
               "route CNAAA DEDUI --network {data}/tiny --alternatives 1000000 --out {out}")


def clean_files():
    """tests/bad_input/clean/: well-formed inputs that the BOM/CRLF test (equivalent_input_test.cpp)
    compares with their BOM + CRLF variants."""
    folder = os.path.join(ROOT, "clean")
    os.makedirs(os.path.join(folder, "tntp"), exist_ok=True)
    for name, text in (("tntp/mini_net.tntp", net_text()), ("tntp/mini_trips.tntp", trips_text()),
                       ("scenario.toml", HEAD + '[[change]]\nlink = "r2"\nhours_factor = 1.5\nnote = "slower"\n'
                        '[[close]]\npassage = "suez"\n[parameters]\nusd_per_tonne_co2 = 50\n')):
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def main():
    for entry in os.listdir(ROOT):
        if entry.startswith(PREFIXES) and os.path.isdir(os.path.join(ROOT, entry)):
            shutil.rmtree(os.path.join(ROOT, entry))
    tntp_cases()
    demand_cases()
    parameters_cases()
    scenario_cases()
    limit_cases()
    clean_files()


if __name__ == "__main__":
    main()
