#!/usr/bin/env bash
# HTTP load benchmark: a real Redline server on embedded SQLite (every commit fsynced) and a load
# generator in a second JVM on the same machine (loopback), beside the floor: a minimal Javalin
# handler that parses the same JSON and inserts the same row through the same group commit
# (io.redline.bench.load.FloorServer), measured first in the same invocation. Prints the floor's
# sustained rate, Redline's as a ratio to it, Redline's p99 at half the floor's rate, and the
# BRIEF's fixed-rate and sustained phases.
#   bench/http.sh [RATE=1000] [SECONDS=30]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RATE="${1:-1000}"
SECONDS_RUN="${2:-30}"
PORT="${REDLINE_BENCH_PORT:-18080}"
FLOOR_PORT=$((PORT + 1))
DATA="$(mktemp -d /tmp/redline-bench-XXXXXX)"

./redline --version >/dev/null   # builds the server if needed and selects the JDK
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' ./redline)
export JAVA_HOME="$(find_jdk)"
source bench/common.sh
build_bench
JAVA="$JAVA_HOME/bin/java"
JVM=(-XX:+UseZGC -Xmx2g --enable-native-access=ALL-UNNAMED)

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"
echo "== disk for $DATA: $(df -h "$DATA" | tail -1 | awk '{print $1, $2}')"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The generator measures latency from each request's intended send time, so its own GC pauses
# would count against the server: it runs on ZGC too.
load() { "$JAVA" -XX:+UseZGC -Xmx1g -cp "$CLASSPATH_BENCH" io.redline.bench.load.HttpLoad "$@"; }
req_per_s() { sed -n 's/.* \([0-9]*\) req\/s = .*/\1/p' | tail -1; }

# ---- the floor, alone on the machine
TOKEN=floor-token
mkdir -p "$DATA/floor"
"$JAVA" "${JVM[@]}" -cp "$CLASSPATH_BENCH" io.redline.bench.load.FloorServer "$FLOOR_PORT" "$TOKEN" \
  "jdbc:sqlite:$DATA/floor/redline.db" > "$DATA/floor.log" 2>&1 &
FLOOR=$!
trap 'kill $FLOOR 2>/dev/null; wait $FLOOR 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do grep -q ready "$DATA/floor.log" 2>/dev/null && break; sleep 0.2; done
echo "== floor: warm-up 15 s, then sustained single items (closed loop, 64 workers)"
load "http://127.0.0.1:$FLOOR_PORT" "$TOKEN" max 32 15 >/dev/null 2>&1
FLOOR_OUT="$(load "http://127.0.0.1:$FLOOR_PORT" "$TOKEN" max 64 "$SECONDS_RUN" 2>/dev/null)"
echo "$FLOOR_OUT"
FLOOR_RATE="$(echo "$FLOOR_OUT" | req_per_s)"
HALF=$((FLOOR_RATE / 2))
echo "== floor process: $(ps -o rss=,time= -p $FLOOR | awk '{printf "%.0f MiB RSS, CPU time %s", $1/1024, $2}')"
kill $FLOOR; wait $FLOOR 2>/dev/null || true

# ---- Redline
TOKEN="$(./redline token create --role service --name bench --data-dir "$DATA" 2>/dev/null)"
REDLINE_LOG_LEVEL=WARN REDLINE_JAVA_OPTS="${REDLINE_JAVA_OPTS:--Xmx2g}" ./redline serve --data-dir "$DATA" --port "$PORT" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
R() { load "http://127.0.0.1:$PORT" "$TOKEN" "$@"; }

echo "== warm-up (JIT), 15 s, not reported"
R max 32 15 1 '?wait=true' >/dev/null 2>&1
echo "== intake + decision (?wait=true): sustained, single items (closed loop, 64 workers)"
OUT="$(R max 64 "$SECONDS_RUN" 1 '?wait=true' 2>/dev/null)"
echo "$OUT"
RED_RATE="$(echo "$OUT" | req_per_s)"
echo "== ratio to the floor: $(awk -v r="$RED_RATE" -v f="$FLOOR_RATE" 'BEGIN{printf "%.2f", r/f}') (budget at least 0.60)"
# Fixed-rate phases before the other sustained ones: those leave a large WAL behind, and
# checkpointing it would land in whichever phase comes next.
echo "== intake + decision at half the floor's sustained rate, $HALF req/s (budget p99 under 25 ms)"
R rate "$HALF" "$SECONDS_RUN" 1 '?wait=true' 2>/dev/null
echo "== intake + decision at a fixed $RATE req/s (latency from intended send time)"
R rate "$RATE" "$SECONDS_RUN" 1 '?wait=true' 2>/dev/null
echo "== intake only at a fixed $RATE req/s"
R rate "$RATE" "$SECONDS_RUN" 2>/dev/null
echo "== intake only: sustained, single items (closed loop, 64 workers)"
R max 64 "$SECONDS_RUN" 2>/dev/null
echo "== intake + decision: sustained, batches of 50 (closed loop, 16 workers)"
R max 16 "$SECONDS_RUN" 50 '?wait=true' 2>/dev/null
echo "== server process: $(ps -o rss=,time= -p $SERVER | awk '{printf "%.0f MiB RSS, CPU time %s", $1/1024, $2}')"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
