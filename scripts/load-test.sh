#!/usr/bin/env bash
# Load test of `landbridge serve` on loopback (run by hand or by `make load-test`; not part of `make test`).
# Starts the server (its default limits) on a free port of 127.0.0.1, warms it up, then:
#  1. wrk with keep-alive against GET /v1/route, rotating over real route queries, for DURATION s;
#  2. the same while hold_connections (bench/server) keeps HOLD_IDLE idle and HOLD_TRICKLE trickling
#     connections open (a request line, then a header line a second; the server cuts them at its
#     header deadline and they are opened again), then wrk against /health the same way;
#  3. SIGTERM in the middle of a wrk run: the exit status and how long the server took to stop.
# Reports requests per second, p50/p99 latency, errors (non-2xx answers and socket errors), the
# server's RSS (before, after, and its peak), and the share of the CPU the server, wrk and other
# processes used meanwhile (others make figures worse).
#   scripts/load-test.sh [BINARY]            default build/app/landbridge
#   DURATION=20 CONNECTIONS=8 WRK_THREADS=1 CACHE_MB=64 HOLD_IDLE=1000 HOLD_TRICKLE=50 scripts/load-test.sh
# CACHE_MB=0 turns the server's answer cache off, so every request is routed and serialized anew.
# Exit status 1 on any error, an RSS growth over RSS_GROWTH_KB, or a SIGTERM that does not end the
# server with status 0 within its shutdown deadline; with STRICT=1 also when a target is missed
# (>= 10,000 requests/s and p99 < 5 ms without held connections; p99 < 50 ms for /v1/route and
# /health and RSS < 100 MB with them; 2 cores, the load generator on the same machine).
set -euo pipefail

binary=${1:-build/app/landbridge}
duration=${DURATION:-10}
connections=${CONNECTIONS:-8}
wrk_threads=${WRK_THREADS:-1}
cache_mb=${CACHE_MB:-64}
hold_idle=${HOLD_IDLE:-1000}
hold_trickle=${HOLD_TRICKLE:-50}
holder=${HOLDER:-$(dirname "$binary")/../bench/server/hold_connections}
rss_growth_limit_kb=${RSS_GROWTH_KB:-8192}
command -v wrk >/dev/null || { echo "load-test: wrk is missing (apt-get install wrk, or scripts/install-deps.sh)" >&2; exit 1; }
[ -x "$binary" ] || { echo "load-test: no binary at $binary (make build)" >&2; exit 1; }
[ -x "$holder" ] || { echo "load-test: no hold_connections at $holder (make build)" >&2; exit 1; }

work=$(mktemp -d /tmp/landbridge-load.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" serve --host 127.0.0.1 --port 0 --cache-mb "$cache_mb" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=""
for _ in $(seq 200); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/server.out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "load-test: the server did not start" >&2; exit 1; }
url="http://127.0.0.1:$port"

# /health over bash's /dev/tcp, so no HTTP client beyond wrk is needed.
health() {
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  local status
  status=$(head -n1 <&3)
  exec 3<&-
  [[ $status == *" 200 "* ]]
}
for _ in $(seq 100); do health && break; sleep 0.1; done
health || { echo "load-test: no answer from /health" >&2; exit 1; }

# Real queries: several corridors, criteria and avoid-rules.
cat >"$work/routes.lua" <<'LUA'
local paths = {
  "/v1/route?from=Chongqing&to=Duisburg",
  "/v1/route?from=CNCKG&to=DEDUI&avoid_country=BY",
  "/v1/route?from=Shanghai&to=Rotterdam&optimize=cost",
  "/v1/route?from=Shanghai&to=Rotterdam&optimize=cost&avoid_passage=bab-el-mandeb",
  "/v1/route?from=Xian&to=Duisburg&optimize=co2",
  "/v1/route?from=CNXIY&to=PLMAL&optimize=generalized&value_of_time=5",
  "/v1/route?from=Chongqing&to=Duisburg&avoid_country=RU",
  "/v1/route?from=Xian&to=Duisburg&optimize=cost&avoid_mode=ferry",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
# CPU clock ticks: the machine's busy and total (from /proc/stat), the server's (all its threads).
machine_ticks() { awk '/^cpu / {busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6}' /proc/stat; }
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

echo "load-test: $binary serve on $url, default limits, cache $cache_mb MB; wrk $wrk_threads thread(s), $connections connections, ${duration}s; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t "$wrk_threads" -c "$connections" -d 3s -s "$work/routes.lua" "$url" >/dev/null  # warm-up
rss_before=$(rss_kb)
read -r busy_before total_before < <(machine_ticks)
server_before=$(server_ticks)
# wrk's own CPU time through time(1) when it is there, so the CPU of other processes can be told apart.
timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -f "%U %S" -o "$work/wrk.time"); fi
"${timer[@]}" wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --latency -s "$work/routes.lua" "$url" | tee "$work/wrk.out"
read -r busy_after total_after < <(machine_ticks)
server_after=$(server_ticks)
rss_after=$(rss_kb)

# p99 in milliseconds whatever unit wrk chose (us, ms, s).
to_ms() { echo "$1" | awk '{v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /[0-9]s$/ && $1 !~ /ms$/) v *= 1000; print v}'; }
# requests/s, p50, p99, non-2xx, socket errors of a wrk output
wrk_figures() {
  local rps p50 p99 non2xx socket_errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$1")
  p50=$(awk '/^ +50%/ {print $2}' "$1")
  p99=$(awk '/^ +99%/ {print $2}' "$1")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$1")
  socket_errors=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$1")
  echo "$rps $p50 $p99 ${non2xx:-0} ${socket_errors:-0}"
}
read -r rps p50 p99 non2xx socket_errors < <(wrk_figures "$work/wrk.out")
p99_ms=$(to_ms "$p99")
# The share of the machine's CPU (all cores) that the server, wrk and everything else used during the run:
# other processes compete for the same cores and make the figures worse.
ticks_per_s=$(getconf CLK_TCK)
total=$((total_after - total_before))
server_pct=$(awk -v a="$server_before" -v b="$server_after" -v t="$total" 'BEGIN {printf "%.0f", (t > 0) ? 100 * (b - a) / t : 0}')
cpu_note="server ${server_pct} % of the CPU"
if [ -s "$work/wrk.time" ]; then
  read -r wrk_user wrk_sys <"$work/wrk.time"
  wrk_pct=$(awk -v u="$wrk_user" -v s="$wrk_sys" -v hz="$ticks_per_s" -v t="$total" 'BEGIN {printf "%.0f", (t > 0) ? 100 * (u + s) * hz / t : 0}')
  other_pct=$(awk -v busy=$((busy_after - busy_before)) -v sa="$server_before" -v sb="$server_after" -v u="$wrk_user" -v s="$wrk_sys" \
                  -v hz="$ticks_per_s" -v t="$total" 'BEGIN {o = busy - (sb - sa) - (u + s) * hz; if (o < 0) o = 0; printf "%.0f", (t > 0) ? 100 * o / t : 0}')
  cpu_note="$cpu_note, wrk ${wrk_pct} %, other processes ${other_pct} %"
fi

echo
echo "summary: $rps requests/s, p50 $p50, p99 $p99, errors: $non2xx non-2xx, $socket_errors socket; RSS ${rss_before} kB -> ${rss_after} kB; $cpu_note"
status=0
if [ "$non2xx" != 0 ] || [ "$socket_errors" != 0 ]; then echo "FAIL: errors during the run"; status=1; fi
if (( rss_after - rss_before > rss_growth_limit_kb )); then echo "FAIL: RSS grew by $((rss_after - rss_before)) kB"; status=1; fi
# target MET(0/1) TEXT: says whether a target was met; with STRICT=1 a missed one fails the run.
target() {
  if [ "$1" = 1 ]; then echo "target met: $2"; else echo "target missed: $2"; [ "${STRICT:-0}" = 1 ] && status=1; fi
  return 0
}
target "$(awk -v r="$rps" -v p="$p99_ms" 'BEGIN {print (r >= 10000 && p < 5) ? 1 : 0}')" ">= 10,000 requests/s and p99 < 5 ms"

# 2. The same with idle and trickling connections held open (long enough for the server's 10 s header
# deadline to cut the trickling ones at least once), then /health.
echo
echo "== with $hold_idle idle and $hold_trickle trickling connections held open"
hold_seconds=$(awk -v d="$duration" 'BEGIN {print 2 * d + 8}')
"$holder" --port "$port" --idle "$hold_idle" --trickle "$hold_trickle" --seconds "$hold_seconds" >"$work/holder.out" &
holder_pid=$!
sleep 3  # all opened
held_rss=$(rss_kb)
wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --latency -s "$work/routes.lua" "$url" >"$work/wrk-held.out"
wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --latency "$url/health" >"$work/wrk-health.out"
held_rss_after=$(rss_kb)
peak_rss=$(awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status")
wait "$holder_pid" || true
read -r h_rps h_p50 h_p99 h_non2xx h_socket < <(wrk_figures "$work/wrk-held.out")
read -r health_rps health_p50 health_p99 health_non2xx health_socket < <(wrk_figures "$work/wrk-health.out")
echo "held: /v1/route $h_rps requests/s, p50 $h_p50, p99 $h_p99, errors: $h_non2xx non-2xx, $h_socket socket"
echo "held: /health $health_rps requests/s, p50 $health_p50, p99 $health_p99, errors: $health_non2xx non-2xx, $health_socket socket"
echo "held: server RSS ${held_rss} kB with the connections open, ${held_rss_after} kB after the runs, peak ${peak_rss} kB"
cat "$work/holder.out"
if [ "$h_non2xx" != 0 ] || [ "$h_socket" != 0 ] || [ "$health_non2xx" != 0 ] || [ "$health_socket" != 0 ]; then
  echo "FAIL: errors while connections were held"; status=1
fi
target "$(awk -v a="$(to_ms "$h_p99")" -v b="$(to_ms "$health_p99")" -v ra="$h_rps" -v rb="$health_rps" -v r="$peak_rss" \
            'BEGIN {print (ra > 0 && rb > 0 && a < 50 && b < 50 && r < 100 * 1024) ? 1 : 0}')" \
       "/v1/route and /health answered with p99 < 50 ms and RSS < 100 MB with the connections held"

# 3. SIGTERM in the middle of a wrk run: the server must finish what is in flight and exit 0 within
# its shutdown deadline (10 s by default). wrk's errors after the signal are expected: connections
# refused once the server has stopped, and requests sent on a connection the server closed while idle.
echo
echo "== SIGTERM during load"
wrk -t "$wrk_threads" -c "$connections" -d 4s -s "$work/routes.lua" "$url" >"$work/wrk-stop.out" 2>&1 &
wrk_pid=$!
sleep 2
stop_start=$(date +%s.%N)
kill -TERM "$server_pid"
stop_status=0
wait "$server_pid" || stop_status=$?
stop_seconds=$(awk -v a="$stop_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.3f", b - a}')
server_pid=""
wait "$wrk_pid" || true
echo "stop: exit status $stop_status after $stop_seconds s; $(tail -n 1 "$work/server.out")"
if [ "$stop_status" != 0 ] || awk -v s="$stop_seconds" 'BEGIN {exit !(s > 10)}'; then
  echo "FAIL: the server did not stop with status 0 within 10 s"; status=1
fi
exit $status
