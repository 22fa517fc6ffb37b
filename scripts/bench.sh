#!/usr/bin/env bash
# Runs the benchmarks of an existing build (builds nothing) and prints a summary with speed-ups.
#   scripts/bench.sh BUILD_DIR          (make bench calls it with the build folder)
# Environment:
#   BENCH_FILTER   regex passed to routing_bench --benchmark_filter (default: all)
#   E2E_RUNS       runs of the end-to-end `landbridge route` timing (default 30)
# See docs/benchmarks.md for what is measured and the latest figures.
set -euo pipefail

build="${1:?usage: scripts/bench.sh BUILD_DIR}"
build="${build%/}"
routing_bench="$build/bench/routing/routing_bench"
landbridge="$build/app/landbridge"
runs="${E2E_RUNS:-30}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- routing_bench (Google Benchmark) -------------------------------------------------------
if [ -x "$routing_bench" ]; then
  echo "== $routing_bench"
  "$routing_bench" --benchmark_filter="${BENCH_FILTER:-.}" \
    --benchmark_out="$out/routing.json" --benchmark_out_format=json
else
  echo "== $routing_bench not built (needs libbenchmark-dev and libboost-graph-dev); skipped" >&2
fi

# ---- other engineers' benchmarks -------------------------------------------------------------
shopt -s nullglob
for b in "$build"/bench/assignment/*; do
  if [ -f "$b" ] && [ -x "$b" ]; then
    echo "== $b"
    "$b"
  fi
done
shopt -u nullglob

# ---- market access: 4 sites x all markets (docs/access.md, target < 50 ms) ----------------------
if [ -x "$build/bench/access/access_bench" ]; then
  echo "== $build/bench/access/access_bench"
  "$build/bench/access/access_bench"
fi

# ---- the backcast: seven years of the embedded history (docs/history.md, target 3 s) -----------
if [ -x "$build/bench/history/history_bench" ]; then
  echo "== $build/bench/history/history_bench"
  "$build/bench/history/history_bench"
fi

# ---- risk sweeps: samples and equilibria per second, threads and MPI ranks ----------------------
if [ -x "$landbridge" ] && [ -x bench/sweep/sweep_bench.sh ]; then
  echo "== bench/sweep/sweep_bench.sh (SAMPLES=${SWEEP_SAMPLES:-100})"
  SAMPLES="${SWEEP_SAMPLES:-100}" bench/sweep/sweep_bench.sh "$landbridge"
fi

# ---- end to end: the whole `landbridge route` command, start-up and loading included ---------
e2e_median_ms=""
if [ -x "$landbridge" ]; then
  cmd=("$landbridge" route Chongqing Duisburg)
  "${cmd[@]}" >/dev/null  # fails loudly here rather than inside the timing
  if command -v hyperfine >/dev/null 2>&1; then
    echo "== hyperfine: ${cmd[*]} ($runs runs)"
    hyperfine --shell=none --warmup 3 --runs "$runs" --export-json "$out/e2e.json" "${cmd[*]}"
    # hyperfine reports seconds; take the "median" field.
    e2e_median_ms=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$out/e2e.json" | head -1 |
                    awk '{printf "%.1f", $1 * 1000}')
  else
    echo "== ${cmd[*]}: $runs runs timed with date +%s%N (hyperfine not installed)"
    for ((i = 0; i < 3; ++i)); do "${cmd[@]}" >/dev/null; done
    for ((i = 0; i < runs; ++i)); do
      t0=$(date +%s%N)
      "${cmd[@]}" >/dev/null
      t1=$(date +%s%N)
      echo $(((t1 - t0) / 1000))
    done | sort -n >"$out/e2e_us.txt"
    e2e_median_ms=$(awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000}' "$out/e2e_us.txt")
  fi
else
  echo "== $landbridge not built; end-to-end timing skipped" >&2
fi

# ---- summary -----------------------------------------------------------------------------------
echo
echo "================================ summary ================================"
if [ -f "$out/routing.json" ]; then
  # Google Benchmark's JSON has one field per line: "name", ..., "real_time", "cpu_time", "time_unit".
  awk '
    /"name":/ { name = $0; sub(/.*"name": *"/, "", name); sub(/",?$/, "", name) }
    /"real_time":/ { r = $2; sub(/,$/, "", r) }
    /"cpu_time":/ { c = $2; sub(/,$/, "", c) }
    /"time_unit":/ {
      stat = name; sub(/.*_/, "", stat)
      if (stat != "median" && stat != "min") next
      base = name; sub(/\/iterations:.*|\/repeats:.*/, "", base)
      real[base, stat] = r + 0; cpu[base, stat] = c + 0
      if (!(base in seen)) { seen[base] = 1; order[++count] = base }
    }
    END {
      print "Route queries (RouterQuery::route on the embedded network), us, median of 5 repetitions:"
      printf "  %-48s %10s %10s\n", "case", "real", "CPU"
      for (i = 1; i <= count; ++i) {
        b = order[i]
        if (b !~ /^RouteQuery\//) continue
        printf "  %-48s %10.2f %10.2f\n", substr(b, 12), real[b, "median"], cpu[b, "median"]
      }
      print ""
      print "One-to-all shortest paths, ms per tree (median of 5 repetitions of 20 sources; min CPU too):"
      printf "  %-10s %-22s %10s %10s %10s %10s\n", "graph", "implementation", "real", "CPU", "min CPU", "CPU ratio"
      for (i = 1; i <= count; ++i) {
        b = order[i]
        if (b !~ /^OneToAll\//) continue
        split(b, p, "/"); g = p[2]; impl = p[3]
        ours = "OneToAll/" g "/ours"
        ratio = (cpu[ours, "median"] > 0) ? cpu[b, "median"] / cpu[ours, "median"] : 0
        printf "  %-10s %-22s %10.2f %10.2f %10.2f %9.2fx\n", g, impl, real[b, "median"], cpu[b, "median"], cpu[b, "min"], ratio
      }
      print "  (CPU ratio = that implementation'"'"'s median CPU time / ours: how many times faster ours is)"
    }' "$out/routing.json"
  echo
  echo "Targets: route query < 10 us median; one-to-all >= 1.5x Boost CSR and >= 2x Boost adjacency_list."
fi
if [ -n "$e2e_median_ms" ]; then
  echo "End to end: '$landbridge route Chongqing Duisburg' median ${e2e_median_ms} ms over $runs runs (target < 100 ms)"
fi
