package io.redline.bench.rights;

import io.redline.rights.image.ImageHash;
import io.redline.rights.image.ImageIndex;
import io.redline.rights.image.Luma;
import io.redline.rights.image.Pdq;
import io.redline.rights.image.Pictures;
import io.redline.rights.text.CopyIndex;
import io.redline.rights.text.CopyMatch;
import io.redline.rights.text.CopyParams;
import io.redline.rights.text.Shingles;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The copy-detection benchmark (bench/rights.sh): index N generated notes, then measure lookup
 * latency, the recall of edited reposts and the false links among unrelated notes that share
 * templates, against a brute-force Jaccard reference on a sample; then image copies' recall per
 * transformation. {@code --sweep} instead prints the parameter sweep that chose {@link CopyParams#DEFAULT}.
 */
public final class RightsBenchmark {
    private static final long SEED = 20261202L;
    private static final NoteCorpus CORPUS = new NoteCorpus(SEED, 20_000, 40);

    public static void main(String[] args) {
        int notes = 1_000_000;
        int queries = 5_000;
        int images = 200;
        boolean sweep = false;
        boolean rebuild = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--notes" -> notes = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--sweep" -> sweep = true;
                case "--no-rebuild" -> rebuild = false;
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (--notes N, --queries N, --images N, --no-rebuild, --sweep)");
            }
        }
        if (sweep) {
            ParameterSweep.run(CORPUS, SEED);
            return;
        }
        text(notes, queries);
        if (rebuild) {
            try (RebuildAtStart stored = new RebuildAtStart()) {
                stored.fill(notes, RightsBenchmark::note, RightsBenchmark::author);
                stored.measure();
            }
        }
        images(images);
    }

    static String note(long i) {
        SplittableRandom r = new SplittableRandom(SEED * 31 + i * 0x9E3779B97F4A7C15L);
        return i % 10 == 9 ? CORPUS.templateHeavyNote(r) : CORPUS.note(r);
    }

    static String author(long i) {
        return "a" + (i % 300_000);
    }

    private static void text(int n, int q) {
        CopyParams params = CopyParams.DEFAULT;
        System.out.printf(Locale.ROOT, "== Text copies: %,d notes, params %s%n", n, params);
        long heapBefore = usedHeap();
        CopyIndex index = new CopyIndex(params, n);
        long t0 = System.nanoTime();
        int batch = 20_000;
        for (int from = 0; from < n; from += batch) {
            int base = from;
            char[][] sigs = IntStream.range(0, Math.min(batch, n - from))
                    .parallel()
                    .mapToObj(k -> index.signature(note(base + k)))
                    .toArray(char[][]::new);
            for (int k = 0; k < sigs.length; k++) index.add("n" + (base + k), author(base + k), sigs[k]);
        }
        double buildS = (System.nanoTime() - t0) / 1e9;
        long heapAfter = usedHeap();
        System.out.printf(
                Locale.ROOT,
                "index built in %.1f s (%,.0f notes/s, signatures on %d threads); memory: %,d MB by the index's own count, %,d MB heap growth after GC (%d B/note)%n",
                buildS,
                n / buildS,
                Runtime.getRuntime().availableProcessors(),
                index.memoryBytes() >> 20,
                (heapAfter - heapBefore) >> 20,
                (heapAfter - heapBefore) / n);

        Shingles shingles = new Shingles(params.shingleChars());
        SplittableRandom r = new SplittableRandom(SEED + 1);
        long[] lookupNs = new long[2 * q];
        long[] lookupCpuNs = new long[2 * q];
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int lookups = 0;
        // Edited reposts of random indexed notes, bucketed by their true Jaccard to the original.
        int[] bucketAll = new int[11], bucketFound = new int[11];
        long signatureNs = 0;
        for (int i = 0; i < q; i++) {
            long baseId = r.nextLong(n);
            String original = note(baseId);
            String edited = CORPUS.edit(original, r);
            double truth = Shingles.jaccard(shingles.of(original), shingles.of(edited));
            long s0 = System.nanoTime();
            char[] sig = index.signature(edited);
            long c1 = threads.getCurrentThreadCpuTime();
            long s1 = System.nanoTime();
            List<CopyMatch> found = index.lookup(sig, "reposter");
            lookupNs[lookups] = System.nanoTime() - s1;
            lookupCpuNs[lookups++] = threads.getCurrentThreadCpuTime() - c1;
            signatureNs += s1 - s0;
            int b = (int) Math.floor(truth * 10);
            bucketAll[b]++;
            String want = "n" + baseId;
            if (found.stream().anyMatch(m -> m.id().equals(want))) bucketFound[b]++;
        }
        // Unrelated new notes (same templates): every link is checked against the true Jaccard.
        int linked = 0, falseLinks = 0;
        double worstFalse = 0;
        for (int i = 0; i < q; i++) {
            String text = note(n + 1_000_000L + i);
            char[] sig = index.signature(text);
            long c1 = threads.getCurrentThreadCpuTime();
            long s1 = System.nanoTime();
            List<CopyMatch> found = index.lookup(sig, "newcomer");
            lookupNs[lookups] = System.nanoTime() - s1;
            lookupCpuNs[lookups++] = threads.getCurrentThreadCpuTime() - c1;
            if (found.isEmpty()) continue;
            linked++;
            long matched = Long.parseLong(found.getFirst().id().substring(1));
            double truth = Shingles.jaccard(shingles.of(text), shingles.of(note(matched)));
            if (truth < 0.5) {
                falseLinks++;
                worstFalse = Math.max(worstFalse, found.getFirst().similarity());
            }
        }
        long[] sorted = Arrays.copyOf(lookupNs, lookups);
        Arrays.sort(sorted);
        long[] cpu = Arrays.copyOf(lookupCpuNs, lookups);
        Arrays.sort(cpu);
        System.out.printf(
                Locale.ROOT,
                "lookup (one thread, %,d lookups), wall clock: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                lookups,
                sorted[lookups / 2] / 1e6,
                sorted[(int) (lookups * 0.99)] / 1e6,
                sorted[(int) (lookups * 0.999)] / 1e6,
                sorted[lookups - 1] / 1e6);
        System.out.printf(
                Locale.ROOT,
                "lookup, CPU time of the thread (excludes waiting for a core on a loaded machine): p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                cpu[lookups / 2] / 1e6,
                cpu[(int) (lookups * 0.99)] / 1e6,
                cpu[(int) (lookups * 0.999)] / 1e6,
                cpu[lookups - 1] / 1e6);
        System.out.printf(
                Locale.ROOT,
                "signature of a note (normalise, shingle, %d MinHash values): mean %.3f ms%n",
                params.hashes(),
                signatureNs / 1e6 / q);
        System.out.println("edited reposts: recall by true Jaccard to the original (" + params.shingleChars()
                + "-character shingles)");
        int atLeast08 = 0, foundAtLeast08 = 0;
        for (int b = 0; b <= 10; b++) {
            if (bucketAll[b] == 0) continue;
            System.out.printf(
                    Locale.ROOT,
                    "  J in [%.1f, %.1f): %5d reposts, recall %.4f%n",
                    b / 10.0,
                    Math.min(1.0, b / 10.0 + 0.1) + (b == 10 ? 0.0001 : 0),
                    bucketAll[b],
                    (double) bucketFound[b] / bucketAll[b]);
            if (b >= 8) {
                atLeast08 += bucketAll[b];
                foundAtLeast08 += bucketFound[b];
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  recall at J >= 0.8: %.4f (%d of %d)   budget: >= 0.95%n",
                (double) foundAtLeast08 / atLeast08,
                foundAtLeast08,
                atLeast08);
        System.out.printf(
                Locale.ROOT,
                "unrelated notes sharing templates: %d of %d linked, %d false links (true J < 0.5; highest estimate %.2f)%n",
                linked,
                q,
                falseLinks,
                worstFalse);

        // Brute-force references on a sample: exact Jaccard over the first notes, and the exhaustive signature scan
        // (the floor).
        int sample = Math.min(n, 20_000);
        long[][] sampleSets = IntStream.range(0, sample)
                .parallel()
                .mapToObj(i -> shingles.of(note(i)))
                .toArray(long[][]::new);
        int refQueries = 200, refWanted = 0, refFound = 0, refFalse = 0;
        for (int i = 0; i < refQueries; i++) {
            String text = i % 2 == 0 ? CORPUS.edit(note(r.nextInt(sample)), r) : note(3_000_000L + i);
            long[] set = shingles.of(text);
            List<CopyMatch> found = index.lookup(index.signature(text), "reference");
            for (int j = 0; j < sample; j++) {
                double truth = Shingles.jaccard(set, sampleSets[j]);
                String id = "n" + j;
                boolean returned = found.stream().anyMatch(m -> m.id().equals(id));
                if (truth >= 0.8) {
                    refWanted++;
                    if (returned) refFound++;
                } else if (truth < 0.5 && returned) {
                    refFalse++;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "brute-force Jaccard reference (%d queries × %,d notes): recall at J >= 0.8 %.4f (%d of %d); returned pairs with J < 0.5: %d%n",
                refQueries,
                sample,
                refWanted == 0 ? 1.0 : (double) refFound / refWanted,
                refFound,
                refWanted,
                refFalse);
        int scans = 30;
        long[] scanNs = new long[scans];
        for (int i = 0; i < scans; i++) {
            char[] sig = index.signature(CORPUS.edit(note(r.nextLong(n)), r));
            long s = System.nanoTime();
            index.lookupExhaustive(sig, "x");
            scanNs[i] = System.nanoTime() - s;
        }
        Arrays.sort(scanNs);
        System.out.printf(
                Locale.ROOT,
                "floor: exhaustive signature scan of all %,d notes: p50 %.1f ms per lookup; LSH lookup p50 is %.0fx faster%n",
                n,
                scanNs[scans / 2] / 1e6,
                (double) scanNs[scans / 2] / sorted[lookups / 2]);
    }

    private static void images(int originals) {
        System.out.printf(
                Locale.ROOT,
                "== Image copies: %d originals + %d distractors indexed (Java2D pictures, 480×360)%n",
                originals,
                originals * 4);
        ImageIndex index = new ImageIndex();
        BufferedImage[] pictures = new BufferedImage[originals];
        long hashNs = 0;
        for (int i = 0; i < originals; i++) {
            pictures[i] = Pictures.photo(i, 480, 360);
            long s = System.nanoTime();
            index.add("img" + i, "owner", Pdq.references(Pictures.luma(pictures[i])));
            hashNs += System.nanoTime() - s;
        }
        for (int i = 0; i < originals * 4; i++)
            index.add("other" + i, "owner", Pdq.references(Pictures.luma(Pictures.photo(100_000 + i, 480, 360))));
        System.out.printf(
                Locale.ROOT,
                "reference hashes (3 PDQ + dHash) per 480×360 picture: mean %.2f ms%n",
                hashNs / 1e6 / originals);
        long queryNs = 0;
        int queries = 0;
        for (Map.Entry<String, UnaryOperator<BufferedImage>> t :
                Pictures.transformations().entrySet()) {
            int found = 0, wrong = 0;
            for (int i = 0; i < originals; i++) {
                Luma luma = Pictures.luma(t.getValue().apply(pictures[i]));
                long s = System.nanoTime();
                ImageHash[] variants = Pdq.dihedral(luma);
                List<CopyMatch> matches = index.lookup(variants, "reposter");
                queryNs += System.nanoTime() - s;
                queries++;
                String want = "img" + i;
                if (matches.stream().anyMatch(m -> m.id().equals(want))) found++;
                wrong +=
                        (int) matches.stream().filter(m -> !m.id().equals(want)).count();
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-34s recall %.3f (%d of %d), links to other pictures: %d%n",
                    t.getKey(),
                    (double) found / originals,
                    found,
                    originals,
                    wrong);
        }
        int falseLinks = 0;
        for (int i = 0; i < originals; i++) {
            if (!index.lookup(Pdq.dihedral(Pictures.luma(Pictures.photo(900_000 + i, 480, 360))), "reposter")
                    .isEmpty()) falseLinks++;
        }
        System.out.printf(
                Locale.ROOT,
                "  unrelated pictures linked: %d of %d; query (8 dihedral hashes + scan of %,d images): mean %.2f ms%n",
                falseLinks,
                originals,
                index.size(),
                queryNs / 1e6 / queries);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
