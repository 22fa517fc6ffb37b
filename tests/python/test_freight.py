"""The freight model, a scenario comparison and a risk sweep from Python against the command's JSON."""
import csv
import json
import math

import pandas as pd
import pytest

import landbridge
from conftest import SOURCE_DIR, TEST_DATA, run_cli, without_seconds



@pytest.fixture(scope="module")
def assigned(net):
    return landbridge.freight.assign(net)


@pytest.fixture(scope="module")
def assigned_by_command(tmp_path_factory):
    out = tmp_path_factory.mktemp("assign")
    return run_cli("assign", "--format", "json", "--out", out).json(), out


def test_assign_equals_the_command(assigned, assigned_by_command):
    expected, _ = assigned_by_command
    assert without_seconds(assigned.summary) == without_seconds(expected)
    assert assigned.convergence["converged"] is expected["convergence"]["converged"]


def test_frames_hold_every_figure_of_the_summary(assigned):
    summary = assigned.summary
    modes = assigned.modes
    for key, value in summary.items():
        if key.endswith("_by_mode") and isinstance(value, dict):
            assert modes[key[: -len("_by_mode")]].to_dict() == value
    corridors = assigned.corridors
    assert corridors["teu"].to_dict() == summary["teu_by_corridor"]
    assert set(corridors["mode"]) == set(summary["teu_by_mode"])
    assert corridors.loc["northern", "mode"] == "rail" and corridors.loc["sea-suez", "mode"] == "sea"
    countries = assigned.countries
    assert countries["transit_teu"][countries["transit_teu"] > 0].to_dict() == {
        k: v for k, v in summary["transit_teu_by_country"].items() if v > 0}
    assert assigned.crossings.to_dict("records") == summary["crossings"]
    commodities = assigned.commodities
    for mode, by_commodity in summary["teu_by_mode_commodity"].items():
        for commodity, teu in by_commodity.items():
            assert commodities.loc[(mode, commodity), "teu"] == teu
    directions = assigned.directions
    for direction, inner in summary["by_direction"].items():
        for mode, teu in inner["teu_by_mode"].items():
            assert directions.loc[(direction, mode), "teu"] == teu
    assert assigned.totals["total_teu"] == summary["total_teu"]
    markets = assigned.markets
    assert markets["teu"].to_dict() == summary["teu_by_market"]
    for market, inner in summary["by_market"].items():
        assert markets.loc[market, "value_usd"] == inner["value_usd"]
        for mode, teu in inner["teu_by_mode"].items():
            assert assigned.market_modes.loc[(market, mode), "teu"] == teu


def test_link_flows_equal_the_commands_csv(assigned, assigned_by_command):
    _, out = assigned_by_command
    with open(out / "link_flows.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    flows = assigned.link_flows
    assert len(flows) == len(rows)
    for (_, got), want in zip(flows.iterrows(), rows):
        assert (got["link"], got["from"], got["to"], got["mode"]) == (want["link"], want["from"], want["to"], want["mode"])
        assert abs(got["teu_per_day"] - float(want["teu_per_day"])) <= 0.0005 + 1e-9
        assert abs(got["teu_per_year"] - float(want["teu_per_year"])) <= 0.05 + 1e-6
        assert abs(got["delay_hours"] - float(want["delay_hours"])) <= 0.0005 + 1e-9
        if want["capacity_teu_per_day"]:
            assert abs(got["capacity_teu_per_day"] - float(want["capacity_teu_per_day"])) <= 0.05
            assert abs(got["utilization"] - float(want["utilization"])) <= 0.00005 + 1e-9
        else:
            assert math.isnan(got["capacity_teu_per_day"]) and math.isnan(got["utilization"])
    loaded = assigned.to_geodataframe()
    assert len(loaded) == (flows["teu_per_day"] >= 1e-6).sum()


def test_demand_and_parameters_given_as_python_objects(net, assigned):
    demand = pd.read_csv(SOURCE_DIR / "data" / "eurasia" / "demand.csv")
    parameters = json.loads((SOURCE_DIR / "data" / "eurasia" / "freight-parameters.json").read_text())
    again = landbridge.freight.assign(net, demand=demand, parameters=parameters)
    assert without_seconds(again.summary) == without_seconds(assigned.summary)
    half = demand.assign(teu_per_year=demand["teu_per_year"] / 2)
    halved = landbridge.freight.assign(net, demand=half, parameters=parameters)
    assert halved.summary["total_teu"] == pytest.approx(assigned.summary["total_teu"] / 2, abs=1)


def test_another_network_by_folder():
    tiny = TEST_DATA / "tiny-freight"
    expected = run_cli("assign", "--network", tiny, "--format", "json").json()
    result = landbridge.freight.assign(tiny)
    assert without_seconds(result.summary) == without_seconds(expected)


def test_compare_equals_the_command(net, tmp_path):
    by_command = tmp_path / "by-command"
    expected = run_cli("compare", "--scenario", "red-sea-closure", "--format", "json", "--out", by_command).json()
    comparison = landbridge.compare(["red-sea-closure"], network=net)
    assert without_seconds(comparison.summary) == without_seconds(expected)
    assert [s["name"] for s in comparison.scenarios] == ["red-sea-closure"]
    assert comparison.baseline.modes.equals(landbridge.freight.FreightSummary(expected["baseline"], {}).modes)
    modes = comparison.modes
    assert modes.loc["rail", "teu_baseline"] == expected["baseline"]["teu_by_mode"]["rail"]
    assert modes.loc["rail", "teu_scenario"] == expected["scenario"]["teu_by_mode"]["rail"]
    assert modes.loc["rail", "teu_delta"] == expected["delta"]["teu_by_mode"]["rail"]
    corridors = comparison.corridors
    assert corridors.loc["sea-suez", "teu_scenario"] == 0 and corridors.loc["sea-suez", "mode"] == "sea"
    assert corridors["teu_delta"].to_dict() == expected["delta"]["teu_by_corridor"]
    if "teu_by_market" in expected["delta"]:
        assert comparison.markets["teu_delta"].to_dict() == expected["delta"]["teu_by_market"]
    assert comparison.crossings.to_dict("records") == expected["delta"]["crossings"]
    assert comparison.closed_links == expected["delta"]["closed_links"]
    flows = comparison.link_flows
    assert set(flows.loc[flows["closed"], "link"]) == set(expected["delta"]["closed_links"])
    # write() writes what --out writes
    out = comparison.write(tmp_path / "compare")
    for name in ["summary.json", "flows.geojson"]:
        assert without_seconds(json.loads((out / name).read_text())) == without_seconds(json.loads((by_command / name).read_text()))
    for name in ["link_flows.csv", "modes.csv", "corridors.csv", "countries.csv", "crossings.csv"]:
        assert (out / name).read_text() == (by_command / name).read_text(), name
    assert (out / "report.html").stat().st_size > 10000


def test_builtin_scenarios_equal_the_command():
    listed = run_cli("scenarios").out.decode()
    names = list(landbridge.scenarios()["name"])
    assert "red-sea-closure" in names
    for name in names:
        assert name in listed


def test_access_equals_the_command(net):
    result = landbridge.access("Great Stone", compare=["Łódź", "Budapest", "Khorgos"], commodity="machinery",
                               scenarios="before-2022-sanctions", network=net)
    expected = run_cli("access", "Great Stone", "--compare", "Łódź,Budapest,Khorgos", "--commodity", "machinery",
                       "--scenario", "before-2022-sanctions", "--format", "json").json()
    assert result.summary == expected
    assert list(result.ranking["site"]) == expected["ranking"]
    assert len(result.markets) == 4 * len(expected["markets"])
    de = result.markets[(result.markets.site == "BYGST") & (result.markets.market == "DE")].iloc[0]
    assert de.freight_usd + de.time_cost_usd + de.customs_usd + de.duty_usd == pytest.approx(de.usd_per_teu, abs=0.05)
    with pytest.raises(landbridge.InputError, match='field "commodity": unknown commodity "toys"'):
        landbridge.access("Great Stone", commodity="toys", network=net)
