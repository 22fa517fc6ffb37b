"""Risk sweeps from Python against `landbridge sweep --format json`."""
import json
from pathlib import Path

import pytest

import landbridge
from conftest import run_cli

HERE = Path(__file__).resolve().parent

SWEEP = {"samples": 4, "seed": 7, "threads": 1}


@pytest.mark.parametrize("risk, criticality", [(None, False), (HERE / "data" / "two-elements.toml", True)])
def test_sweep_equals_the_command(tmp_path, risk, criticality):
    args = ["sweep", "--samples", SWEEP["samples"], "--seed", SWEEP["seed"], "--threads", 1, "--out", tmp_path / "store", "--format", "json"]
    if risk is not None:
        args += ["--risk", risk]
    if not criticality:
        args.append("--no-criticality")
    expected = run_cli(*args).json()
    result = landbridge.sweep(risk=risk, criticality=criticality, **SWEEP)
    assert result.summary == expected
    percentiles = result.percentiles
    assert list(percentiles.index) == [m["metric"] for m in expected["metrics"]]
    for metric in expected["metrics"]:
        assert percentiles.loc[metric["metric"], "p95"] == metric["p95"]
    assert len(result.samples) == SWEEP["samples"]
    assert result.samples["rail_share"].max() == pytest.approx(percentiles.loc["rail_share", "max"])
    assert len(result.criticality) == len(expected["criticality"])
    report = result.write_report(tmp_path / "report")
    assert json.loads((report / "summary.json").read_text()) == expected
    if criticality:  # threads do not change the result
        assert landbridge.sweep(risk=risk, criticality=criticality, samples=SWEEP["samples"], seed=SWEEP["seed"], threads=2).summary == expected
