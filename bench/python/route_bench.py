#!/usr/bin/env python3
"""Per-call overhead of the Python binding: the same route queries from Python and from C++.

    PYTHONPATH=build/python /usr/bin/python3 bench/python/route_bench.py [--build build] [--queries 10000] [--repeats 7]

Draws QUERIES (origin, destination) pairs of places (terminals, seaports, hubs, border stations) of
the embedded network with a fixed seed, runs them through Network.route() (fastest route, no
avoid-rules; the Route object built) and through the same library call in C++
(build/bench/python/python_route_baseline: routing::find_routes with the same names and options),
REPEATS times each (in turn, so that both see the same load), and prints the time per call and the
difference: what Python adds per call (argument conversion, GIL release, the result object). Figures in
docs/python.md.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import landbridge


def place_pairs(net, count: int, seed: int) -> list:
    nodes = net.nodes
    places = sorted(nodes.loc[nodes["kind"].isin(["terminal", "seaport", "hub", "border"]), "id"])
    rng = random.Random(seed)
    pairs = []
    while len(pairs) < count:
        a, b = rng.choice(places), rng.choice(places)
        if a != b:
            pairs.append((a, b))
    return pairs


def time_python(net, pairs):
    """Wall and CPU seconds of one pass over the pairs, routes found, their hours summed."""
    found, hours = 0, 0.0
    cpu_start, start = time.process_time(), time.perf_counter()
    for a, b in pairs:
        route = net.route(a, b)
        if route is not None:
            found += 1
            hours += route.total_hours
    return time.perf_counter() - start, time.process_time() - cpu_start, found, hours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build", help="CMake build folder (holds bench/python/python_route_baseline)")
    parser.add_argument("--queries", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    baseline = Path(args.build) / "bench" / "python" / "python_route_baseline"
    if not baseline.exists():
        sys.exit(f"{baseline} is missing: build it (cmake --build {args.build} --target python_route_baseline)")
    print(f"machine: {os.cpu_count()} CPUs; load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print(f"python {sys.version.split()[0]} ({sys.executable}), landbridge {landbridge.__version__} from {Path(landbridge.__file__).parent}")

    net = landbridge.Network.default()
    pairs = place_pairs(net, args.queries, args.seed)
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
        f.write("".join(f"{a}\t{b}\n" for a, b in pairs))
        pairs_file = f.name
    try:
        # C++ and Python in turn, one repeat each, so that both see the same load.
        times = {"cpp": [], "cpp_cpu": [], "py": [], "py_cpu": []}
        for _ in range(args.repeats):
            cpp = json.loads(subprocess.run([str(baseline), str(net.folder), pairs_file, "1"], check=True,
                                            capture_output=True, text=True).stdout)
            times["cpp"] += cpp["seconds"]
            times["cpp_cpu"] += cpp["cpu_seconds"]
            wall, cpu, found, hours = time_python(net, pairs)
            times["py"].append(wall)
            times["py_cpu"].append(cpu)
    finally:
        os.unlink(pairs_file)
    if found != cpp["found"] or abs(hours - cpp["hours_checksum"]) > 1e-6 * max(1.0, hours):
        sys.exit(f"Python and C++ answered differently: {found} routes / {hours:.6f} h against {cpp['found']} / {cpp['hours_checksum']:.6f}")

    def per_call_us(seconds):
        return [1e6 * s / len(pairs) for s in seconds]

    print(f"{len(pairs):,} route queries ({found:,} with a route), {args.repeats} repeats; microseconds per call")
    print(f"{'':24} {'wall median':>12} {'wall best':>10} {'CPU median':>11} {'CPU best':>9}")
    us = {key: per_call_us(value) for key, value in times.items()}
    for label, key in [("C++ (find_routes)", "cpp"), ("Python (Network.route)", "py")]:
        print(f"{label:24} {statistics.median(us[key]):12.2f} {min(us[key]):10.2f} "
              f"{statistics.median(us[key + '_cpu']):11.2f} {min(us[key + '_cpu']):9.2f}")
    overhead = {kind: [p - c for p, c in zip(us["py" + kind], us["cpp" + kind])] for kind in ("", "_cpu")}
    print(f"{'overhead (paired)':24} {statistics.median(overhead['']):12.2f} {min(overhead['']):10.2f} "
          f"{statistics.median(overhead['_cpu']):11.2f} {min(overhead['_cpu']):9.2f}")
    print(f"10,000 queries from Python: {statistics.median(us['py']) * 10000 / 1e6:.3f} s wall (median repeat)")
    print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")


if __name__ == "__main__":
    main()
