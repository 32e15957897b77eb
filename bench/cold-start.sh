#!/usr/bin/env bash
# One-line cold start, whole process: `./redline screen LINE` (launcher included) beside houbb
# sensitive-word answering the same line in a fresh JVM over the same terms (the lexicon's first
# column). Prints each run's wall time and peak RSS, then medians and the ratio.
# Usage: bench/cold-start.sh [ROUNDS]   (default 7; the first Redline run writes the AppCDS archive)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROUNDS="${1:-7}"
LINE='加我薇❤信 abc12345'
LEXICON="$ROOT/bench/data/cold-start-lexicon.tsv"
build_bench
(cd "$ROOT" && ./redline --version >/dev/null) # builds the launcher's jar when needed, writes the JDK cache
echo "== Machine: $(nproc) cpus; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $("$JAVA" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() { # prints "wall_s rss_kb" for the command
  /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
}
red=() peer=() red_rss=() peer_rss=()
(cd "$ROOT" && ./redline screen --lexicon "$LEXICON" "$LINE" >/dev/null) # warm the AppCDS archive
for ((i = 0; i < ROUNDS; i++)); do
  read -r w m < <(cd "$ROOT" && measure ./redline screen --lexicon "$LEXICON" "$LINE")
  red+=("$w"); red_rss+=("$m")
  read -r w m < <(measure "$JAVA" -XX:+UseSerialGC -cp "$CLASSPATH_BENCH" io.redline.bench.text.SensitiveWordOnce "$LEXICON" "$LINE")
  peer+=("$w"); peer_rss+=("$m")
  echo "round $((i + 1)): redline ${red[-1]} s ${red_rss[-1]} KB | sensitive-word ${peer[-1]} s ${peer_rss[-1]} KB"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
r=$(median "${red[@]}"); p=$(median "${peer[@]}"); rm_=$(median "${red_rss[@]}"); pm=$(median "${peer_rss[@]}")
echo "== median wall: redline $r s, sensitive-word $p s; sensitive-word/redline = $(awk -v a="$p" -v b="$r" 'BEGIN {printf "%.2f", a / b}')x (budget >= 2x)"
echo "== median RSS: redline $((rm_ / 1024)) MB, sensitive-word $((pm / 1024)) MB; redline/sensitive-word = $(awk -v a="$rm_" -v b="$pm" 'BEGIN {printf "%.2f", a / b}')x (budget <= 2x)"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
