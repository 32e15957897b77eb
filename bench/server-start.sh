#!/usr/bin/env bash
# Server start to readiness: `./redline demo` (launcher included) on a fresh data directory (demo
# data loaded, migrations run) and then restarted on that same directory, polling /readyz every
# 50 ms; prints the seconds from launch to the first 200 and the process's CPU time by then.
# Usage: bench/server-start.sh [ROUNDS] [PORT]   (defaults: 3 rounds, port 18931)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
PORT="${2:-18931}"
cd "$ROOT"
./redline --version >/dev/null # builds when needed, so no round includes a build
echo "== Machine: $(nproc) cpus; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
TICKS=$(getconf CLK_TCK)
one() { # DATA_DIR LABEL: starts, waits for /readyz, prints, stops
  local dir="$1" label="$2" t0 pid ready cpu
  t0=$(date +%s.%N)
  ./redline demo --port "$PORT" --data-dir "$dir" >"$dir.log" 2>&1 &
  pid=$!
  for ((i = 0; i < 2400; i++)); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/readyz"; then
      ready=$(date +%s.%N)
      # the JVM is the launcher's exec'd process: same pid
      cpu=$(awk -v t="$TICKS" '{printf "%.2f", ($14 + $15) / t}' "/proc/$pid/stat")
      printf '%-22s ready after %6.2f s, %s s CPU\n' "$label" "$(awk -v a="$t0" -v b="$ready" 'BEGIN {print b - a}')" "$cpu"
      kill "$pid"; wait "$pid" 2>/dev/null || true
      return
    fi
    kill -0 "$pid" 2>/dev/null || { echo "$label: the server exited; see $dir.log" >&2; exit 1; }
    sleep 0.05
  done
  kill "$pid"; echo "$label: not ready after 120 s; see $dir.log" >&2; exit 1
}
for ((r = 1; r <= ROUNDS; r++)); do
  dir=$(mktemp -d /tmp/redline-start-XXXXXX)
  one "$dir" "round $r, fresh data"
  one "$dir" "round $r, restart"
  rm -rf "$dir" "$dir.log"
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
