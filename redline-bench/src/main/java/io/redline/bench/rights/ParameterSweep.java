package io.redline.bench.rights;

import io.redline.rights.text.CopyParams;
import io.redline.rights.text.MinHash;
import io.redline.rights.text.Shingles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How {@link CopyParams#DEFAULT} was chosen: for each shingle size, band layout and threshold,
 * the link rate of pairs by their true Jaccard (the recall/precision curve), the recall of
 * edited reposts, the false-link and candidate rates among unrelated notes sharing a template,
 * and the bytes a signature costs. Pair-level (no index), so it is exact about the LSH
 * probabilities and cheap to rerun.
 */
final class ParameterSweep {
    private static final int PAIRS = 3_000;
    private static final int[] SHINGLES = {3, 4, 5};
    private static final int[][] LAYOUTS = {{8, 8}, {16, 4}, {20, 5}, {32, 2}, {25, 4}};
    private static final double[] THRESHOLDS = {0.5, 0.6, 0.7};

    private record Pair(String a, String b, String kind) {}

    static void run(NoteCorpus corpus, long seed) {
        SplittableRandom r = new SplittableRandom(seed + 7);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String base = i % 10 == 9 ? corpus.templateHeavyNote(r) : corpus.note(r);
            pairs.add(new Pair(base, corpus.edit(base, r), "repost"));
        }
        for (int i = 0; i < PAIRS; i++) {
            int t = r.nextInt(corpus.templates());
            boolean heavy = i % 10 == 9;
            pairs.add(new Pair(
                    heavy ? corpus.templateHeavyNote(r, t) : corpus.note(r, t),
                    heavy ? corpus.templateHeavyNote(r, t) : corpus.note(r, t),
                    "unrelated"));
        }
        for (int i = 0; i < PAIRS; i++) {
            String base = corpus.note(r);
            pairs.add(new Pair(base, corpus.substitute(base, r, r.nextInt(60)), "graded"));
        }
        System.out.printf(
                Locale.ROOT,
                "== Parameter sweep: %d edited reposts, %d unrelated pairs sharing a template, %d graded pairs (0-60 characters substituted)%n",
                PAIRS,
                PAIRS,
                PAIRS);
        System.out.println(
                "k  bands×rows thr | repost recall | recall J>=0.8 | link rate J in [0.7,0.8) [0.6,0.7) [0.5,0.6) <0.5 | unrelated: linked  candidates | bytes/item");
        for (int k : SHINGLES) {
            Shingles shingles = new Shingles(k);
            long[][] as = new long[pairs.size()][], bs = new long[pairs.size()][];
            double[] truth = new double[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                as[i] = shingles.of(pairs.get(i).a());
                bs[i] = shingles.of(pairs.get(i).b());
                truth[i] = Shingles.jaccard(as[i], bs[i]);
            }
            for (int[] layout : LAYOUTS) {
                int bands = layout[0], rows = layout[1];
                MinHash minHash = new MinHash(bands * rows);
                char[][] sa = new char[pairs.size()][], sb = new char[pairs.size()][];
                for (int i = 0; i < pairs.size(); i++) {
                    sa[i] = minHash.signature(as[i]);
                    sb[i] = minHash.signature(bs[i]);
                }
                for (double thr : THRESHOLDS) {
                    int reposts = 0,
                            repostLinks = 0,
                            high = 0,
                            highLinks = 0,
                            unrelated = 0,
                            unrelatedLinks = 0,
                            unrelatedCandidates = 0;
                    int[] bucket = new int[4], bucketLinks = new int[4]; // [0.7,0.8) [0.6,0.7) [0.5,0.6) <0.5
                    for (int i = 0; i < pairs.size(); i++) {
                        boolean candidate = bandAgrees(sa[i], sb[i], bands, rows);
                        boolean link = candidate && MinHash.similarity(sa[i], sb[i]) >= thr - 1e-9;
                        String kind = pairs.get(i).kind();
                        if (kind.equals("repost")) {
                            reposts++;
                            if (link) repostLinks++;
                        }
                        if (kind.equals("unrelated")) {
                            unrelated++;
                            if (link) unrelatedLinks++;
                            if (candidate) unrelatedCandidates++;
                        }
                        if (truth[i] >= 0.8) {
                            high++;
                            if (link) highLinks++;
                        } else {
                            int b = truth[i] >= 0.7 ? 0 : truth[i] >= 0.6 ? 1 : truth[i] >= 0.5 ? 2 : 3;
                            bucket[b]++;
                            if (link) bucketLinks[b]++;
                        }
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "%d  %2d×%d      %.1f | %.4f        | %.4f (%4d)  | %s %s %s %s | %.4f  %.4f | %d%n",
                            k,
                            bands,
                            rows,
                            thr,
                            (double) repostLinks / reposts,
                            (double) highLinks / Math.max(1, high),
                            high,
                            rate(bucketLinks[0], bucket[0]),
                            rate(bucketLinks[1], bucket[1]),
                            rate(bucketLinks[2], bucket[2]),
                            rate(bucketLinks[3], bucket[3]),
                            (double) unrelatedLinks / unrelated,
                            (double) unrelatedCandidates / unrelated,
                            2 * bands * rows + 8 * bands);
                }
            }
        }
        CopyParams chosen = CopyParams.DEFAULT;
        System.out.printf(
                Locale.ROOT,
                "chosen: %s; theory 1-(1-s^r)^b: s=0.5 %.3f, s=0.6 %.3f, s=0.7 %.3f, s=0.8 %.4f, s=0.9 %.5f%n",
                chosen,
                chosen.candidateProbability(0.5),
                chosen.candidateProbability(0.6),
                chosen.candidateProbability(0.7),
                chosen.candidateProbability(0.8),
                chosen.candidateProbability(0.9));
    }

    private static String rate(int links, int total) {
        return total == 0 ? "   -  " : String.format(Locale.ROOT, "%.3f(%d)", (double) links / total, total);
    }

    private static boolean bandAgrees(char[] a, char[] b, int bands, int rows) {
        for (int band = 0; band < bands; band++) {
            boolean same = true;
            for (int i = band * rows; i < (band + 1) * rows && same; i++) same = a[i] == b[i];
            if (same) return true;
        }
        return false;
    }
}
