#!/usr/bin/env bash
# Where the CPU of an item on the HTTP path goes (issue 15): one Redline server, warmed up, then
# one measured phase of bench/http.sh's load generator; prints the server's CPU per item by thread
# group (from /proc/PID/task/*/stat), the load generator's, and on PostgreSQL the database's own
# processes'. CPU per item is steadier than a rate on a shared machine, and comparable between two
# builds when both run at the same fixed rate (LOAD="rate 1000"): at saturation the group commit
# batches more items when the machine is faster, so CPU per item falls with throughput.
#   bench/http-cpu.sh [sqlite|postgresql=sqlite] [WARM_SECONDS=90] [SECONDS=30]
# Environment: LOAD (default "max 64": 64 closed-loop workers; or "rate N"), QUERY (default
# "?wait=true"; empty for intake only), JFR=FILE (a JFR profile of the measured phase),
# FLOOR=1 (measure bench/http.sh's floor, FloorServer, instead of Redline: the same phases, so the
# two servers' CPU per item compare), STATEMENTS=1 (PostgreSQL: the measured phase's statements
# from pg_stat_statements, the module
# preloaded through REDLINE_PG_SERVER_OPTIONS).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB="${1:-sqlite}"
WARM="${2:-90}"
SECS="${3:-30}"
LOAD_MODE="${LOAD:-max 64}"
QUERY="${QUERY-?wait=true}"
PORT="${REDLINE_BENCH_PORT:-18380}"
DATA="$(mktemp -d /tmp/redline-cpu-XXXXXX)"
./redline --version >/dev/null
source bench/common.sh
redline_jdk
build_bench
SERVER=""
cleanup() {
  [[ -n "$SERVER" ]] && { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
  rm -rf "$DATA"
}
trap cleanup EXIT
threads() { # PID: "thread group<TAB>ticks", digits in names folded so pools sum up
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(sed -E 's/[0-9]+/#/g' "$t/comm" 2>/dev/null)" "$(stat_ticks "$t/stat")"
  done | awk -F'\t' '{s[$1] += $2} END {for (k in s) print k "\t" s[k]}' | sort
}
postgres_ticks() { # the benchmark's own server: its postmaster (-p PG_PORT) and that one's children, not
  # another PostgreSQL on the machine (a test suite's, another benchmark's)
  local p pm="" s=0
  for p in $(pgrep -x postgres); do tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q -- "-p $PG_PORT " && pm=$p; done
  [[ -n "$pm" ]] || { echo 0; return; }
  for p in "$pm" $(pgrep -P "$pm"); do s=$((s + $(stat_ticks "/proc/$p/stat"))); done
  echo "$s"
}
psql_run() { "$(ls /usr/lib/postgresql/*/bin/psql | head -1)" -h 127.0.0.1 -p "$PG_PORT" -U redline -d "$PG_DB" -X "$@"; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$DB" == postgresql ]]; then
  [[ -n "${STATEMENTS:-}" ]] && export REDLINE_PG_SERVER_OPTIONS="-c shared_preload_libraries=pg_stat_statements"
  exec 3> >("$JAVA" -cp "$CLASSPATH_BENCH" io.redline.bench.load.BenchPostgres 1 > "$DATA/pg.urls" 2> "$DATA/pg.log")
  for _ in $(seq 1 300); do grep -q ready "$DATA/pg.urls" 2>/dev/null && break; sleep 0.2; done
  grep -q ready "$DATA/pg.urls" || { echo "PostgreSQL did not start:"; cat "$DATA/pg.log"; exit 1; }
  export REDLINE_DB_URL="$(head -1 "$DATA/pg.urls")"
  PG_PORT="$(sed -E 's#.*:([0-9]+)/.*#\1#' <<< "$REDLINE_DB_URL")"
  PG_DB="$(sed -E 's#.*:[0-9]+/([^?]*).*#\1#' <<< "$REDLINE_DB_URL")"
fi
if [[ -n "${FLOOR:-}" ]]; then
  token=floor-token
  floor_url="${REDLINE_DB_URL:-jdbc:sqlite:$DATA/floor.db}"
  "$JAVA" -XX:+UseZGC -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$CLASSPATH_BENCH" \
    io.redline.bench.load.FloorServer "$PORT" "$token" "$floor_url" > "$DATA/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 150); do grep -q ready "$DATA/server.log" 2>/dev/null && break; sleep 0.2; done
  pid=$SERVER
  grep -q ready "$DATA/server.log" || { echo "the floor did not start:"; cat "$DATA/server.log"; exit 1; }
else
  token="$(./redline token create --role service --name bench --data-dir "$DATA/r" 2>/dev/null)"
  REDLINE_LOG_LEVEL=WARN ./redline serve --data-dir "$DATA/r" --port "$PORT" > "$DATA/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.05; done
  pid=""
  for p in $(pgrep -f "io.redline.server.cli.Main serve"); do grep -q -- "$PORT" "/proc/$p/cmdline" && pid=$p; done
  [[ -n "$pid" ]] || { echo "the server did not start:"; cat "$DATA/server.log"; exit 1; }
fi
URL="http://127.0.0.1:$PORT"
load "$URL" "$token" max 32 "$WARM" 1 "$QUERY" >/dev/null 2>&1
echo "== ${FLOOR:+the floor, }warmed up for $WARM s; measuring $SECS s of \"$LOAD_MODE\" on $DB, query '${QUERY}'"
if [[ -n "${STATEMENTS:-}" && "$DB" == postgresql ]]; then
  psql_run -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();" >/dev/null
fi
[[ -n "${JFR:-}" ]] && jcmd "$pid" JFR.start name=cpu settings=profile filename="$JFR" >/dev/null
threads "$pid" > "$DATA/before"
client0=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
pg0=$(postgres_ticks)
# shellcheck disable=SC2086 # LOAD_MODE is two words on purpose
out="$(load "$URL" "$token" $LOAD_MODE "$SECS" 1 "$QUERY" 2> "$DATA/load.err")"
grep -m3 "^error" "$DATA/load.err" || true
client1=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
pg1=$(postgres_ticks)
threads "$pid" > "$DATA/after"
[[ -n "${JFR:-}" ]] && jcmd "$pid" JFR.stop name=cpu >/dev/null
echo "$out"
items=$(( $(sed -n 's/.* = \([0-9]*\) items\/s.*/\1/p' <<< "$out") * SECS ))
per_item() { awk -v t="$1" -v n="$items" 'BEGIN {printf "%.4f", (n > 0 ? t * 10 / n : 0)}'; }
echo "== CPU per item (ms), ${items} items"
echo "load generator: $(per_item $((client1 - client0)))"
[[ "$DB" == postgresql ]] && echo "postgres processes: $(per_item $((pg1 - pg0)))"
join -t$'\t' "$DATA/before" "$DATA/after" | awk -F'\t' -v n="$items" '
  {d = $3 - $2; total += d; if (d > 0) printf "%.4f  %s\n", d * 10 / n, $1}
  END {printf "%.4f  %s\n", total * 10 / n, "server, all threads"}' | sort -rn
if [[ -n "${STATEMENTS:-}" && "$DB" == postgresql ]]; then
  echo "== statements of the measured phase (pg_stat_statements)"
  psql_run -c "SELECT calls, round(total_exec_time::numeric) AS ms,
      round((total_exec_time / calls * 1000)::numeric) AS us_per_call, rows,
      left(regexp_replace(query, '\s+', ' ', 'g'), 100) AS statement
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20"
fi
[[ "$DB" == postgresql ]] && exec 3>&-
exit 0
