#!/usr/bin/env bash
# Soak/fault suite (issue #11, docs/reliability.md): a real Redline server on a PostgreSQL of its
# own (Debian's binaries), mixed traffic at a fixed rate for MINUTES, the server killed with
# SIGKILL and restarted twice and PostgreSQL restarted once while it runs; then it checks that every
# acknowledged item is stored and decided, the audit chain verifies, light reads' p99 stays within
# 3x of an idle run, and no error but the documented 503/429 refusals occurred. Exits non-zero
# otherwise. Not part of the test suite: it takes MINUTES plus about two.
#   bench/soak.sh [MINUTES=10] [RATE=100]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MINUTES="${1:-10}"
RATE="${2:-100}"

./redline --version >/dev/null   # builds the server (the soak runs copies of its jars) and selects the JDK
source bench/common.sh
redline_jdk
build_bench

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -1), $(date -u +%FT%TZ)"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA" -XX:+UseZGC -Xmx1g -Dsoak.root="$ROOT" -cp "$CLASSPATH_BENCH" io.redline.bench.soak.Soak "$MINUTES" "$RATE"
