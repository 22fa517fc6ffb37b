#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from the real data (data/, tests/data/,
tests/assignment/data/ and ../shared/data/tntp small networks). Run from the repository root;
deterministic. Multi-file inputs join the files with fuzz_target.hpp's separator line."""
import os
import shutil

SEP = b"\n#--next-file--#\n"
SHARED = os.path.join("..", "shared", "data", "tntp")
OUT = os.path.join("fuzz", "corpus")


def read(*path):
    with open(os.path.join(*path), "rb") as f:
        return f.read()


def write(target, name, content):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(content)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for folder, name in (("data/eurasia", "eurasia"), ("tests/data/tiny", "tiny"), ("tests/data/tiny-freight", "tiny-freight")):
        write("network_geojson", name, read(folder, "nodes.geojson") + SEP + read(folder, "links.geojson"))

    small = ("SiouxFalls", "Anaheim")  # the others are 100 KB to 3 MB: slow to mutate
    for net in small:
        prefix = os.path.join(SHARED, net, net)
        write("tntp_net", net, read(prefix + "_net.tntp"))
        write("tntp_trips", net, read(prefix + "_net.tntp") + SEP + read(prefix + "_trips.tntp"))
        write("tntp_flow", net, read(prefix + "_net.tntp") + SEP + read(prefix + "_flow.tntp"))
    write("tntp_node", "SiouxFalls", bytes([24]) + read(SHARED, "SiouxFalls", "SiouxFalls_node.tntp"))
    write("tntp_node", "ChicagoSketch", bytes([255]) + read(SHARED, "ChicagoSketch", "ChicagoSketch_node.tntp"))
    cases = os.path.join("tests", "assignment", "data")
    for case in sorted(os.listdir(cases)):
        files = sorted(os.listdir(os.path.join(cases, case)))
        net = next(f for f in files if f.endswith("_net.tntp"))
        trips = next(f for f in files if f.endswith("_trips.tntp"))
        write("tntp_net", case, read(cases, case, net))
        write("tntp_trips", case, read(cases, case, net) + SEP + read(cases, case, trips))

    write("demand_csv", "eurasia", read("data", "eurasia", "demand.csv"))
    write("demand_csv", "quoted-crlf",
          b'\xef\xbb\xbforigin,destination,commodity,teu_per_year,value_usd_per_teu\r\n'
          b'"CNCKG","DEDUI","electronics",1200,"95000"\r\nCNXIY,PLWAW,machinery,3.5e2,60000\r\n\r\n')

    write("access_csv", "eurasia", read("data", "access", "markets.csv") + SEP + read("data", "access", "duties.csv"))
    write("access_csv", "small-crlf",
          b'market,name,group,country,nodes,gdp_usd_bn,source\r\nDE,"Germany, Fed. Rep.",EU,DE,DEDUI,4526,wb\r\n' + SEP +
          b'territory,origin,commodity,duty_percent,sanctioned,source\nEU,*,*,1.7,no,wto\nEU,BY,bulk-in-containers,1.4,yes,eu\n')

    write("freight_parameters", "eurasia", read("data", "eurasia", "freight-parameters.json"))
    write("freight_parameters", "tiny-freight", read("tests", "data", "tiny-freight", "freight-parameters.json"))

    for name in sorted(os.listdir(os.path.join("data", "scenarios"))):
        write("scenario_toml", name[:-len(".toml")], read("data", "scenarios", name))

    write("risk_model", "eurasia", read("data", "risk", "eurasia.toml"))
    write("risk_model", "capacity-lognormal", b'''name = "c"
period_days = 90
[[group]]
name = "g"
correlation = 1
common_timing = false
[[element]]
name = "brest"
group = "g"
crossing = "T-BRS-MAL"
probability = 1
duration_days = { lognormal = { median = 10, p90 = 40, max = 400 } }
effect = "capacity"
severity = { triangular = [0.1, 0.5, 0.9] }
[[element.change]]
country = "BY"
mode = "rail"
hours_add = 12
[[element]]
name = "by-pl"
group = "g"
country = "BY"
border_with = ["PL"]
mode = "rail"
probability = 0.5
duration_days = 1000
''')

    requests = {
        "health": b"GET /health\n",
        "route": b"GET /v1/route?from=Chongqing&to=Duisburg&avoid_country=BY\n",
        "route-geojson": b"GET /v1/route?from=Shanghai&to=Rotterdam&optimize=cost&avoid_passage=bab-el-mandeb&format=geojson\n",
        "route-alternatives": b"GET /v1/route?from=CNCKG&to=DEDUI&alternatives=3&optimize=generalized&value_of_time=12.5&co2_price=80\n",
        "route-unknown": b"GET /v1/route?from=Duisbrg&to=Chongqing\n",
        "route-avoid": b"HEAD /v1/route?from=%C5%81%C3%B3d%C5%BA&to=Xi%27an&avoid_mode=sea&avoid_node=BYBRS&avoid_link=x,y\n",
        "table": b"GET /v1/table?from=CNCKG,CNXIY&to=DEDUI\n",
        "table-square": b"GET /v1/table?from=CNCKG&from=PLMAL,DEDUI&optimize=co2\n",
        "nodes": b"GET /v1/nodes?search=Malaszewicze&limit=5\n",
        "network": b"GET /v1/network\n",
        "scenarios": b"GET /v1/scenarios\n",
        "compare-json": b'POST /v1/compare\nContent-Type: application/json\n\n{"scenarios":["red-sea-closure"]}',
        "compare-toml": b'POST /v1/compare\nContent-Type: application/toml\n\nname = "x"\n[[close]]\nlink = "r2"\n'
                        b'[[change]]\npassage = "suez"\nhours_factor = 1.5\n',
        "compare-mixed": b'POST /v1/compare\n\n{"scenarios":["carbon-price-100",{"toml":"name = \\"no-suez\\"\\n'
                         b'[[close]]\\npassage = \\"suez\\"\\n[parameters]\\nmax_iterations = 50\\n"}]}',
        "method": b"DELETE /v1/route?from=a&to=b\n",
        "root": b"GET /\n",
    }
    for name, request in requests.items():
        write("http_api", name, request)


if __name__ == "__main__":
    main()
