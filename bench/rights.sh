#!/usr/bin/env bash
# Copy detection benchmark (docs/rights.md): indexes 1M generated notes, prints lookup p50/p99,
# memory, recall of edited reposts and false links among unrelated template-sharing notes against
# a brute-force Jaccard reference, the exhaustive-scan floor, the index rebuild at start (the notes
# stored through CopyRegister as intake does, then rebuilt from the rows), and image copies' recall
# per transformation.
#   bench/rights.sh                      # the full run (about 1M notes; 3 GB heap)
#   bench/rights.sh --notes 100000       # smaller
#   bench/rights.sh --no-rebuild         # without the rebuild (its intake-path fill is the slow part)
#   bench/rights.sh --sweep              # the parameter sweep that chose CopyParams.DEFAULT
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
echo "== Machine: $(nproc) cpus; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $("$JAVA" -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA" -Xmx3g -XX:+UseParallelGC -Djava.awt.headless=true -cp "$CLASSPATH_BENCH" io.redline.bench.rights.RightsBenchmark "$@"
