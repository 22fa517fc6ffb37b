"""Several Python threads on one network: the same answers as one thread, and long calls let other
threads run (the GIL is released while the engine works)."""
import threading
import time

import landbridge
from conftest import SHARED_DIR

PLACES = ["CNCKG", "CNXIY", "CNSHA", "DEDUI", "PLMAL", "NLRTM", "Hamburg", "Alashankou", "Dostyk", "Brest", "Rotterdam",
          "Chongqing", "Duisburg", "Shanghai"]
CRITERIA = ["time", "cost", "co2", "generalized"]


def queries():
    return [(a, b, CRITERIA[(i + j) % len(CRITERIA)], ["LT"] if (i * j) % 3 == 0 else [], "suez" if (i + j) % 4 == 0 else [])
            for i, a in enumerate(PLACES) for j, b in enumerate(PLACES) if a != b]


def answer(net, query):
    a, b, optimize, avoid_countries, avoid_passages = query
    route = net.route(a, b, optimize=optimize, avoid_countries=avoid_countries, avoid_passages=avoid_passages, alternatives=1)
    return None if route is None else route.to_json()


def test_two_threads_route_as_one(net):
    work = queries()
    alone = [answer(net, q) for q in work]
    results = {}
    start = threading.Barrier(2)

    def run(name, order):
        start.wait()
        # each thread goes through every query several times, in its own order
        results[name] = {i: answer(net, work[i]) for _ in range(3) for i in order}

    threads = [threading.Thread(target=run, args=("forward", range(len(work)))),
               threading.Thread(target=run, args=("backward", range(len(work) - 1, -1, -1)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name in ("forward", "backward"):
        assert [results[name][i] for i in range(len(work))] == alone


def test_threads_on_two_networks(net):
    from conftest import TEST_DATA
    tiny = landbridge.Network.load(TEST_DATA / "tiny-freight")
    expected_big = net.route("Chongqing", "Duisburg").to_json()
    node_ids = list(tiny.nodes["id"])
    expected_tiny = tiny.route(node_ids[0], node_ids[-1])
    expected_tiny = None if expected_tiny is None else expected_tiny.to_json()
    failures = []

    def run():
        for _ in range(200):  # alternate: each thread's query slot moves between the two networks
            if net.route("Chongqing", "Duisburg").to_json() != expected_big:
                failures.append("big")
            small = tiny.route(node_ids[0], node_ids[-1])
            if (None if small is None else small.to_json()) != expected_tiny:
                failures.append("tiny")

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_long_calls_release_the_gil():
    """While a traffic assignment runs in one thread, this one keeps running Python."""
    window = {}

    def solve():
        window["start"] = time.perf_counter()
        window["result"] = landbridge.traffic(SHARED_DIR / "data" / "tntp" / "Anaheim", gap=1e-9, method="fw",
                                              max_iterations=300)
        window["end"] = time.perf_counter()

    worker = threading.Thread(target=solve)
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    inside = [t for t in ticks if window["start"] < t < window["end"]]
    elapsed = window["end"] - window["start"]
    assert elapsed > 0.1, "the assignment was too quick to tell"
    # holding the GIL for the whole call would leave this thread one tick at most
    assert len(inside) >= 10, (len(inside), elapsed)


def test_two_threads_assign_as_one(net):
    from conftest import without_seconds
    alone = without_seconds(landbridge.freight.assign(net).summary)
    results = []
    start = threading.Barrier(2)

    def run():
        start.wait()
        results.append(without_seconds(landbridge.freight.assign(net).summary))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [alone, alone]
