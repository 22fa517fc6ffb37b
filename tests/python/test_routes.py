"""Routes, tables and nodes from Python against `landbridge route|table|nodes --format json`."""
import math

import pandas as pd
import pytest

import landbridge
from conftest import run_cli

# (from, to, keyword arguments of Network.route)
ROUTES = [
    ("Chongqing", "Duisburg", {}),
    ("Chongqing", "Duisburg", {"avoid_countries": ["BY"]}),
    ("Shanghai", "Rotterdam", {"optimize": "cost"}),
    ("Shanghai", "Rotterdam", {"optimize": "cost", "avoid_passages": "bab-el-mandeb"}),
    ("Shanghai", "Rotterdam", {"avoid_modes": ["sea"], "avoid_countries": ["RU", "by"]}),
    ("Xi'an", "Hamburg", {"optimize": "co2"}),
    ("CNCKG", "PLMAL", {"optimize": "generalized", "value_of_time": 5.0, "co2_price": 100}),
    ("Chongqing", "Duisburg", {"alternatives": 2}),
    ("Duisburg", "Chongqing", {"optimize": "cost", "alternatives": 3, "avoid_nodes": ["PLMAL"]}),
    ("Malaszewicze", "Alashankou", {"avoid_links": ["T-BRS-MAL"]}),
    ("Chongqing", "Rotterdam", {"modes": ["rail"], "optimize": "cost"}),
]

FLAGS = {"optimize": "--optimize", "modes": "--mode", "avoid_countries": "--avoid-country", "avoid_passages": "--avoid-passage",
         "avoid_modes": "--avoid-mode", "avoid_nodes": "--avoid-node", "avoid_links": "--avoid-link",
         "value_of_time": "--value-of-time", "co2_price": "--co2-price"}


def cli_args(options: dict) -> list:
    args = []
    for key, value in options.items():
        if key == "alternatives":
            args += ["--alternatives", value + 1]  # the command counts the best route too
        else:
            for item in [value] if isinstance(value, (str, int, float)) else value:
                args += [FLAGS[key], item]
    return args


def close(a: float, b: float, decimals: int) -> bool:
    """a, unrounded, is b as the command rounds it to `decimals`."""
    return abs(a - b) <= 0.5 * 10 ** -decimals + 1e-9


def check_route(route: landbridge.Route, expected: dict):
    assert route.origin == expected["from"]["id"] and route.origin_name == expected["from"]["name"]
    assert route.destination == expected["to"]["id"] and route.destination_name == expected["to"]["name"]
    assert route.optimize == expected["optimize"]
    assert close(route.value, expected["criterion_value"], 2)
    total = expected["total"]
    for name, decimals in [("km", 1), ("hours", 2), ("days", 2), ("usd", 2), ("co2_kg", 1), ("customs_hours", 2), ("customs_usd", 2),
                           ("rest_hours", 2)]:
        assert close(route.totals[name], total[name], decimals), name
    assert route.total_days == route.totals["days"] and route.total_km == route.totals["km"]
    assert route.gauge_changes == expected["gauge_changes"]
    assert route.countries == expected["countries"] and route.passages == expected["passages"]
    legs = route.legs
    assert len(legs) == len(expected["legs"])
    for (_, leg), want in zip(legs.iterrows(), expected["legs"]):
        assert (leg["from"], leg["from_name"], leg["to"], leg["to_name"], leg["mode"]) == (
            want["from"], want["from_name"], want["to"], want["to_name"], want["mode"])
        assert leg["transfer"] == want.get("transfer")
        for name, decimals in [("km", 1), ("hours", 2), ("usd", 2), ("co2_kg", 1), ("customs_hours", 2), ("customs_usd", 2),
                               ("rest_hours", 2)]:
            assert close(leg[name], want[name], decimals), name
        assert leg["countries"] == want["countries"] and leg["passages"] == want["passages"]


@pytest.mark.parametrize("origin, destination, options", ROUTES)
def test_route_equals_the_command(net, origin, destination, options):
    expected = run_cli("route", origin, destination, *cli_args(options), "--format", "json").json()
    route = net.route(origin, destination, **options)
    assert route is not None
    assert route.to_json() == expected
    check_route(route, expected)
    assert len(route.alternatives) == len(expected["alternatives"])
    for alternative, want in zip(route.alternatives, expected["alternatives"]):
        check_route(alternative, want)
        assert alternative.alternatives == []
        assert alternative.to_json() == dict(want, alternatives=[])
    geojson = run_cli("route", origin, destination, *cli_args(options), "--format", "geojson").json()
    assert route.to_geojson() == geojson


def test_route_as_geodataframe(net):
    route = net.route("Chongqing", "Duisburg")
    frame = route.to_geodataframe()
    lines = frame[frame.geometry.geom_type == "LineString"]
    assert len(lines) == len(route.legs)
    assert frame.crs.to_epsg() == 4326


def test_no_route_is_none_where_the_command_fails(net):
    failed = run_cli("route", "Shanghai", "Rotterdam", "--avoid-mode", "rail", "--avoid-mode", "sea")
    assert failed.error() == 'no route from "Shanghai" to "Rotterdam" under these avoid-rules'
    assert net.route("Shanghai", "Rotterdam", avoid_modes=["rail", "sea"]) is None


@pytest.mark.parametrize("options", [{"optimize": "cost"}, {"avoid_modes": ["rail"]}, {}])
def test_table_equals_the_command(net, options):
    origins, destinations = ["CNCKG", "Xi'an", "Shanghai"], ["DEDUI", "PLMAL", "Rotterdam"]
    expected = run_cli("table", "--from", ",".join(origins), "--to", ",".join(destinations), *cli_args(options),
                       "--format", "json").json()
    table = net.table(origins, destinations, **options)
    assert table.attrs["optimize"] == expected["optimize"]
    assert list(dict.fromkeys(table["origin"])) == expected["origins"]
    assert list(dict.fromkeys(table["destination"])) == expected["destinations"]
    for key, column in [("values", "value"), ("hours", "hours"), ("usd", "usd"), ("km", "km"), ("co2_kg", "co2_kg")]:
        matrix = table.pivot(index="origin", columns="destination", values=column).loc[expected["origins"], expected["destinations"]]
        for row, want_row in zip(matrix.values, expected[key]):
            for got, want in zip(row, want_row):
                assert (want is None and math.isnan(got)) or close(got, want, 2), (key, got, want)
    if "avoid_modes" in options:  # no rail: Xi'an and Chongqing reach nothing
        assert table["value"].isna().any()


def test_square_table_defaults_to_the_origins(net):
    table = net.table(["CNCKG", "DEDUI"])
    assert list(zip(table["origin"], table["destination"])) == [("CNCKG", "CNCKG"), ("CNCKG", "DEDUI"), ("DEDUI", "CNCKG"), ("DEDUI", "DEDUI")]
    assert table["value"].iloc[0] == 0


def test_nodes_and_search_equal_the_command(net):
    expected = pd.DataFrame(run_cli("nodes", "--format", "json").json())
    nodes = net.nodes.sort_values("id").reset_index(drop=True)
    pd.testing.assert_frame_equal(nodes[list(expected.columns)], expected.sort_values("id").reset_index(drop=True), check_dtype=False)
    found = run_cli("nodes", "--search", "Malaszewicze", "--format", "json").json()
    assert list(net.search("Malaszewicze")["id"]) == [n["id"] for n in found]
    assert net.resolve("Rotterdam") == net._net.resolve("Rotterdam", "to")


def test_links_and_geodataframe(net):
    text = run_cli("validate").out.decode()
    assert f"{len(net.nodes)} nodes, {len(net.links)} links" in text
    links = net.links
    assert set(links["mode"]) <= {"rail", "sea", "road", "ferry", "transfer"}
    assert "geometry" not in links
    frame = net.to_geodataframe()
    assert len(frame) == len(links) and (frame.geometry.geom_type == "LineString").all()
    assert len(net.to_geodataframe("nodes")) == len(net.nodes)
    # frames are copies: changing one does not change the network's
    links.loc[0, "hours"] = -1
    assert net.links.loc[0, "hours"] != -1


def test_default_network_is_shared(net):
    assert landbridge.Network.default() is net
    assert repr(net).startswith("Network(") and f"{len(net.nodes)} nodes" in repr(net)


def test_links_are_the_files_links(net):
    import json
    features = json.loads((net.folder / "links.geojson").read_text())["features"]
    links = net.links.set_index("id")
    assert len(links) == len(features)
    for feature in features:
        p = feature["properties"]
        link = links.loc[p["id"]]
        assert (link["from"], link["to"], link["mode"]) == (p["from"], p["to"], p["mode"])
        for key in ("length_km", "hours", "usd_per_teu", "co2_kg_per_teu"):
            assert link[key] == p[key], key
        capacity = p.get("capacity_teu_per_day")
        assert math.isnan(link["capacity_teu_per_day"]) if capacity is None else link["capacity_teu_per_day"] == capacity
        assert link["corridors"] == p.get("corridor", [])
    geometry = net.to_geodataframe().set_index("id").geometry
    for feature in features[:20]:
        assert [list(xy) for xy in geometry[feature["properties"]["id"]].coords] == feature["geometry"]["coordinates"]
