#!/usr/bin/env bash
# Risk-sweep throughput on the embedded network: samples and freight equilibria per second with 1
# and 2 threads, 2 MPI ranks of 1 thread, and the cold start for comparison; equilibria solved and
# their iterations, states taken from the cache; parallel efficiency.
#   bench/sweep/sweep_bench.sh [BINARY]        default build/app/landbridge
#   SAMPLES=200 SEED=1 bench/sweep/sweep_bench.sh
# Every run evaluates the same samples (same seed), so the rates compare like for like; the
# criticality sweep is left out (--no-criticality). See docs/sweeps.md for the latest figures.
set -euo pipefail
binary=${1:-build/app/landbridge}
samples=${SAMPLES:-200}
seed=${SEED:-1}
work=$(mktemp -d /tmp/landbridge-sweep-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$binary" ] || { echo "sweep_bench: no binary at $binary (make build)" >&2; exit 1; }
echo "== machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== landbridge sweep --samples $samples --seed $seed --no-criticality (embedded network, default risk model)"

# Prints "samples/s equilibria/s seconds equilibria solved iterations-each cached bytes/sample" from
# a run's summary line (docs/sweeps.md).
measure() {
  local name=$1; shift
  "$@" sweep --samples "$samples" --seed "$seed" --no-criticality --out "$work/$name" "${EXTRA[@]}" >/dev/null 2>"$work/$name.err" || {
    cat "$work/$name.err" >&2; return 1; }
  sed -n 's/^sweep: [0-9]* new samples (\([0-9]*\) freight equilibria) in \([0-9.]*\) s .*: \([0-9.]*\) samples\/s, \([0-9.]*\) equilibria\/s; \([0-9]*\) equilibria solved (\([0-9.]*\) iterations each), \([0-9]*\) taken from the cache; \([0-9]*\) bytes per sample.*/\3 \4 \2 \1 \5 \6 \7 \8/p' "$work/$name.err"
}

declare -A rate
printf '%-24s %10s %13s %8s %11s %7s %10s %7s %13s\n' "run" "samples/s" "equilibria/s" "seconds" "equilibria" "solved" "iter/solve" "cached" "bytes/sample"
row() {
  local name=$1; shift
  local line
  line=$(measure "$name" "$@")
  [ -n "$line" ] || { echo "sweep_bench: no summary line from '$name' (see $work/$name.err)" >&2; cat "$work/$name.err" >&2; exit 1; }
  read -r samples_s solves_s seconds solves solved iterations cached bytes <<<"$line"
  rate[$name]=$samples_s
  printf '%-24s %10s %13s %8s %11s %7s %10s %7s %13s\n' "$name" "$samples_s" "$solves_s" "$seconds" "$solves" "$solved" "$iterations" "$cached" "$bytes"
}
EXTRA=(--threads 1); row "1 thread" "$binary"
EXTRA=(--threads 1 --cold-start); row "1 thread, cold start" "$binary"
EXTRA=(--threads 2); row "2 threads" "$binary"
if command -v mpirun >/dev/null; then
  EXTRA=(--threads 1); row "2 MPI ranks x 1 thread" mpirun --allow-run-as-root --oversubscribe -np 2 "$binary"
fi
# The same stored results whatever the parallelism (bit for bit, all but the timing column).
q="SELECT sample, quote(perceived_cost_usd), quote(rail_teu), quote(avg_days), iterations FROM samples ORDER BY sample"
if command -v sqlite3 >/dev/null; then
  a=$(sqlite3 "$work/1 thread/sweep.sqlite" "$q" | md5sum); b=$(sqlite3 "$work/2 threads/sweep.sqlite" "$q" | md5sum)
  echo "identical results, 1 vs 2 threads: $([ "$a" = "$b" ] && echo yes || echo NO)"
  if [ -f "$work/2 MPI ranks x 1 thread/sweep.sqlite" ]; then
    c=$(sqlite3 "$work/2 MPI ranks x 1 thread/sweep.sqlite" "$q" | md5sum)
    echo "identical results, 1 thread vs 2 MPI ranks: $([ "$a" = "$c" ] && echo yes || echo NO)"
  fi
fi
awk -v one="${rate[1 thread]}" -v two="${rate[2 threads]}" -v mpi="${rate[2 MPI ranks x 1 thread]:-0}" 'BEGIN {
  printf "parallel efficiency (samples/s against 2 x one thread): 2 threads %.0f %%", 100 * two / (2 * one);
  if (mpi > 0) printf ", 2 MPI ranks %.0f %%", 100 * mpi / (2 * one);
  printf "\n" }'
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
