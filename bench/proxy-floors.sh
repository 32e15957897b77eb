#!/usr/bin/env bash
# Where a bare proxy's milliseconds go: the upstream called directly and through bare Javalin and raw
# Jetty proxies (virtual and platform threads), round robin at a fixed rate in one JVM (the minimal
# experiment behind the gateway's door; see docs/gateway.md, "Overhead").
#   bench/proxy-floors.sh [RATE_PER_CONTESTANT=50] [SECONDS=25]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
exec "$JAVA" -XX:+UseZGC -Xmx1g -cp "$CLASSPATH_BENCH" io.redline.bench.gateway.ProxyFloors "${1:-50}" "${2:-25}"
