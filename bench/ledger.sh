#!/usr/bin/env bash
# Ledger settlement benchmark: settle one day of the seed campaign for 1,000,000 accounts on
# embedded SQLite (every commit fsynced) and on a real PostgreSQL (Debian's binaries, started for
# the run), printing wall time, accounts/s and memory. Budget: under 30 s a day (BRIEF.md).
#   bench/ledger.sh [ACCOUNTS=1000000] [sqlite|postgresql|both]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ACCOUNTS="${1:-1000000}"
WHICH="${2:-both}"
build_bench
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1)"
exec "$JAVA" -Xmx512m -XX:+UseParallelGC -Dlogback.configurationFile="$ROOT/redline-bench/src/main/resources/logback-ledger-bench.xml" -cp "$CLASSPATH_BENCH" io.redline.bench.ledger.LedgerBench "$ACCOUNTS" "$WHICH"
