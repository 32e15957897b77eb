#!/usr/bin/env bash
# HTTP load benchmark: a real Redline server and a load generator in a second JVM on the same
# machine (loopback), beside the floor: a minimal Javalin handler that parses the same JSON and
# inserts the same row through the same group commit (io.redline.bench.load.FloorServer), measured
# first in the same invocation, on the same database. Runs on embedded SQLite (every commit
# fsynced) and on a real PostgreSQL started for the run from Debian's binaries with its default
# durability (fsync, synchronous commit). Prints per database the floor's sustained rate,
# Redline's as a ratio to it, Redline's p99 at half the floor's rate, the BRIEF's fixed-rate and
# sustained phases, server start to /readyz, and heap and RSS idle and after the load.
# The sustained phases of the floor and Redline take turns, ROUNDS times (default 3), and the ratio
# is the median of the rounds' ratios: the floor is bound by the disk's fsync time, which on a
# shared VM moved by 2x within minutes (5,811 then 11,307 items/s, an hour apart, nothing else
# running), while Redline is bound by CPU; measured minutes apart, their ratio measured the disk.
# Each server is warmed up until its JIT compiler threads take under 5% of its CPU over a 15 s
# round (at most 8 rounds), so the sustained figures are the steady state a long-running service
# is in, not Redline's larger code base still being compiled: after only 15 s of load the C2
# threads took a third of Redline's CPU in the next 20 s (docs/benchmarks.md, session 9). How long
# that took, and the JIT's share of the measured phase, are printed.
#   bench/http.sh [RATE=1000] [SECONDS=30] [sqlite|postgresql|both=both] [ROUNDS=3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RATE="${1:-1000}"
SECONDS_RUN="${2:-30}"
WHICH="${3:-both}"
ROUNDS="${4:-3}"
PORT="${REDLINE_BENCH_PORT:-18080}"
FLOOR_PORT=$((PORT + 1))
DATA="$(mktemp -d /tmp/redline-bench-XXXXXX)"

./redline --version >/dev/null   # builds the server if needed and selects the JDK
source bench/common.sh
redline_jdk
build_bench
JVM=(-XX:+UseZGC -Xmx1g --enable-native-access=ALL-UNNAMED)  # the floor gets the server's default heap
PIDS=()
# Every PID is killed already on a complete run: under set -e a failing kill here made the script exit 1.
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$DATA"; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"
echo "== disk for $DATA: $(df -h "$DATA" | tail -1 | awk '{print $1, $2}')"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

req_per_s() { sed -n 's/.* \([0-9]*\) req\/s = .*/\1/p' | tail -1; }
memory() { # PID: heap in use (ZGC's own count) and resident set size
  local heap
  heap=$(jcmd "$1" GC.heap_info 2>/dev/null | sed -n 's/.*used \([0-9]*M\).*/\1/p' | head -1)
  echo "heap used ${heap:-?}, RSS $(ps -o rss= -p "$1" | awk '{printf "%.0f MiB", $1/1024}'), CPU time $(ps -o time= -p "$1" | xargs)"
}
ticks() { # PID [JIT]: CPU ticks of the process, or with JIT of its JIT compiler threads only
  local t sum=0
  if [[ -z "${2:-}" ]]; then stat_ticks "/proc/$1/stat"; return; fi
  for t in /proc/"$1"/task/*; do
    [[ "$(cat "$t/comm" 2>/dev/null)" == C[12]\ Compiler* ]] || continue
    sum=$((sum + $(stat_ticks "$t/stat")))
  done
  echo "$sum"
}
jit_share() { # PID PROCESS_TICKS_BEFORE JIT_TICKS_BEFORE: the JIT's percentage of the process's CPU since then
  awk -v p=$(( $(ticks "$1") - $2 )) -v j=$(( $(ticks "$1" jit) - $3 )) 'BEGIN{printf "%.0f", (p > 0 ? 100 * j / p : 0)}'
}
warm_up() { # PID LOAD_ARGS...: 15 s rounds of load until the JIT took under 5% of the process's CPU in one
  local pid="$1" round p j share=100
  shift
  for round in $(seq 1 8); do
    p=$(ticks "$pid"); j=$(ticks "$pid" jit)
    load "$@" >/dev/null 2>&1
    share=$(jit_share "$pid" "$p" "$j")
    (( share < 5 )) && break
  done
  echo "== warm-up: $((round * 15)) s of load until the JIT settled (its share of the last 15 s: ${share}%)"
}
settle() { # PID: wait until the process is idle (under 10% of a core over a second), at most 30 s
  local i a b
  for i in $(seq 1 30); do
    a=$(ticks "$1"); sleep 1; b=$(ticks "$1")
    (( b - a < 10 )) && return 0
  done
  echo "   (still busy after 30 s)"
}
server_pid() { # the JVM serving on port $1 (the launcher execs it, but find it by its command line anyway)
  local p
  for p in $(pgrep -f "io.redline.server.cli.Main serve"); do
    grep -q -- "$1" "/proc/$p/cmdline" 2>/dev/null && { echo "$p"; return; }
  done
}

# bench DB_NAME FLOOR_JDBC_URL [REDLINE_DB_URL]: one database's whole run
bench() {
  local name="$1" floor_url="$2" redline_url="${3:-}" dir="$DATA/$1" token floor server jpid t0 out floor_rate red_rate half p j
  mkdir -p "$dir/floor" "$dir/redline"
  echo
  echo "######## $name"
  # ---- the floor and Redline, both started and warmed up, then their sustained phases in turn
  "$JAVA" "${JVM[@]}" -cp "$CLASSPATH_BENCH" io.redline.bench.load.FloorServer "$FLOOR_PORT" floor-token \
    "$floor_url" > "$dir/floor.log" 2>&1 &
  floor=$!; PIDS+=("$floor")
  for _ in $(seq 1 150); do grep -q ready "$dir/floor.log" 2>/dev/null && break; sleep 0.2; done
  warm_up "$floor" "http://127.0.0.1:$FLOOR_PORT" floor-token max 32 15

  export REDLINE_DB_URL="$redline_url"
  [[ -z "$redline_url" ]] && unset REDLINE_DB_URL
  token="$(./redline token create --role service --name bench --data-dir "$dir/redline" 2>/dev/null)"
  t0=$(date +%s%N)
  REDLINE_LOG_LEVEL=WARN REDLINE_JAVA_OPTS="${REDLINE_JAVA_OPTS:-}" ./redline serve --data-dir "$dir/redline" --port "$PORT" > "$dir/server.log" 2>&1 &
  server=$!; PIDS+=("$server")
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.05; done
  echo "== server start to /readyz: $(( ($(date +%s%N) - t0) / 1000000 )) ms (launcher included)"
  jpid="$(server_pid "$PORT")"
  echo "== idle: $(memory "$jpid")"
  R() { load "http://127.0.0.1:$PORT" "$token" "$@"; }
  warm_up "$jpid" "http://127.0.0.1:$PORT" "$token" max 32 15 1 '?wait=true'

  local floor_rates=() ratios=() round
  for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round of $ROUNDS: floor, sustained single items (closed loop, 64 workers)"
    p=$(ticks "$floor"); j=$(ticks "$floor" jit)
    out="$(load "http://127.0.0.1:$FLOOR_PORT" floor-token max 64 "$SECONDS_RUN" 2>/dev/null)"
    echo "$out"
    echo "   (the JIT's share of the floor's CPU in this phase: $(jit_share "$floor" "$p" "$j")%)"
    floor_rate="$(echo "$out" | req_per_s)"
    echo "== round $round of $ROUNDS: Redline, intake + decision (?wait=true), sustained single items (closed loop, 64 workers)"
    p=$(ticks "$jpid"); j=$(ticks "$jpid" jit)
    out="$(R max 64 "$SECONDS_RUN" 1 '?wait=true' 2>/dev/null)"
    echo "$out"
    echo "   (the JIT's share of Redline's CPU in this phase: $(jit_share "$jpid" "$p" "$j")%)"
    red_rate="$(echo "$out" | req_per_s)"
    floor_rates+=("$floor_rate")
    ratios+=("$(awk -v r="$red_rate" -v f="$floor_rate" 'BEGIN{printf "%.3f", r/f}')")
    echo "   ratio this round: ${ratios[-1]}"
  done
  floor_rate="$(median "${floor_rates[@]}" | xargs printf '%.0f')"
  echo "== ratio to the floor: $(median "${ratios[@]}" | xargs printf '%.2f')" \
    "(median of the rounds ${ratios[*]}; budget at least 0.60)"
  half=$((floor_rate / 2))
  echo "== floor process: $(memory "$floor")"
  kill "$floor"; wait "$floor" 2>/dev/null || true

  # Fixed-rate phases before the other sustained ones: those leave a large WAL behind, and
  # checkpointing it would land in whichever phase comes next.
  echo "== intake + decision at half the floor's sustained rate, $half req/s (budget p99 under 25 ms)"
  R rate "$half" "$SECONDS_RUN" 1 '?wait=true' 2>/dev/null
  # An overloaded phase leaves requests queued in the server; the next phase starts when they are done.
  settle "$jpid"
  echo "== intake + decision at a fixed $RATE req/s (latency from intended send time)"
  R rate "$RATE" "$SECONDS_RUN" 1 '?wait=true' 2>/dev/null
  settle "$jpid"
  echo "== intake only at a fixed $RATE req/s"
  R rate "$RATE" "$SECONDS_RUN" 2>/dev/null
  settle "$jpid"
  echo "== intake only: sustained, single items (closed loop, 64 workers)"
  R max 64 "$SECONDS_RUN" 2>/dev/null
  settle "$jpid"
  echo "== intake + decision: sustained, batches of 50 (closed loop, 16 workers)"
  R max 16 "$SECONDS_RUN" 50 '?wait=true' 2>/dev/null
  echo "== after the load: $(memory "$jpid")"
  kill "$server"; wait "$server" 2>/dev/null || true
  unset REDLINE_DB_URL
}

if [[ "$WHICH" == sqlite || "$WHICH" == both ]]; then
  mkdir -p "$DATA/sqlite/floor"
  bench sqlite "jdbc:sqlite:$DATA/sqlite/floor/redline.db"
fi
if [[ "$WHICH" == postgresql || "$WHICH" == both ]]; then
  # A durable PostgreSQL of the benchmark's own; it lives as long as its input stays open.
  exec 3> >("$JAVA" -cp "$CLASSPATH_BENCH" io.redline.bench.load.BenchPostgres 2 > "$DATA/pg.urls" 2> "$DATA/pg.log")
  for _ in $(seq 1 300); do grep -q ready "$DATA/pg.urls" 2>/dev/null && break; sleep 0.2; done
  grep -q ready "$DATA/pg.urls" || { echo "PostgreSQL did not start:"; cat "$DATA/pg.log"; exit 1; }
  mapfile -t URLS < "$DATA/pg.urls"
  bench postgresql "${URLS[0]}" "${URLS[1]}"
  exec 3>&-
fi
echo
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
