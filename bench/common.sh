# Shared by the bench scripts: pick a JDK new enough to build, build redline-bench and the
# modules it needs (tests skipped: this is about measuring), and write its class path.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# The JDK the way ./redline finds it (JAVA_HOME when it is 21+, else the newest under /usr/lib/jvm),
# without building anything: its JDK functions are read out of the launcher, so there is one copy
# of them. Every function the launcher's find_jdk calls must be in this list.
redline_jdk() {
  source <(sed -n '/^java_major()/,/^}/p;/^java_major_into()/,/^}/p;/^find_jdk()/,/^}/p' "$ROOT/redline")
  export JAVA_HOME
  JAVA_HOME="$(find_jdk)"
  JAVA="$JAVA_HOME/bin/java"
}

build_bench() {
  (cd "$ROOT" && mvn -q -B -pl redline-bench -am -DskipTests \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime \
      package dependency:build-classpath >&2)
  CLASSPATH_BENCH="$ROOT/redline-bench/target/classes:$(cat "$ROOT/redline-bench/target/classpath.txt")"
}

# The HTTP load generator (bench/http.sh, bench/http-cpu.sh). It measures latency from each
# request's intended send time, so its own GC pauses would count against the server: it runs on
# ZGC too.
load() { "$JAVA" -XX:+UseZGC -Xmx1g -cp "$CLASSPATH_BENCH" io.redline.bench.load.HttpLoad "$@"; }

# STAT_FILE (/proc/PID/stat or /proc/PID/task/TID/stat): utime + stime in clock ticks. The name in
# parentheses may hold spaces, so the fields are counted after it.
stat_ticks() { awk '{sub(/^.*\) /, ""); split($0, a, " "); print a[12] + a[13]}' "$1" 2>/dev/null || echo 0; }

# The median of the arguments, or of the numbers on stdin (one a line) when there are none.
median() {
  { if (($#)); then printf '%s\n' "$@"; else cat; fi; } |
    sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
