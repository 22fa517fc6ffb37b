"""Road traffic assignment on TNTP networks (`landbridge traffic`, docs/assignment.md)."""
from __future__ import annotations

import copy
import json
import os
from functools import cached_property
from typing import Optional

from . import _landbridge


class TrafficResult:
    """summary is the JSON of `landbridge traffic --format json` without its links; link_flow,
    link_cost, tail and head are read-only numpy arrays over the engine's own vectors (no copy),
    in the net file's link order, with tail and head as dense node ids (TNTP node - 1)."""

    def __init__(self, run: "_landbridge.TrafficRun"):
        self._run = run
        self.summary = json.loads(run.summary_json)

    def __getattr__(self, name):
        # status, relative_gap, iterations, seconds, tstt, sptt, beckmann_objective, network, method ...
        summary = self.__dict__.get("summary", {})
        if name in summary:
            return summary[name]
        raise AttributeError(name)

    def __repr__(self) -> str:
        s = self.summary
        return f"TrafficResult({s['network']}: {s['method']} {s['objective']}, {s['status']}, relative gap {s['relative_gap']:.3g})"

    @property
    def link_flow(self):
        return self._run.link_flow

    @property
    def link_cost(self):
        return self._run.link_cost

    @property
    def tail(self):
        return self._run.tail

    @property
    def head(self):
        return self._run.head

    @cached_property
    def links(self):
        """tail, head (TNTP node numbers), flow, cost: the links of `landbridge traffic --format json`, unrounded."""
        import pandas
        return pandas.DataFrame({"tail": self.tail + 1, "head": self.head + 1, "flow": self.link_flow, "cost": self.link_cost})

    def to_json(self) -> dict:
        return copy.deepcopy(self.summary)


def traffic(tntp, method: str = "bush", objective: str = "ue", gap: float = 1e-4, max_iterations: int = 100000,
            max_seconds: float = 3600.0, threads: int = 1, toll_factor: Optional[float] = None,
            distance_factor: Optional[float] = None, vdf: str = "bpr", conical_alpha: float = 4.0, akcelik_j: float = 0.1,
            akcelik_period: float = 1.0, time_units_per_hour: float = 60.0) -> TrafficResult:
    """User equilibrium (objective="ue") or system optimum ("so") on the TNTP network in folder
    `tntp` (one *_net.tntp and one *_trips.tntp), as `landbridge traffic --tntp DIR`: method aon, fw,
    cfw, bfw or bush; toll_factor and distance_factor default to the net file's metadata; vdf bpr,
    conical or akcelik with its parameters. Releases the GIL while it runs."""
    return TrafficResult(_landbridge.traffic(os.fspath(tntp), method, objective, gap, max_iterations, max_seconds, threads,
                                             toll_factor, distance_factor, vdf, conical_alpha, akcelik_j, akcelik_period,
                                             time_units_per_hour))
