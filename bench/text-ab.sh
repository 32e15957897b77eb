#!/usr/bin/env bash
# Before/after check of the text engine, interleaved in one JVM so machine load hits both alike:
# builds redline-text at REV in a temporary worktree, then runs the paired cross-check
# (bench/text.sh --paired) with that build's full chain and exact mode beside this tree's, each in
# a class loader of its own, and prints after/before and both against raw AC-DAT, by wall time and
# by the benchmark thread's CPU time (the steadier of the two when other work shares the cores).
#   bench/text-ab.sh 8ba4d0b
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
REV="${1:?usage: bench/text-ab.sh REV (a commit to compare this tree against)}"
build_bench
TMP="$(mktemp -d)"
trap 'git -C "$ROOT" worktree remove --force "$TMP/src" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
git -C "$ROOT" worktree add --detach "$TMP/src" "$REV" >/dev/null 2>&1
(cd "$TMP/src" && mvn -q -B -pl redline-text -DskipTests -Dspotless.check.skip=true package >&2)
BEFORE="$(ls "$TMP"/src/redline-text/target/redline-text-*.jar | grep -v -e sources -e tests | head -1)"
echo "== Machine: $(nproc) cpus; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -Xmx3g -cp "$CLASSPATH_BENCH" io.redline.bench.text.TextBenchmarkMain --no-counts --paired-against "$BEFORE"
