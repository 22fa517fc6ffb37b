"""The freight model (sea versus rail, corridors, congestion), scenario comparisons and risk sweeps.

assign() gives the figures of `landbridge assign --format json`, compare() those of
`landbridge compare --format json`, sweep() those of `landbridge sweep --format json`: the engine
writes the same JSON document for both, and the DataFrames here are cut from it (docs/python.md)."""
from __future__ import annotations

import copy
import json
import os
import warnings
from functools import cached_property
from pathlib import Path
from typing import Iterable, Union

from . import _frames, _landbridge

__all__ = ["assign", "compare", "access", "sweep", "scenarios", "FreightResult", "FreightSummary", "Comparison", "SweepResult",
           "AccessResult"]


def _network(network):
    from . import Network
    if network is None:
        return Network.default()
    if isinstance(network, Network):
        return network
    return Network.load(network)


def _demand(network, demand):
    """Demand for the network: None (the network's demand.csv), a CSV path, or a DataFrame with the
    CSV's columns (docs/demand-format.md); checked by the engine's reader either way."""
    if demand is None:
        loaded = _landbridge.default_demand(network._net)
    elif isinstance(demand, (str, os.PathLike)):
        loaded = _landbridge.load_demand(network._net, os.fspath(demand))
    elif hasattr(demand, "to_csv"):
        loaded = _landbridge.parse_demand(network._net, demand.to_csv(index=False), "demand DataFrame")
    else:
        raise TypeError(f"demand: expected None, a CSV path or a DataFrame, got {type(demand).__name__}")
    for message in loaded.warnings:
        warnings.warn(message, stacklevel=3)
    return loaded


def _parameters(network, parameters):
    """None (the network's freight-parameters.json), a JSON path, or a dict with that file's keys."""
    if parameters is None:
        return _landbridge.load_parameters(_landbridge.default_parameters_file(os.fspath(network.folder)))
    if isinstance(parameters, (str, os.PathLike)):
        return _landbridge.load_parameters(os.fspath(parameters))
    if isinstance(parameters, dict):
        return _landbridge.parse_parameters(json.dumps(parameters), "parameters dict")
    raise TypeError(f"parameters: expected None, a JSON path or a dict, got {type(parameters).__name__}")


class FreightSummary:
    """The figures of one freight equilibrium as DataFrames, cut from `summary` (the JSON of
    `landbridge assign --format json`, docs/freight.md). TEU are per year."""

    def __init__(self, summary: dict, corridor_modes: dict):
        self.summary = summary
        self._corridor_modes = corridor_modes

    def __repr__(self) -> str:
        teu = self.summary.get("teu_by_mode", {})
        parts = ", ".join(f"{mode} {value:,.0f}" for mode, value in teu.items())
        return f"{type(self).__name__}({self.summary.get('total_teu', 0):,.0f} TEU/year: {parts})"

    @cached_property
    def modes(self):
        """One row per mode: teu, share, value_share, avg_days, avg_usd_per_teu (every *_by_mode key)."""
        return _frames.keyed(self.summary, "_by_mode", "mode")

    @cached_property
    def corridors(self):
        """One row per corridor: its mode, teu, share (every *_by_corridor key)."""
        frame = _frames.keyed(self.summary, "_by_corridor", "corridor")
        frame.insert(0, "mode", [self._corridor_modes.get(name) for name in frame.index])
        return frame

    @cached_property
    def countries(self):
        """Transit per country (cargo neither starting nor ending there): transit_teu, transit_revenue_usd."""
        return _frames.keyed(self.summary, "_by_country", "country", fill=0.0)

    @cached_property
    def markets(self):
        """One row per market pair (regions of origin and destination): its numbers (teu, value_usd)
        and every *_by_market key."""
        return _frames.markets(self.summary)

    @cached_property
    def market_modes(self):
        """By (market, mode): teu, share, value_share, avg_days, avg_usd_per_teu (each market's *_by_mode keys)."""
        return _frames.market_modes(self.summary)

    @cached_property
    def crossings(self):
        """Every capacity link and direction, busiest first: id, from, to, name, teu_per_day,
        background_teu_per_day, capacity_teu_per_day, utilization, delay_hours."""
        return _frames.records(self.summary.get("crossings", []))

    @cached_property
    def commodities(self):
        """By (mode, commodity): teu, avg_days, avg_usd_per_teu (every *_by_mode_commodity key)."""
        return _frames.nested(self.summary, "_by_mode_commodity", ("mode", "commodity"))

    @cached_property
    def directions(self):
        """By (direction, mode), direction = customs territories "CN->EU": teu, share."""
        return _frames.directions(self.summary)

    @property
    def totals(self) -> dict:
        """total_teu, logistics_cost_usd, freight_charges_usd, co2_tonnes (every top-level number)."""
        return _frames.scalars(self.summary)

    @property
    def convergence(self) -> dict:
        return dict(self.summary.get("convergence", {}))

    def to_json(self) -> dict:
        return copy.deepcopy(self.summary)


def _with_geometry(network, flows):
    """flows (one row per arc) with each arc's LineString, drawn in the direction of the arc."""
    from . import _geopandas
    geopandas, LineString, _ = _geopandas()
    links = network._net.link_columns()
    geometry = dict(zip(links["id"], links["geometry"]))
    lines = [LineString(geometry[link][::-1] if reversed_ else geometry[link]) for link, reversed_ in zip(flows["link"], flows["reversed"])]
    return geopandas.GeoDataFrame(flows, geometry=lines, crs="EPSG:4326")


class FreightResult(FreightSummary):
    """`landbridge assign`: the summary's DataFrames plus the flow on every arc (link_flows)."""

    def __init__(self, run: "_landbridge.FreightRun", network):
        super().__init__(json.loads(run.summary_json), run.corridor_modes)
        self._run = run
        self.network = network

    @cached_property
    def link_flows(self):
        """Per arc (each two-way link gives two): link, from, to, mode, reversed, teu_per_day,
        teu_per_year, background_teu_per_day, capacity_teu_per_day (NaN: none), utilization (of the
        demand's flow, as link_flows.csv), delay_hours; the columns of link_flows.csv of
        `landbridge assign --out`, unrounded, and the traffic outside the demand."""
        frame = _frames._pandas().DataFrame(self._run.arc_columns())
        frame.insert(frame.columns.get_loc("teu_per_day") + 1, "teu_per_year", frame["teu_per_day"] * 365.0)
        frame.insert(frame.columns.get_loc("capacity_teu_per_day") + 1, "utilization",
                     frame["teu_per_day"] / frame["capacity_teu_per_day"])
        return frame

    def to_geodataframe(self, loaded_only: bool = True):
        """link_flows with each arc's geometry (GeoDataFrame, EPSG:4326); only arcs with flow unless loaded_only=False."""
        flows = self.link_flows
        if loaded_only:
            flows = flows[flows["teu_per_day"] >= 1e-6]
        return _with_geometry(self.network, flows)


def assign(network=None, demand=None, parameters=None) -> FreightResult:
    """The freight model's equilibrium, as `landbridge assign`.

    network: a Network (default: the embedded one) or a folder; demand: None (the network's
    demand.csv), a CSV path or a DataFrame with its columns; parameters: None (the network's
    freight-parameters.json), a JSON path or a dict. Releases the GIL while it runs."""
    net = _network(network)
    run = _landbridge.assign(net._net, _demand(net, demand), _parameters(net, parameters))
    return FreightResult(run, net)


class Comparison:
    """`landbridge compare`: a baseline and a scenario run and their differences.

    summary is the JSON of `landbridge compare --format json` (docs/scenarios.md); baseline and
    scenario are FreightSummary views of its two runs; modes, corridors and countries put them side
    by side (<figure>_baseline, <figure>_scenario, <figure>_delta)."""

    def __init__(self, run: "_landbridge.ComparisonRun", network):
        self._run = run
        self.network = network
        self.summary = json.loads(run.summary_json)
        modes = run.corridor_modes
        self.baseline = FreightSummary(self.summary["baseline"], modes)
        self.scenario = FreightSummary(self.summary["scenario"], modes)

    def __repr__(self) -> str:
        names = " + ".join(s["name"] for s in self.summary["scenarios"])
        return f"Comparison({names}: {self.baseline!r} -> {self.scenario!r})"

    @property
    def scenarios(self) -> list:
        return [dict(s) for s in self.summary["scenarios"]]

    @cached_property
    def rules(self):
        """What each rule touched: scenario, file, line, key, kind, description, touched, note."""
        return _frames.records(self.summary["rules"])

    @property
    def delta(self) -> dict:
        return copy.deepcopy(self.summary["delta"])

    @cached_property
    def modes(self):
        return _frames.side_by_side(self.baseline.modes, self.scenario.modes, self.summary["delta"], "_by_mode")

    @cached_property
    def corridors(self):
        frame = _frames.side_by_side(self.baseline.corridors.drop(columns="mode"), self.scenario.corridors.drop(columns="mode"),
                                     self.summary["delta"], "_by_corridor")
        frame.insert(0, "mode", [self.baseline._corridor_modes.get(name) for name in frame.index])
        return frame

    @cached_property
    def countries(self):
        frame = _frames.side_by_side(self.baseline.countries, self.scenario.countries, self.summary["delta"], "_by_country")
        return frame.fillna(0.0)

    @cached_property
    def markets(self):
        frame = _frames.side_by_side(self.baseline.markets, self.scenario.markets, self.summary["delta"], "_by_market")
        return frame

    @cached_property
    def crossings(self):
        """Every capacity link in either run: baseline and scenario flow, capacity, use and delay."""
        return _frames.records(self.summary["delta"]["crossings"])

    @property
    def saturated_crossings(self) -> list:
        return list(self.summary["delta"]["saturated_crossings"])

    @property
    def closed_links(self) -> list:
        return list(self.summary["delta"]["closed_links"])

    @cached_property
    def link_flows(self):
        """Per arc: link, from, to, mode, reversed, baseline/scenario teu_per_day, capacity_teu_per_day,
        background_teu_per_day, delay_hours, and closed (closed for every commodity in the scenario)."""
        return _frames._pandas().DataFrame(self._run.arc_columns())

    def to_geodataframe(self, loaded_only: bool = True):
        """link_flows with geometry; only arcs with flow in either run or closed unless loaded_only=False."""
        flows = self.link_flows
        if loaded_only:
            flows = flows[(flows["baseline_teu_per_day"] >= 1e-6) | (flows["scenario_teu_per_day"] >= 1e-6) | flows["closed"]]
        return _with_geometry(self.network, flows)

    def write(self, folder) -> Path:
        """Writes what `landbridge compare --out DIR` writes: summary.json, flows.geojson, CSVs, report.html."""
        from . import data_folder
        folder = Path(folder)
        self._run.write(os.fspath(folder), os.fspath(data_folder() / "geo" / "countries-110m.geojson"))
        return folder

    def to_json(self) -> dict:
        return copy.deepcopy(self.summary)


def compare(scenarios: Union[str, Iterable[str]], network=None, demand=None, parameters=None) -> Comparison:
    """The freight model with and without the scenarios (built-in names or TOML files, applied in
    order), as `landbridge compare --scenario ...`. network, demand, parameters as for assign()."""
    from . import _names, data_folder
    net = _network(network)
    run = _landbridge.compare(net._net, _demand(net, demand), _parameters(net, parameters), _names(scenarios),
                              os.fspath(data_folder()))
    return Comparison(run, net)


class AccessResult:
    """`landbridge access`: summary is the JSON of `landbridge access --format json` (docs/access.md)."""

    def __init__(self, summary: dict):
        self.summary = summary

    def __repr__(self) -> str:
        return f"AccessResult({self.summary['commodity']}: ranking {', '.join(self.summary['ranking'])})"

    @cached_property
    def ranking(self):
        """One row per site, by rank: site, name, country, potential (bn USD), markets_reached."""
        rows = [{k: s[k] for k in ("site", "name", "country", "potential", "rank", "markets_reached")} for s in self.summary["sites"]]
        return _frames.records(sorted(rows, key=lambda r: r["rank"]), index="rank")

    @cached_property
    def markets(self):
        """One row per site and market: the delivered cost's parts, days, mode, blocked (None or the reason)."""
        rows = []
        for s in self.summary["sites"]:
            for m in s["markets"]:
                rows.append({"site": s["site"], **{k: v for k, v in m.items() if k != "fill"}})
        return _frames.records(rows)

    def to_json(self) -> dict:
        return copy.deepcopy(self.summary)


def access(from_: str, compare: Iterable[str] = (), commodity: str = "machinery", value: Optional[float] = None,
           scenarios=None, network=None, demand=None, parameters=None, markets=None, duties=None) -> AccessResult:
    """Market access from production sites, as `landbridge access FROM --compare ...` (docs/access.md):
    delivered cost per TEU to each market, days, mode, market potential and ranking. markets and duties:
    CSV paths (default: data/access/markets.csv and duties.csv); network, demand, parameters as for assign()."""
    from . import _names, data_folder
    net = _network(network)
    data = data_folder()
    summary = _landbridge.access(net._net, _demand(net, demand), _parameters(net, parameters), from_, list(compare), commodity,
                                 value, _names(scenarios), os.fspath(markets or data / "access" / "markets.csv"),
                                 os.fspath(duties or data / "access" / "duties.csv"), os.fspath(data))
    return AccessResult(json.loads(summary))


def scenarios():
    """The built-in scenarios (data/scenarios/*.toml): name, title, description, file, as `landbridge scenarios`."""
    from . import data_folder
    return _frames.records(_landbridge.builtin_scenarios(os.fspath(data_folder())))


class SweepResult:
    """`landbridge sweep`: summary is the JSON of `landbridge sweep --format json` (docs/sweeps.md)."""

    def __init__(self, run: "_landbridge.SweepRun"):
        self._run = run
        self.summary = json.loads(run.summary_json)

    def __repr__(self) -> str:
        return f"SweepResult({self.summary['risk_model']}: {self.summary['samples']} samples, seed {self.summary['seed']})"

    @cached_property
    def percentiles(self):
        """One row per figure: label, unit_raw, baseline, p50, p90, p95, p99, mean, min, max."""
        return _frames.records(self.summary["metrics"], index="metric")

    @cached_property
    def countries(self):
        """Transit TEU per country: the same columns as percentiles."""
        return _frames.records(self.summary["transit_teu_by_country"], index="metric")

    @cached_property
    def criticality(self):
        """Each element closed for the whole period, ranked by the rise of the shippers' expected cost."""
        return _frames.records(self.summary["criticality"], index="rank")

    @cached_property
    def samples(self):
        """Every figure (and transit per country) per sample, in sample order."""
        frame = _frames._pandas().DataFrame(self._run.sample_values())
        frame.index.name = "sample"
        return frame

    @property
    def element_frequency(self) -> dict:
        return dict(self.summary["sampled_element_frequency"])

    def write_report(self, folder) -> Path:
        """Writes summary.json, percentiles.csv, criticality.csv and report.html (no SQLite store)."""
        folder = Path(folder)
        self._run.write_report(os.fspath(folder))
        return folder

    def to_json(self) -> dict:
        return copy.deepcopy(self.summary)


def sweep(samples: int = 1000, seed: int = 1, risk=None, network=None, demand=None, parameters=None, threads: int = 0,
          criticality: bool = True, max_iterations: int = 100, cold_start: bool = False) -> SweepResult:
    """A Monte Carlo risk sweep as `landbridge sweep` (docs/sweeps.md), held in memory: no SQLite
    store, no resuming. risk: a risk model TOML file (default data/risk/eurasia.toml); threads: 0 =
    all cores. The results are identical for any thread count."""
    from . import data_folder
    net = _network(network)
    risk_file = _landbridge.default_risk_file(os.fspath(data_folder())) if risk is None else os.fspath(risk)
    run = _landbridge.sweep(net._net, _demand(net, demand), _parameters(net, parameters), risk_file, samples, seed, threads,
                            criticality, max_iterations, cold_start)
    return SweepResult(run)
