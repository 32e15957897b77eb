#!/usr/bin/env bash
# Items/s decided and stored on one PostgreSQL: the single-process path beside Kafka with one and
# two worker processes, in one run (a KRaft broker in process, PostgreSQL started from Debian's
# binaries, like the tests). Prints the machine and the load average before and after.
#   bench/kafka.sh [ITEMS=20000] [PHASE_SECONDS_MAX=600] [PHASES=single,1,2,live]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ITEMS="${1:-20000}"
PHASE_SECONDS_MAX="${2:-600}"
PHASES="${3:-single,1,2,live}"
# The JDK the way ./redline finds it (not `./redline --version`: that builds and installs the whole server).
source bench/common.sh
redline_jdk
mvn -q -B -o -pl redline-kafka -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/kafka-bench.classpath -Dspotless.check.skip=true >/dev/null
CP="redline-kafka/target/test-classes:redline-kafka/target/classes:$(cat redline-kafka/target/kafka-bench.classpath)"
# Reactor modules resolve to their target/classes folders.
for m in vocabulary text media store audit policy identity intake decision review; do
  CP="$CP:redline-$m/target/classes"
done
CP="$CP:redline-store/target/test-classes"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" io.redline.kafka.KafkaBench "$ITEMS" "$PHASE_SECONDS_MAX" "$PHASES" 2> >(grep -vE 'WARN|^\s*at |NetworkClient' >&2)
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
