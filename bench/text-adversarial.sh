#!/usr/bin/env bash
# Screening time per character on adversarial texts (a.a.a…, a。a。…, ab.ab.…, spelled dots, URL
# prefixes, digits, e-mails, WeChat tokens, shop tokens, noise between characters, combining marks)
# beside random CJK text, at 2,500, 10,000 and 40,000 characters (JMH, one thread; about 4 minutes).
# Extra arguments go to JMH, e.g.:  bench/text-adversarial.sh -p kind=dots,randomCjk -p length=40000
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
exec "$JAVA" -Xmx2g -cp "$CLASSPATH_BENCH" io.redline.bench.text.AdversarialBenchmarkMain "$@"
