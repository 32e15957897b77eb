#!/usr/bin/env bash
# AI gateway overhead: added latency per request and per streamed chunk, the gateway and a bare proxy (the floor) beside the same
# upstream called directly in the same run (alternating requests at a fixed rate), plus the output
# guard alone, and thread switches per request by thread for each target alone (wake-ups: what a
# hop costs on a quiet machine, counted the same under load). One JVM: a scripted upstream, a real
# Redline server on SQLite, the load generator.
#   bench/gateway.sh [RATE=50] [SECONDS=20] [CHUNKS=50]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
REDLINE_LOG_LEVEL=WARN exec "$JAVA" -XX:+UseZGC -Xmx2g --enable-native-access=ALL-UNNAMED \
  -cp "$CLASSPATH_BENCH" io.redline.bench.gateway.GatewayBench "${1:-50}" "${2:-20}" "${3:-50}"
