"""landbridge: China-Europe freight corridors from Python.

Every figure comes from the C++ engine (the `_landbridge` extension); this package only turns its
answers into pandas DataFrames, GeoDataFrames and dicts. See docs/python.md.

    import landbridge
    net = landbridge.Network.default()
    route = net.route("Chongqing", "Duisburg", avoid_countries=["BY"])
    route.total_days, route.legs
    result = landbridge.freight.assign(net)
    result.modes
    cmp = landbridge.compare(["red-sea-closure"])
    cmp.corridors
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Iterable, Optional, Union

from . import _landbridge
from ._landbridge import InputError

__version__ = "0.1.0"
__all__ = [
    "InputError", "Network", "Route", "data_folder", "freight", "compare", "access", "sweep", "scenarios", "traffic",
    "Comparison", "AccessResult", "SweepResult", "TrafficResult",
]

PathLike = Union[str, "os.PathLike[str]"]
Names = Union[str, Iterable[str], None]


def data_folder() -> Path:
    """The folder holding eurasia/, scenarios/, risk/ and geo/: $LANDBRIDGE_DATA if set (as for the
    command), else the copy installed with the package, else the source tree the module was built from."""
    env = os.environ.get("LANDBRIDGE_DATA")
    if env:
        return Path(env)
    packaged = Path(__file__).resolve().parent / "data"
    if (packaged / "eurasia").is_dir():
        return packaged
    return Path(_landbridge.compiled_data_folder())


def _names(values: Names) -> list:
    """A list of names from one name, any iterable of names, or None."""
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values]


def _pandas():
    import pandas  # imported on first use: `import landbridge` stays quick for routing loops
    return pandas


def _geopandas():
    try:
        import geopandas
        from shapely.geometry import LineString, Point
    except ImportError as error:  # pragma: no cover - depends on the machine
        raise ImportError("to_geodataframe() needs geopandas (Debian: python3-geopandas)") from error
    return geopandas, LineString, Point


class Network:
    """A network loaded once, immutable, safe to share between threads.

    Network.default() is the embedded Eurasia network; Network.load(folder) reads nodes.geojson and
    links.geojson from a folder (docs/network-format.md). Bad files raise InputError with the
    command's message."""

    _defaults: dict = {}
    _defaults_lock = threading.Lock()

    def __init__(self, loaded: "_landbridge.Network"):
        self._net = loaded
        self._frames: dict = {}

    @classmethod
    def load(cls, folder: PathLike) -> "Network":
        return cls(_landbridge.load_network(os.fspath(folder)))

    @classmethod
    def default(cls) -> "Network":
        """The embedded Eurasia network (data/eurasia), loaded once per process."""
        folder = data_folder() / "eurasia"
        with cls._defaults_lock:
            if folder not in cls._defaults:
                cls._defaults[folder] = cls.load(folder)
            return cls._defaults[folder]

    @property
    def folder(self) -> Path:
        return Path(self._net.folder)

    def __repr__(self) -> str:
        return f"Network({str(self.folder)!r}: {self._net.node_count} nodes, {self._net.link_count} links)"

    def _frame(self, name: str, make):
        if name not in self._frames:
            self._frames[name] = make()
        return self._frames[name].copy()

    @property
    def nodes(self):
        """Nodes as a DataFrame: id, name, kind, country, lat, lon, free_zone, customs_hours, customs_usd, passage, source."""
        return self._frame("nodes", lambda: _pandas().DataFrame(self._net.node_columns()))

    @property
    def links(self):
        """Links as a DataFrame: id, from, to, mode, length_km, hours, usd_per_teu, co2_kg_per_teu,
        capacity_teu_per_day (NaN: none), background_teu_per_day (and _reverse), carrier_change_hours,
        carrier_change_usd, gauge_mm, transfer, passage, corridors, oneway, source."""
        def make():
            columns = self._net.link_columns()
            del columns["geometry"]
            return _pandas().DataFrame(columns)
        return self._frame("links", make)

    def to_geodataframe(self, layer: str = "links"):
        """Links (LineStrings) or nodes (Points) as a GeoDataFrame in EPSG:4326 (lon, lat)."""
        geopandas, LineString, Point = _geopandas()
        if layer == "links":
            columns = self._net.link_columns()
            geometry = [LineString(points) for points in columns.pop("geometry")]
            return geopandas.GeoDataFrame(columns, geometry=geometry, crs="EPSG:4326")
        if layer == "nodes":
            nodes = self.nodes
            return geopandas.GeoDataFrame(nodes, geometry=[Point(xy) for xy in zip(nodes["lon"], nodes["lat"])], crs="EPSG:4326")
        raise ValueError(f'layer: expected "links" or "nodes", got {layer!r}')

    def search(self, text: str = ""):
        """Nodes whose id or name contains the text (diacritics optional), best matches first, as `landbridge nodes --search`."""
        ids = self._net.search(text)
        nodes = self.nodes.set_index("id", drop=False)
        return nodes.loc[ids].reset_index(drop=True)

    def resolve(self, place: str) -> list:
        """The node ids a place name or id means (a city may have a seaport and a rail terminal)."""
        return self._net.resolve(place, "place")

    def route(self, from_: str, to: str, optimize: str = "time", modes: Names = None, avoid_countries: Names = None,
              avoid_passages: Names = None, avoid_modes: Names = None, avoid_nodes: Names = None,
              avoid_links: Names = None, alternatives: int = 0,
              value_of_time: float = _landbridge.default_value_of_time, co2_price: float = 0.0) -> Optional["Route"]:
        """The best route by optimize = "time" | "cost" | "co2" | "generalized", as `landbridge route`.

        from_ and to are node ids or names; modes limits the route to these modes (and the transfers
        between them), as --mode; avoid_* take one name or a list (ISO2 countries, chokepoint tags,
        modes, node ids, link ids); alternatives (0-9) adds materially different
        routes (Route.alternatives). value_of_time (USD per TEU-hour) and co2_price (USD per tonne)
        price the generalized cost. Returns None when the avoid-rules leave no route; bad input
        (unknown place, country, passage...) raises InputError."""
        found = _landbridge.route(self._net, from_, to, optimize, _names(modes), _names(avoid_countries), _names(avoid_passages),
                                  _names(avoid_modes), _names(avoid_nodes), _names(avoid_links), alternatives,
                                  value_of_time, co2_price)
        return None if found is None else Route(found, 0)

    def table(self, origins: Names, destinations: Names = None, optimize: str = "time", modes: Names = None,
              avoid_countries: Names = None,
              avoid_passages: Names = None, avoid_modes: Names = None, avoid_nodes: Names = None,
              avoid_links: Names = None, value_of_time: float = _landbridge.default_value_of_time,
              co2_price: float = 0.0):
        """Best-route values between places as `landbridge table`: one row per (origin, destination)
        with value (in the criterion's unit), hours, usd, km, co2_kg; NaN where there is no route.
        destinations default to the origins. df.pivot(index="origin", columns="destination", values="value")
        gives the matrix."""
        columns = _landbridge.table(self._net, _names(origins), _names(destinations), optimize, _names(modes), _names(avoid_countries),
                                    _names(avoid_passages), _names(avoid_modes), _names(avoid_nodes), _names(avoid_links),
                                    value_of_time, co2_price)
        frame = _pandas().DataFrame({k: v for k, v in columns.items() if k != "optimize"})
        frame.attrs["optimize"] = columns["optimize"]
        return frame


class Route:
    """One route: totals, legs, countries and passages; the best route also holds its alternatives."""

    __slots__ = ("_routes", "_index", "origin", "origin_name", "destination", "destination_name", "optimize", "value",
                 "total_km", "total_hours", "total_days", "total_usd", "total_co2_kg", "customs_hours", "customs_usd",
                 "rest_hours", "gauge_changes", "countries", "passages")

    def __init__(self, routes: "_landbridge.RouteSet", index: int):
        self._routes = routes
        self._index = index
        (self.origin, self.origin_name, self.destination, self.destination_name, self.optimize, self.value,
         self.total_km, self.total_hours, self.total_days, self.total_usd, self.total_co2_kg, self.customs_hours,
         self.customs_usd, self.rest_hours, self.gauge_changes, self.countries, self.passages) = routes.fields(index)

    def __repr__(self) -> str:
        return (f"Route({self.origin_name or self.origin} -> {self.destination_name or self.destination}: "
                f"{self.total_days:.1f} days, {self.total_km:,.0f} km, {self.total_usd:,.0f} USD/TEU, "
                f"{self.total_co2_kg:,.0f} kg CO2; {'-'.join(self.countries)})")

    @property
    def totals(self) -> dict:
        """km, hours, days, usd, co2_kg, customs_hours, customs_usd, rest_hours (customs included in hours
        and usd; truck drivers' breaks and rests in hours)."""
        return {"km": self.total_km, "hours": self.total_hours, "days": self.total_days, "usd": self.total_usd,
                "co2_kg": self.total_co2_kg, "customs_hours": self.customs_hours, "customs_usd": self.customs_usd,
                "rest_hours": self.rest_hours}

    @property
    def legs(self):
        """Legs as a DataFrame: from, from_name, to, to_name, mode, transfer, km, hours, usd, co2_kg,
        customs_hours, customs_usd, rest_hours, countries, passages."""
        return _pandas().DataFrame(self._routes.legs(self._index))

    @property
    def alternatives(self) -> list:
        """The alternatives found with this route (for the best route; empty for an alternative)."""
        if self._index != 0:
            return []
        return [Route(self._routes, i) for i in range(1, len(self._routes))]

    def to_json(self) -> dict:
        """The JSON of `landbridge route --format json` (rounded as the command rounds)."""
        return json.loads(self._routes.json(self._index, self._index == 0))

    def to_geojson(self) -> dict:
        """The FeatureCollection of `landbridge route --format geojson`: a LineString per leg, Points at the ends."""
        return json.loads(self._routes.geojson(self._index, self._index == 0))

    def to_geodataframe(self):
        """The legs (and end points) of to_geojson() as a GeoDataFrame in EPSG:4326."""
        geopandas, _, _ = _geopandas()
        return geopandas.GeoDataFrame.from_features(self.to_geojson()["features"], crs="EPSG:4326")


from . import freight  # noqa: E402  (needs Network above)
from .freight import AccessResult, Comparison, SweepResult, access, compare, scenarios, sweep  # noqa: E402
from ._traffic import TrafficResult, traffic  # noqa: E402
