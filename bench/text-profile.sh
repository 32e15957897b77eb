#!/usr/bin/env bash
# Profiles one contestant of the text benchmark (default: the Redline full chain) with JFR and
# allocation counting, then prints the hottest methods and source lines.
#   bench/text-profile.sh                 # TextScreeningBenchmark.redlineFull
#   bench/text-profile.sh redlineExact    # any benchmark method name or JMH regexp
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
TARGET="${1:-redlineFull}"
OUT="$ROOT/redline-bench/target/jfr"
rm -rf "$OUT" && mkdir -p "$OUT"
"$JAVA" -cp "$CLASSPATH_BENCH" io.redline.bench.text.TextBenchmarkMain --no-counts \
    -i 4 -r 3 -prof "jfr:dir=$OUT" -prof gc "TextScreeningBenchmark.$TARGET\$" \
  | grep -E "^(TextScreeningBenchmark\.|Benchmark )|^== Text|^contestant|^(Redline|houbb|hankcs) "
"$JAVA" -cp "$CLASSPATH_BENCH" io.redline.bench.text.HotFrames "$OUT" 25
