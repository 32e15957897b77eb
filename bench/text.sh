#!/usr/bin/env bash
# Builds and runs the text screening benchmark (JMH, one thread) and prints MB/s with the
# ratios against houbb sensitive-word, ToolGood.Words and raw hankcs AC-DAT.
# Extra arguments go to JMH, e.g.:  bench/text.sh -prof gc     bench/text.sh -wi 1 -i 2 -r 1
# and --no-counts skips the untimed hit-count pass.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
echo "== Machine: $(nproc) cpus; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $("$JAVA" -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA" -Xmx2g -cp "$CLASSPATH_BENCH" io.redline.bench.text.TextBenchmarkMain "$@"
