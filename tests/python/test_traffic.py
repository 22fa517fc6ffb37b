"""TNTP traffic assignment from Python against `landbridge traffic --format json`; link flows as numpy
arrays over the engine's memory."""
import gc

import numpy as np
import pytest

import landbridge
from conftest import SHARED_DIR, SOURCE_DIR, run_cli, without_seconds

SIOUX_FALLS = SHARED_DIR / "data" / "tntp" / "SiouxFalls"


@pytest.mark.parametrize("options, flags", [
    ({}, []),
    ({"method": "bfw", "objective": "so", "gap": 1e-5}, ["--method", "bfw", "--objective", "so", "--gap", "1e-5"]),
    ({"vdf": "conical", "conical_alpha": 6.0, "method": "fw", "max_iterations": 50},
     ["--vdf", "conical", "--conical-alpha", "6", "--method", "fw", "--max-iter", "50"]),
])
def test_traffic_equals_the_command(options, flags):
    expected = run_cli("traffic", "--tntp", SIOUX_FALLS, "--format", "json", *flags).json()
    result = landbridge.traffic(SIOUX_FALLS, **options)
    links = expected.pop("links")
    assert without_seconds(result.summary) == without_seconds(expected)
    assert result.status == expected["status"] and result.tstt == expected["tstt"]
    # the command prints doubles exactly (17 significant digits), so the flows are equal, not close
    assert list(result.link_flow) == [link["flow"] for link in links]
    assert list(result.link_cost) == [link["cost"] for link in links]
    assert list(result.links["tail"]) == [int(link["tail"]) for link in links]
    assert list(result.links["head"]) == [int(link["head"]) for link in links]


def test_link_flow_is_a_view_without_copy():
    result = landbridge.traffic(SIOUX_FALLS, method="aon")
    flow = result.link_flow
    assert isinstance(flow, np.ndarray) and flow.dtype == np.float64
    assert not flow.flags.owndata and not flow.flags.writeable
    again = result.link_flow
    assert again.__array_interface__["data"][0] == flow.__array_interface__["data"][0]  # the same memory
    copy = flow.copy()
    del result, again
    gc.collect()
    assert np.array_equal(flow, copy)  # the array keeps the engine's result alive
    assert flow.sum() > 0


def test_unroutable_demand_message(tmp_path):
    case = SOURCE_DIR / "tests" / "assignment" / "data" / "disconnected"
    expected = run_cli("traffic", "--tntp", case).error()
    with pytest.raises(landbridge.InputError) as raised:
        landbridge.traffic(case)
    assert str(raised.value) == expected


def test_vdf_parameters_are_named_as_keywords():
    expected = run_cli("traffic", "--tntp", SIOUX_FALLS, "--vdf", "akcelik", "--akcelik-j", "0").error()
    with pytest.raises(landbridge.InputError) as raised:
        landbridge.traffic(SIOUX_FALLS, vdf="akcelik", akcelik_j=0)
    assert str(raised.value) == expected.replace('"--akcelik-j"', '"akcelik_j"')
    with pytest.raises(landbridge.InputError, match='field "method": expected one of'):
        landbridge.traffic(SIOUX_FALLS, method="dijkstra")
