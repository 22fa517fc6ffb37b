#!/usr/bin/env bash
# fuzz/run.sh BUILD_DIR SECONDS [TARGET...]: builds the libFuzzer targets (fuzz/targets.cmake) with
# clang-14, AddressSanitizer and UndefinedBehaviorSanitizer in BUILD_DIR, then runs each target (all
# of them by default) for SECONDS, one after the other. The growing corpus lives in
# BUILD_DIR/corpus/<target> (seeded from fuzz/corpus/<target>); a crash, leak, timeout or
# out-of-memory input is copied to tests/fuzz/regressions/<target>/ so the replay test keeps it.
# Prints one line per target (executions, coverage, crashes) and writes them to BUILD_DIR/fuzz-summary.txt.
# Exit status 1 if any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLANDBRIDGE_WERROR=ON \
  -DLANDBRIDGE_FUZZ=ON -DLANDBRIDGE_SANITIZE=address,undefined \
  -DLANDBRIDGE_BUILD_TESTS=OFF -DLANDBRIDGE_BUILD_BENCH=OFF -DLANDBRIDGE_BUILD_REPORT_PAGE=OFF >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then mapfile -t targets <"$build/fuzz/targets.txt"; fi
cmake --build "$build" -j "$jobs" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

summary="$build/fuzz-summary.txt"
printf '%-20s %8s %12s %8s %8s %8s %8s\n' target seconds executions exec/s cov ft findings | tee "$summary"
status=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t" artifacts="$build/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  # Dictionary: fuzz/dict/<target>.dict, else the one named by the target's first word (tntp_*).
  options=(-max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 -print_final_stats=1
           -artifact_prefix="$artifacts/")
  for dict in "fuzz/dict/$t.dict" "fuzz/dict/${t%%_*}.dict"; do
    if [ -f "$dict" ]; then options+=(-dict="$dict"); break; fi
  done
  log="$build/fuzz-$t.log"
  # 2 GB of memory and 10 s per input at most: more is a finding (docs/reliability.md lists the limits).
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/fuzz/fuzz_$t" "${options[@]}" "$corpus" "fuzz/corpus/$t" >"$log" 2>&1 || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  found=0
  for f in "$artifacts"/*; do
    [ -f "$f" ] || continue
    found=$((found + 1))
    mkdir -p "tests/fuzz/regressions/$t"
    cp "$f" "tests/fuzz/regressions/$t/$(basename "$f")"
    echo "  $t: $(basename "$f") -> tests/fuzz/regressions/$t/ (log: $log)" >&2
    rm "$f"
  done
  [ "$found" -gt 0 ] && status=1
  printf '%-20s %8s %12s %8s %8s %8s %8s\n' "$t" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$found" |
    tee -a "$summary"
done
exit $status
