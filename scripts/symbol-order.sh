#!/usr/bin/env bash
# Writes cmake/static/symbol_order.txt: the functions and read-only data a few typical `landbridge`
# commands touch, in the order the linker should place them (lld --symbol-ordering-file).
#   scripts/symbol-order.sh BUILD_DIR [OUT_FILE]
#
# Why (docs/assignment.md, "Memory"): the kernel maps a program's file pages 64 KB at a time around
# each page it touches, so peak memory follows how many 64 KB blocks of code and constants a run
# touches, not how much it executes. Linked in source order, the ~300 KB a run of `landbridge assign`
# uses lies spread over most of the 4 MB of code; placed together it fills a few blocks.
#
# How: each command runs under valgrind's lackey (every instruction and data access); the addresses
# inside the executable are mapped to symbols (nm). Symbols come out command by command — what
# `--version` (start-up) touches first, then what each later command adds — so every command's
# working set stays contiguous. Needs valgrind; only for maintainers: the build uses the committed
# list, and a stale list only costs memory (symbols missing from the binary are skipped).
set -euo pipefail

build="${1:?usage: scripts/symbol-order.sh BUILD_DIR [OUT_FILE]}"
out="${2:-cmake/static/symbol_order.txt}"
landbridge="$build/app/landbridge"
tntp="${TNTP_DIR:-../shared/data/tntp}"
command -v valgrind >/dev/null || { echo "symbol-order: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
[ -x "$landbridge" ] || { echo "symbol-order: $landbridge not built" >&2; exit 2; }
[ -d "$tntp/SiouxFalls" ] || { echo "symbol-order: no $tntp/SiouxFalls (set TNTP_DIR)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The commands whose working sets are placed first, most common first. assign is the command whose
# peak memory is a target (issue 3); route is what the demo runs first. About 8 minutes in all.
runs=(
  "--version"
  "assign --tntp $tntp/SiouxFalls --method bush --gap 1e-6 --out $work/flows"
  "assign --tntp $tntp/SiouxFalls --method bush --gap 1e-4 --threads 2 --format json"
  "assign --tntp $tntp/SiouxFalls --method fw --max-iter 20"
  "assign --tntp $tntp/SiouxFalls --method cfw --objective so --max-iter 20"
  "assign --tntp $tntp/SiouxFalls --method bfw --vdf conical --max-iter 20 --format json"
  "route Chongqing Duisburg"
  "route Shanghai Rotterdam --optimize cost --avoid-passage bab-el-mandeb --format json"
  "route Xian Duisburg --optimize generalized --alternatives 3"
  "scenarios"
)
# Not `compare`: under lackey it had not finished after 13 minutes (0.9 s natively); the freight model's
# code is placed in link order after the listed symbols.

i=0
for args in "${runs[@]}"; do
  i=$((i + 1))
  echo "symbol-order: [$i/${#runs[@]}] landbridge $args" >&2
  # lackey prints "I  addr,size" for instructions and " L|S|M addr,size" for data; keep the unique
  # addresses below 2^32 (the executable; heap, stack and vdso lie far above).
  # shellcheck disable=SC2086
  valgrind --tool=lackey --trace-mem=yes --log-fd=9 "$landbridge" $args 9>&1 >/dev/null 2>/dev/null |
    awk '$1 ~ /^[ILSM]$/ { split($2, a, ","); if (length(a[1]) <= 8) print a[1] }' | sort -u > "$work/run$i.txt" || true
  [ -s "$work/run$i.txt" ] || { echo "symbol-order: no trace from: landbridge $args" >&2; exit 1; }
done

nm --defined-only --print-size "$landbridge" > "$work/symbols.txt"
python3 - "$work" "${#runs[@]}" "$out" <<'EOF'
import bisect, sys
work, runs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# Sized code and read-only data symbols of the executable (text, rodata), by address.
symbols = []
for line in open(f"{work}/symbols.txt"):
    parts = line.split()
    if len(parts) == 4 and parts[2] in "tTWwrRVv" and int(parts[1], 16) > 0:
        symbols.append((int(parts[0], 16), int(parts[1], 16), parts[3]))
symbols.sort()
starts = [s[0] for s in symbols]
ordered, seen = [], set()
for r in range(1, runs + 1):
    touched = set()
    for line in open(f"{work}/run{r}.txt"):
        address = int(line, 16)
        k = bisect.bisect_right(starts, address) - 1
        if k >= 0 and address < symbols[k][0] + symbols[k][1]:
            touched.add(k)
    # Within one command, keep the executable's own order (it groups each library's code).
    for k in sorted(touched):
        name = symbols[k][2]
        if name not in seen:
            seen.add(name)
            ordered.append(name)
    print(f"symbol-order: run {r}: {len(touched)} symbols touched, {len(ordered)} listed so far", file=sys.stderr)
with open(out + ".tmp", "w") as f:
    f.write("\n".join(ordered) + "\n")
import os
os.replace(out + ".tmp", out)
print(f"symbol-order: wrote {len(ordered)} symbols to {out}", file=sys.stderr)
EOF
