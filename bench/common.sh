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
