package io.redline.bench.text;

import com.github.houbb.sensitive.word.api.IWordResult;
import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.redline.bench.corpus.CorpusGenerator;
import io.redline.text.Screener;
import io.redline.text.Screening;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread throughput of screening user items, one item (line) at a time, over the same
 * generated corpus and the same ~64k-term dictionary for every contestant.
 *
 * <p>One operation screens one batch of consecutive items of about {@link #BATCH_BYTES} bytes;
 * the batches are cycled so every iteration walks the whole corpus in order. The auxiliary
 * counter {@code bytes} counts the UTF-8 bytes screened, so JMH reports bytes per second
 * directly, whatever the length of the items in the batches that happened to run.
 *
 * <p>G1 (the JVM's default), not ParallelGC: houbb sensitive-word allocates ~560 bytes per input
 * byte and ran ~30% faster under G1; the others allocate too little to notice.
 *
 * <p>Five warm-up iterations, not three: the full chain's hot loop is large and on a shared
 * two-core box its C2 compilation was still landing in the third second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
@Threads(1)
public class TextScreeningBenchmark {

    /** Small enough that even the slowest contestant runs many operations per iteration. */
    static final int BATCH_BYTES = 64 * 1024;

    /** The corpus, cut into batches of items. Generated once per fork; identical for everyone. */
    @State(Scope.Benchmark)
    public static class Corpus {
        String[][] batches;
        long[] batchBytes;

        @Setup(Level.Trial)
        public void generate() {
            List<String> lines = CorpusGenerator.defaultCorpus();
            List<String[]> cut = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            List<String> batch = new ArrayList<>();
            long bytes = 0;
            for (String line : lines) {
                batch.add(line);
                bytes += CorpusGenerator.utf8Length(line);
                if (bytes >= BATCH_BYTES) {
                    cut.add(batch.toArray(String[]::new));
                    sizes.add(bytes);
                    batch.clear();
                    bytes = 0;
                }
            }
            if (!batch.isEmpty()) {
                cut.add(batch.toArray(String[]::new));
                sizes.add(bytes);
            }
            batches = cut.toArray(String[][]::new);
            batchBytes = sizes.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** Where this thread is in the corpus, and how many bytes it screened (reported as bytes/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Progress {
        int next;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }

        String[] take(Corpus corpus) {
            int index = next;
            next = index + 1 == corpus.batches.length ? 0 : index + 1;
            bytes += corpus.batchBytes[index];
            return corpus.batches[index];
        }
    }

    @State(Scope.Benchmark)
    public static class RedlineFull {
        Screener screener;

        @Setup(Level.Trial)
        public void compile() {
            screener = Contestants.redlineFull(PeerDictionary.terms());
        }
    }

    @State(Scope.Benchmark)
    public static class RedlineExact {
        Screener screener;

        @Setup(Level.Trial)
        public void compile() {
            screener = Contestants.redlineExact(PeerDictionary.terms());
        }
    }

    @State(Scope.Benchmark)
    public static class SensitiveWord {
        SensitiveWordBs words;

        @Setup(Level.Trial)
        public void compile() {
            words = Contestants.sensitiveWord(PeerDictionary.terms());
        }
    }

    @State(Scope.Benchmark)
    public static class ToolGood {
        toolgood.words.IllegalWordsSearch search;

        @Setup(Level.Trial)
        public void compile() {
            search = Contestants.toolGood(PeerDictionary.terms());
        }
    }

    @State(Scope.Benchmark)
    public static class Acdat {
        AhoCorasickDoubleArrayTrie<String> trie;

        @Setup(Level.Trial)
        public void compile() {
            trie = Contestants.acdat(PeerDictionary.terms());
        }
    }

    @Benchmark
    public void redlineFull(Corpus corpus, Progress progress, RedlineFull redline, Blackhole bh) {
        for (String line : progress.take(corpus)) {
            Screening screening = redline.screener.screen(line);
            bh.consume(screening);
        }
    }

    @Benchmark
    public void redlineExact(Corpus corpus, Progress progress, RedlineExact redline, Blackhole bh) {
        for (String line : progress.take(corpus)) {
            Screening screening = redline.screener.screen(line);
            bh.consume(screening);
        }
    }

    @Benchmark
    public void sensitiveWord(Corpus corpus, Progress progress, SensitiveWord peer, Blackhole bh) {
        for (String line : progress.take(corpus)) {
            List<IWordResult> hits = peer.words.findAll(line, WordResultHandlers.raw());
            bh.consume(hits);
        }
    }

    @Benchmark
    public void toolGood(Corpus corpus, Progress progress, ToolGood peer, Blackhole bh) {
        for (String line : progress.take(corpus)) {
            bh.consume(peer.search.FindAll(line));
        }
    }

    @Benchmark
    public void acdat(Corpus corpus, Progress progress, Acdat peer, Blackhole bh) {
        for (String line : progress.take(corpus)) {
            List<AhoCorasickDoubleArrayTrie.Hit<String>> hits = peer.trie.parseText(line);
            bh.consume(hits);
        }
    }
}
