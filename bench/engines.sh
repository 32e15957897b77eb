#!/usr/bin/env bash
# Builds and runs the engine benchmarks beside their baselines in one JMH run: policy evaluation
# (default policy vs a policy without rules), audit verification (hash-chain walk vs reading the
# same rows), media inspection (Redline's label reading vs metadata-extractor on the same files).
# Extra arguments go to JMH, e.g.:  bench/engines.sh -wi 1 -i 3 -r 1
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
echo "== Machine: $(nproc) cpus; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $("$JAVA" -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA" -Xmx1g -cp "$CLASSPATH_BENCH" io.redline.bench.engines.EnginesBenchmarkMain "$@"
