#!/usr/bin/env bash
# Retakes the console screenshots in docs/console/ (shown in docs/console.md) from a real server
# loaded with the demo data, in headless Chromium. Needs Debian's chromium and chromium-driver,
# and fonts-noto-cjk for the Chinese pages.
source "$(dirname "${BASH_SOURCE[0]}")/../bench/common.sh" # picks the JDK like the benchmarks do
cd "$ROOT"
mvn -q -B -pl redline-server -am test -Dtest=ConsoleScreenshots -Dsurefire.failIfNoSpecifiedTests=false \
  -Dredline.screenshots="$ROOT/docs/console"
echo "screenshots written to docs/console/"
