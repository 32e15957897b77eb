#!/usr/bin/env bash
# Screens the labelled evaluation set (redline-bench/src/main/resources/eval/text-eval.tsv) with
# the starter lexicon and the full chain; prints precision/recall per category, recall per
# evasion family, and samples of misses and false positives.
# Options: --samples N (how many misses/false positives to print)
#          --seed N    (screen a fresh set drawn from the same generator instead of the committed file)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
exec "$JAVA" -cp "$CLASSPATH_BENCH" io.redline.bench.eval.EvalMain "$@"
