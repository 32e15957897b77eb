#!/usr/bin/env bash
# Whole-process streaming, one thread: `./redline screen --format jsonl` (launcher included) over
# MB megabytes of short generated lines (the JMH corpus generator, seed 20261125), beside houbb
# sensitive-word and ToolGood.Words reading the same file and writing the same kind of jsonl
# (bench PeerProcess), all over the same ~64k-term dictionary (the one bundled in sensitive-word,
# the JMH benchmark's). Prints wall, CPU (user+sys) and peak RSS of each process, then the
# throughput ratios the budget names.
# Usage: bench/text-process.sh [MB] [ROUNDS]   (defaults: 100 MB, 1 round)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
MB="${1:-100}"
ROUNDS="${2:-1}"
build_bench
(cd "$ROOT" && ./redline --version >/dev/null) # builds the launcher's jar when needed
WORK="$ROOT/redline-bench/target/text-process"
mkdir -p "$WORK"
CORPUS="$WORK/corpus-${MB}mb.txt"
LEXICON="$WORK/peer-dictionary.txt"
[[ -s "$LEXICON" ]] || "$JAVA" -cp "$CLASSPATH_BENCH" io.redline.bench.text.PeerDictionary "$LEXICON"
[[ -s "$CORPUS" ]] || "$JAVA" -Xmx3g -cp "$CLASSPATH_BENCH" io.redline.bench.corpus.CorpusGenerator "$CORPUS" $((MB * 1024 * 1024)) >&2
LINES=$(wc -l < "$CORPUS")
BYTES=$(stat -c %s "$CORPUS")
# A peer's class path holds its own jar and our one class, nothing else of the bench.
peer_cp() { echo "$ROOT/redline-bench/target/classes:$(tr ':' '\n' < "$ROOT/redline-bench/target/classpath.txt" | grep -E "$1" | paste -sd:)"; }
CP_SW=$(peer_cp '/sensitive-word/|/heaven/|/opencc4j/|/nlp-common/')
CP_TG=$(peer_cp '/toolgood-words/')
echo "== Machine: $(nproc) cpus; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $("$JAVA" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Input: $CORPUS, $LINES lines, $BYTES bytes; dictionary: $(wc -l < "$LEXICON") terms"
run() { # NAME CMD...: runs CMD < corpus > out, checks one output line per input line, prints figures
  local name="$1" out="$WORK/out-$1.jsonl" t
  shift
  t=$( { /usr/bin/time -f "%e %U %S %M" "$@" < "$CORPUS" > "$out"; } 2>&1 | tail -1)
  local n; n=$(wc -l < "$out")
  (( n == LINES )) || { echo "$name wrote $n lines for $LINES input lines" >&2; exit 1; }
  read -r wall user sys rss <<< "$t"
  printf '%-15s wall %6.2f s  cpu %6.2f s  %7.1f MB/s (by cpu %7.1f)  RSS %4d MB  hits %d\n' "$name" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" "$(awk -v b="$BYTES" -v w="$wall" 'BEGIN {print b / 1048576 / w}')" \
    "$(awk -v b="$BYTES" -v u="$user" -v s="$sys" 'BEGIN {print b / 1048576 / (u + s)}')" $((rss / 1024)) \
    "$(grep -o '"start"' "$out" | wc -l)"
  eval "wall_$name=$wall cpu_$name=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')"
  rm -f "$out"
}
for ((i = 0; i < ROUNDS; i++)); do
  run redline bash -c "cd '$ROOT' && exec ./redline screen --lexicon '$LEXICON' --format jsonl"
  run sensitive_word "$JAVA" -Xmx1g -cp "$CP_SW" io.redline.bench.text.PeerProcess sensitive-word "$LEXICON"
  run toolgood "$JAVA" -Xmx1g -cp "$CP_TG" io.redline.bench.text.PeerProcess toolgood "$LEXICON"
  awk -v r="$wall_redline" -v s="$wall_sensitive_word" -v t="$wall_toolgood" \
      -v rc="$cpu_redline" -v sc="$cpu_sensitive_word" -v tc="$cpu_toolgood" 'BEGIN {
    printf "== throughput redline/sensitive-word = %.2fx by wall, %.2fx by cpu (budget >= 5x)\n", s / r, sc / rc
    printf "== throughput redline/toolgood       = %.2fx by wall, %.2fx by cpu (budget >= 0.5x)\n", t / r, tc / rc }'
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
