#!/usr/bin/env bash
# One-line cold start, whole process: `./redline screen LINE` (launcher included) beside houbb
# sensitive-word and ToolGood.Words each answering the same line in a fresh JVM over the same
# terms (the lexicon's first column; bench PeerProcess), serial GC for all three. Prints each
# run's wall time, CPU time (user+sys: it depends far less on a loaded machine than wall) and
# peak RSS, then medians and the ratios the budget names.
# Usage: bench/cold-start.sh [ROUNDS]   (default 7; the launcher writes its start-up cache first)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROUNDS="${1:-7}"
LINE='加我薇❤信 abc12345'
LEXICON="$ROOT/bench/data/cold-start-lexicon.tsv"
build_bench
(cd "$ROOT" && ./redline --version >/dev/null) # builds the launcher's jar when needed, writes the JDK cache
# A peer's class path holds its own jars and our one class, nothing else of the bench.
peer_cp() { echo "$ROOT/redline-bench/target/classes:$(tr ':' '\n' < "$ROOT/redline-bench/target/classpath.txt" | grep -E "$1" | paste -sd:)"; }
CP_SW=$(peer_cp '/sensitive-word/|/heaven/|/opencc4j/|/nlp-common/')
CP_TG=$(peer_cp '/toolgood-words/')
echo "== Machine: $(nproc) cpus; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $("$JAVA" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() { # prints "wall_s cpu_s rss_kb" for the command
  /usr/bin/time -f "%e %U %S %M" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1, $2 + $3, $4}'
}
red=() sw=() tg=() red_cpu=() sw_cpu=() tg_cpu=() red_rss=() sw_rss=() tg_rss=()
(cd "$ROOT" && ./redline screen --lexicon "$LEXICON" "$LINE" >/dev/null) # writes the start-up cache when missing
for ((i = 0; i < ROUNDS; i++)); do
  read -r w c m < <(cd "$ROOT" && measure ./redline screen --lexicon "$LEXICON" "$LINE")
  red+=("$w"); red_cpu+=("$c"); red_rss+=("$m")
  read -r w c m < <(measure "$JAVA" -XX:+UseSerialGC -cp "$CP_SW" io.redline.bench.text.PeerProcess sensitive-word "$LEXICON" "$LINE")
  sw+=("$w"); sw_cpu+=("$c"); sw_rss+=("$m")
  read -r w c m < <(measure "$JAVA" -XX:+UseSerialGC -cp "$CP_TG" io.redline.bench.text.PeerProcess toolgood "$LEXICON" "$LINE")
  tg+=("$w"); tg_cpu+=("$c"); tg_rss+=("$m")
  echo "round $((i + 1)): redline ${red[-1]} s (cpu ${red_cpu[-1]} s) ${red_rss[-1]} KB | sensitive-word ${sw[-1]} s (cpu ${sw_cpu[-1]} s) ${sw_rss[-1]} KB | toolgood ${tg[-1]} s (cpu ${tg_cpu[-1]} s) ${tg_rss[-1]} KB"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
r=$(median "${red[@]}"); s=$(median "${sw[@]}"); t=$(median "${tg[@]}")
rc=$(median "${red_cpu[@]}"); sc=$(median "${sw_cpu[@]}"); tc=$(median "${tg_cpu[@]}")
rm_=$(median "${red_rss[@]}"); sm=$(median "${sw_rss[@]}"); tm=$(median "${tg_rss[@]}")
echo "== median wall: redline $r s, sensitive-word $s s, toolgood $t s; cpu: redline $rc s, sensitive-word $sc s, toolgood $tc s"
echo "== sensitive-word/redline = $(ratio "$s" "$r")x by wall, $(ratio "$sc" "$rc")x by cpu (budget >= 2x)"
echo "== redline/toolgood = $(ratio "$r" "$t")x by wall, $(ratio "$rc" "$tc")x by cpu (budget <= 3x)"
echo "== median RSS: redline $((rm_ / 1024)) MB, sensitive-word $((sm / 1024)) MB, toolgood $((tm / 1024)) MB; redline/sensitive-word = $(ratio "$rm_" "$sm")x (budget <= 2x)"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
