package io.redline.bench.rights;

import io.redline.bench.corpus.CorpusGenerator;
import io.redline.bench.text.PairedRun;
import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The copy lookup as the server runs it on every decided item ({@code CopyRegister}: shingles,
 * MinHash signature, LSH lookup, then the add once the item is stored), for two builds of
 * redline-rights side by side in one JVM: {@code bench/copy-ab.sh BEFORE}. Each build is loaded in
 * a class loader of its own with its own index; both replay the same bench-corpus items (the texts
 * {@code bench/http.sh} sends, many sharing templates) in the same order, so their indexes hold the
 * same items at every round. Rounds alternate which build goes first, and the figures are medians
 * of per-round values, so a drift in the machine's load hits both alike. Every item's matches must
 * be identical in both builds (ids and similarities), or the run fails: a faster lookup that
 * finds something else is not faster.
 */
public final class CopyLookupAB {
    /** As CopyRegister.TEXT_SHINGLES_MIN: shorter texts are neither looked up nor indexed. */
    private static final int TEXT_SHINGLES_MIN = 10;

    private CopyLookupAB() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1)
            throw new IllegalArgumentException("usage: CopyLookupAB BEFORE [--prefill N] [--rounds N] [--batch N]");
        Path before = Path.of(args[0]);
        int prefill = 150_000;
        int rounds = 40;
        int batch = 2_500;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--prefill" -> prefill = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path after = Path.of(io.redline.rights.text.CopyIndex.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Contestant[] builds = {new Contestant("before", before), new Contestant("after", after)};

        CorpusGenerator corpus = new CorpusGenerator(CorpusGenerator.DEFAULT_SEED);
        int total = prefill + rounds * batch;
        String[] texts = new String[total];
        String[] authors = new String[total];
        for (int i = 0; i < total; i++) {
            texts[i] = corpus.nextItem();
            authors[i] = "u" + ((i * 31L) % 5000); // as bench/http.sh spreads its items over 5,000 authors
        }
        System.out.printf(
                Locale.ROOT,
                "== Copy lookup A/B: %,d items prefilled, then %d rounds of %,d items (load %s)%n",
                prefill,
                rounds,
                batch,
                loadAverage());
        for (Contestant c : builds) c.run(texts, authors, 0, prefill, null);

        double[][] itemNs = new double[builds.length][rounds];
        double[][] signatureNs = new double[builds.length][rounds];
        double[][] lookupNs = new double[builds.length][rounds];
        double[][] addNs = new double[builds.length][rounds];
        double[][] cpuNs = new double[builds.length][rounds];
        long matched = 0, matches = 0, looked = 0;
        for (int r = 0; r < rounds; r++) {
            int from = prefill + r * batch;
            long[][] results = new long[builds.length][];
            for (int k = 0; k < builds.length; k++) {
                int c = r % 2 == 0 ? k : builds.length - 1 - k;
                long[] out = new long[batch];
                Times t = builds[c].run(texts, authors, from, from + batch, out);
                results[c] = out;
                itemNs[c][r] = (double) t.wallNs / batch;
                signatureNs[c][r] = (double) t.signatureNs / batch;
                lookupNs[c][r] = (double) t.lookupNs / batch;
                addNs[c][r] = (double) t.addNs / batch;
                cpuNs[c][r] = (double) t.cpuNs / batch;
            }
            for (int i = 0; i < batch; i++) {
                if (results[0][i] != results[1][i])
                    throw new IllegalStateException("item " + (from + i) + " matched differently: " + texts[from + i]);
            }
            looked += builds[0].lookedUp;
            matched += builds[0].matched;
            matches += builds[0].matchCount;
        }
        System.out.printf(
                Locale.ROOT,
                "same matches in both builds for all %,d items (%,d looked up, %.1f%% of them matched, %.1f matches on average)%n",
                rounds * batch,
                looked,
                100.0 * matched / looked,
                matched == 0 ? 0 : (double) matches / matched);
        System.out.printf(
                Locale.ROOT,
                "%-8s %14s %14s %14s %14s %14s%n",
                "build",
                "ns/item",
                "signature",
                "lookup",
                "add",
                "CPU ns/item");
        for (int c = 0; c < builds.length; c++) {
            System.out.printf(
                    Locale.ROOT,
                    "%-8s %14.0f %14.0f %14.0f %14.0f %14.0f%n",
                    builds[c].name,
                    PairedRun.median(itemNs[c]),
                    PairedRun.median(signatureNs[c]),
                    PairedRun.median(lookupNs[c]),
                    PairedRun.median(addNs[c]),
                    PairedRun.median(cpuNs[c]));
        }
        System.out.printf(
                Locale.ROOT,
                "after/before (median of per-round ratios): item %.3f, signature %.3f, lookup %.3f, add %.3f, CPU %.3f (load %s)%n",
                PairedRun.medianRatio(itemNs[1], itemNs[0]),
                PairedRun.medianRatio(signatureNs[1], signatureNs[0]),
                PairedRun.medianRatio(lookupNs[1], lookupNs[0]),
                PairedRun.medianRatio(addNs[1], addNs[0]),
                PairedRun.medianRatio(cpuNs[1], cpuNs[0]),
                loadAverage());
    }

    private record Times(long wallNs, long signatureNs, long lookupNs, long addNs, long cpuNs) {}

    /** One build of redline-rights: its own class loader, index, shingler and MinHash. */
    private static final class Contestant {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        final String name;
        private final MethodHandle shinglesOf; // (CharSequence) long[]
        private final MethodHandle signatureOf; // (long[]) char[]
        private final MethodHandle lookup; // (char[], String) List
        private final MethodHandle add; // (String, String, char[]) void
        private final MethodHandle matchId; // (Object) String
        private final MethodHandle matchSimilarity; // (Object) double
        long lookedUp, matched, matchCount; // of the last run

        Contestant(String name, Path build) throws Exception {
            this.name = name;
            List<URL> urls = new ArrayList<>();
            urls.add(build.toUri().toURL());
            // Everything else this JVM runs on (redline-text, ICU, ...), but not its own redline-rights.
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.contains("redline-rights") || entry.contains("redline-bench")) continue;
                if (Files.exists(Path.of(entry)))
                    urls.add(Path.of(entry).toUri().toURL());
            }
            URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> params = loader.loadClass("io.redline.rights.text.CopyParams");
            Class<?> shingles = loader.loadClass("io.redline.rights.text.Shingles");
            Class<?> minHash = loader.loadClass("io.redline.rights.text.MinHash");
            Class<?> index = loader.loadClass("io.redline.rights.text.CopyIndex");
            Class<?> match = loader.loadClass("io.redline.rights.text.CopyMatch");
            Object p = params.getField("DEFAULT").get(null);
            int shingleChars = (int) params.getMethod("shingleChars").invoke(p);
            int hashes = (int) params.getMethod("hashes").invoke(p);
            Object s = shingles.getConstructor(int.class).newInstance(shingleChars);
            Object m = minHash.getConstructor(int.class).newInstance(hashes);
            Object x = index.getConstructor(params, int.class).newInstance(p, 16);
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            shinglesOf = l.findVirtual(shingles, "of", MethodType.methodType(long[].class, CharSequence.class))
                    .bindTo(s)
                    .asType(MethodType.methodType(long[].class, String.class));
            signatureOf = l.findVirtual(minHash, "signature", MethodType.methodType(char[].class, long[].class))
                    .bindTo(m);
            lookup = l.findVirtual(index, "lookup", MethodType.methodType(List.class, char[].class, String.class))
                    .bindTo(x);
            add = l.findVirtual(
                            index, "add", MethodType.methodType(void.class, String.class, String.class, char[].class))
                    .bindTo(x);
            matchId = l.findVirtual(match, "id", MethodType.methodType(String.class))
                    .asType(MethodType.methodType(String.class, Object.class));
            matchSimilarity = l.findVirtual(match, "similarity", MethodType.methodType(double.class))
                    .asType(MethodType.methodType(double.class, Object.class));
        }

        /**
         * Items [from, to): each looked up, then added, as the server does; {@code out} (when not
         * null) gets a digest of each item's matches.
         */
        Times run(String[] texts, String[] authors, int from, int to, long[] out) {
            lookedUp = matched = matchCount = 0;
            long signatureNs = 0, lookupNs = 0, addNs = 0;
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            try {
                for (int i = from; i < to; i++) {
                    long a = System.nanoTime();
                    long[] set = (long[]) shinglesOf.invokeExact(texts[i]);
                    if (set.length < TEXT_SHINGLES_MIN) continue;
                    char[] signature = (char[]) signatureOf.invokeExact(set);
                    long b = System.nanoTime();
                    List<?> found = (List<?>) lookup.invokeExact(signature, authors[i]);
                    long c = System.nanoTime();
                    add.invokeExact("n" + i, authors[i], signature);
                    long d = System.nanoTime();
                    signatureNs += b - a;
                    lookupNs += c - b;
                    addNs += d - c;
                    lookedUp++;
                    if (!found.isEmpty()) {
                        matched++;
                        matchCount += found.size();
                    }
                    if (out != null) {
                        long digest = found.size();
                        for (Object f : found) {
                            digest = digest * 31 + ((String) matchId.invokeExact(f)).hashCode();
                            digest = digest * 31 + Double.hashCode((double) matchSimilarity.invokeExact(f));
                        }
                        out[i - from] = digest;
                    }
                }
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            return new Times(
                    System.nanoTime() - t0, signatureNs, lookupNs, addNs, THREADS.getCurrentThreadCpuTime() - cpu0);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
