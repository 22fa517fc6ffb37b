"""DataFrames from the engine's JSON documents, by key pattern rather than a fixed list of keys, so
that figures the freight model adds later ("..._by_mode", "..._by_corridor") appear as new columns."""
from __future__ import annotations

import numbers


def _pandas():
    import pandas
    return pandas


def _is_number_map(value) -> bool:
    return isinstance(value, dict) and all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in value.values())


def keyed(summary: dict, suffix: str, index_name: str, fill=None):
    """One column per key "<name><suffix>" holding {key: number}, named <name>, indexed by key."""
    columns = {key[: -len(suffix)]: value for key, value in summary.items() if key.endswith(suffix) and _is_number_map(value)}
    frame = _pandas().DataFrame(columns)
    if fill is not None:
        frame = frame.fillna(fill)
    frame.index.name = index_name
    return frame


def nested(summary: dict, suffix: str, index_names: tuple):
    """One column per key "<name><suffix>" holding {outer: {inner: number}}, with a (outer, inner) index."""
    pd = _pandas()
    columns = {}
    for key, value in summary.items():
        if key.endswith(suffix) and isinstance(value, dict) and all(_is_number_map(v) for v in value.values()):
            columns[key[: -len(suffix)]] = {(outer, inner): x for outer, inner_map in value.items() for inner, x in inner_map.items()}
    frame = pd.DataFrame(columns)
    if len(frame):
        frame.index = pd.MultiIndex.from_tuples(frame.index, names=index_names)
    return frame


def _modes_by(groups: dict, name: str):
    """{group: {"teu_by_mode": {...}, "share_by_mode": {...}}} indexed by (group, mode)."""
    pd = _pandas()
    if not groups:
        return pd.DataFrame()
    return pd.concat({group: keyed(inner, "_by_mode", "mode") for group, inner in groups.items()}, names=[name, "mode"])


def directions(summary: dict):
    """by_direction, indexed by (direction, mode); direction = customs territories ("CN->EU")."""
    return _modes_by(summary.get("by_direction", {}), "direction")


def markets(summary: dict):
    """by_market ({"CN->EU": {"teu": ..., "value_usd": ..., "teu_by_mode": {...}}}) and every *_by_market key,
    one row per market pair."""
    pd = _pandas()
    frame = keyed(summary, "_by_market", "market")
    numbers = pd.DataFrame({name: scalars(inner) for name, inner in summary.get("by_market", {}).items()}).T
    if len(numbers):
        frame = numbers.join(frame.drop(columns=[c for c in frame.columns if c in numbers.columns]), how="outer")
    frame.index.name = "market"
    return frame


def market_modes(summary: dict):
    """Each market's *_by_mode keys, indexed by (market, mode)."""
    return _modes_by(summary.get("by_market", {}), "market")


def records(items: list, index=None):
    """A list of JSON objects as rows (crossings, percentiles, criticality)."""
    frame = _pandas().DataFrame(items)
    if index is not None and index in frame.columns:
        frame = frame.set_index(index)
    return frame


def scalars(summary: dict) -> dict:
    """The top-level numbers (total_teu, logistics_cost_usd, co2_tonnes ...)."""
    return {key: value for key, value in summary.items() if isinstance(value, numbers.Number) and not isinstance(value, bool)}


def side_by_side(baseline, scenario, delta: dict, suffix: str):
    """Columns <name>_baseline, <name>_scenario and, where the engine reports it, <name>_delta."""
    pd = _pandas()
    columns = {}
    for name in dict.fromkeys(list(baseline.columns) + list(scenario.columns)):
        if name in baseline:
            columns[f"{name}_baseline"] = baseline[name]
        if name in scenario:
            columns[f"{name}_scenario"] = scenario[name]
        if _is_number_map(delta.get(name + suffix)):
            columns[f"{name}_delta"] = pd.Series(delta[name + suffix], dtype=float)
    frame = pd.DataFrame(columns)
    frame.index.name = baseline.index.name or scenario.index.name
    return frame
