#!/usr/bin/env bash
# The copy lookup on the decision path (CopyRegister: shingles, MinHash, LSH lookup, add), two
# builds of redline-rights side by side in one JVM, interleaved rounds, medians (docs/benchmarks.md,
# issue 15). BEFORE is another build's redline-rights classes directory or jar, e.g.
#   git worktree add /tmp/before main && (cd /tmp/before && mvn -q -B -pl redline-rights -am -DskipTests package)
#   bench/copy-ab.sh /tmp/before/redline-rights/target/classes [--prefill N] [--rounds N] [--batch N]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
echo "== Machine: $(nproc) cpus; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $("$JAVA" -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA" -Xmx2g -XX:+UseParallelGC -cp "$CLASSPATH_BENCH" io.redline.bench.rights.CopyLookupAB "$@"
