#!/usr/bin/env bash
# Picture screening benchmark (docs/image-screening.md): pictures/s for QR-only and QR+OCR on
# generated 1080x1440 JPEG note pictures beside the floor of decoding them, the latency scanning
# adds to a note of nine pictures on the one-thread picture pool, recall on the generated set,
# and the edge-density numbers a text-likelihood pre-check would have to work with.
#   bench/image.sh          # 24 pictures
#   bench/image.sh 72       # more
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_bench
echo "== Machine: $(nproc) cpus; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $("$JAVA" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -cp "$CLASSPATH_BENCH" io.redline.bench.image.ImageBenchmark "$@"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
