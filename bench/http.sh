#!/usr/bin/env bash
# HTTP load benchmark: a real Redline server on embedded SQLite (every commit fsynced) and a load
# generator in a second JVM on the same machine (loopback). Prints sustained throughput and
# fixed-rate latency for intake alone and for intake + screening + decision (?wait=true).
#   bench/http.sh [RATE=1000] [SECONDS=30]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RATE="${1:-1000}"
SECONDS_RUN="${2:-30}"
PORT="${REDLINE_BENCH_PORT:-18080}"
DATA="$(mktemp -d /tmp/redline-bench-XXXXXX)"

./redline --version >/dev/null   # builds the server if needed and selects the JDK
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' ./redline)
export JAVA_HOME="$(find_jdk)"
mvn -q -B -DskipTests install -pl redline-bench -am >/dev/null
BENCH_CP="redline-bench/target/classes"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "== disk for $DATA: $(df -h "$DATA" | tail -1 | awk '{print $1, $2}')"

TOKEN="$(./redline token create --role service --name bench --data-dir "$DATA" 2>/dev/null)"
REDLINE_LOG_LEVEL=WARN REDLINE_JAVA_OPTS="${REDLINE_JAVA_OPTS:--Xmx2g}" ./redline serve --data-dir "$DATA" --port "$PORT" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done

# The generator measures latency from each request's intended send time, so its own GC pauses
# would count against the server: it runs on ZGC too.
load() { "$JAVA_HOME/bin/java" -XX:+UseZGC -Xmx1g -cp "$BENCH_CP" io.redline.bench.load.HttpLoad "http://127.0.0.1:$PORT" "$TOKEN" "$@"; }

echo "== warm-up (JIT), 15 s, not reported"
load max 32 15 1 '?wait=true' >/dev/null 2>&1
# Fixed-rate phases first: the sustained phases leave a large WAL behind, and checkpointing it
# would land in whichever phase comes next.
echo "== intake + decision at a fixed $RATE req/s (latency from intended send time)"
load rate "$RATE" "$SECONDS_RUN" 1 '?wait=true'
echo "== intake only at a fixed $RATE req/s"
load rate "$RATE" "$SECONDS_RUN"
echo "== intake only: sustained, single items (closed loop, 64 workers)"
load max 64 "$SECONDS_RUN"
echo "== intake + decision (?wait=true): sustained, single items (closed loop, 64 workers)"
load max 64 "$SECONDS_RUN" 1 '?wait=true'
echo "== intake + decision: sustained, batches of 50 (closed loop, 16 workers)"
load max 16 "$SECONDS_RUN" 50 '?wait=true'
echo "== server process: $(ps -o rss=,time= -p $SERVER | awk '{printf "%.0f MiB RSS, CPU time %s", $1/1024, $2}')"
