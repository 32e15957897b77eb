#!/usr/bin/env bash
# Intake load benchmark: a real Redline server on embedded SQLite (fsync on every commit) and a
# load generator in a second JVM on loopback. Prints sustained throughput and fixed-rate latency.
#   bench/intake.sh [RATE=500] [SECONDS=30]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RATE="${1:-500}"
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
REDLINE_LOG_LEVEL=WARN ./redline serve --data-dir "$DATA" --port "$PORT" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done

load() { "$JAVA_HOME/bin/java" -cp "$BENCH_CP" io.redline.bench.load.HttpLoad "http://127.0.0.1:$PORT" "$TOKEN" "$@"; }

echo "== sustained throughput, single items (closed loop, 64 workers)"
load max 64 "$SECONDS_RUN"
echo "== sustained throughput, batches of 50 (closed loop, 16 workers)"
load max 16 "$SECONDS_RUN" 50
echo "== fixed rate $RATE req/s, single items (latency from intended send time)"
load rate "$RATE" "$SECONDS_RUN"
echo "== stored items: $(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/metrics" | grep -c . >/dev/null; sqlite3 "$DATA/redline.db" 'select count(*) from contents' 2>/dev/null || echo n/a)"
