package io.redline.text;

import io.redline.text.detect.Detection;
import io.redline.text.detect.Detectors;
import io.redline.text.detect.FoldedView;
import io.redline.text.match.Automaton;
import io.redline.text.match.Pass;
import io.redline.text.match.Patterns;
import io.redline.text.match.Scratch;
import io.redline.text.normalize.FoldTable;
import io.redline.text.normalize.NormalizedText;
import io.redline.text.normalize.Normalizer;
import io.redline.text.pinyin.Pinyin;
import io.redline.text.pinyin.Variants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled, immutable, thread-safe screener: a lexicon, an allow list and options turned into
 * folding tables and automata. Compile once (a reload compiles a new one and swaps it in, see
 * {@link ScreenerHolder}); screen from any number of threads.
 *
 * <p>Screening runs up to two passes over the text: the main pass (fold, skip noise, collapse
 * repeats, match lexicon terms, their pinyin and initials variants and the allow list, and record
 * the folded stream for the detectors), then, only when some term asks for homophones, a
 * phonetic pass in which every Han character becomes its toneless syllable. Working memory is a
 * per-thread {@link Scratch}, so the per-character path allocates nothing.
 */
public final class Screener {
    /** Bumped whenever matching semantics change, so recorded decisions can tell engines apart. */
    public static final String ENGINE_VERSION = "redline-text/1";
    /** Longest text one call accepts (offsets are packed into 24 bits during hit selection); split longer input. */
    public static final int MAX_TEXT_LENGTH = (1 << 24) - 1;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final Map<Integer, FoldTable> PHONETIC_TABLES = new ConcurrentHashMap<>();
    private static final int ALLOW = -1;

    private final Lexicon lexicon;
    private final AllowList allowList;
    private final ScreenOptions options;
    private final String version;

    private final FoldTable table;
    private final Normalizer normalizer;
    private final Normalizer displayFolder;
    private final Matcher mainMatcher;
    private final Matcher phoneticMatcher;

    private final String[] termText;
    private final int[] termCategory;
    private final int[] termSeverity;
    private final String[] categories;
    private final Map<String, Integer> categoryIndex;
    private final int skippedTerms;

    private final Detectors detectors;
    private final boolean anyDetector;

    /** An automaton with its per-pattern checks and the term each pattern stands for (or {@link #ALLOW}). */
    private record Matcher(FoldTable table, Automaton automaton, Patterns patterns, int[] termOf, String[] normalized) {}

    private Screener(Lexicon lexicon, AllowList allowList, ScreenOptions options) {
        this.lexicon = lexicon;
        this.allowList = allowList;
        this.options = options;
        int stages = (options.foldWidthAndCase() ? FoldTable.WIDTH_CASE : 0)
                | (options.traditionalToSimplified() ? FoldTable.TRADITIONAL : 0)
                | (options.foldLookalikes() ? FoldTable.LOOKALIKE : 0)
                | (options.removeInvisible() ? FoldTable.INVISIBLE : 0);
        boolean needsTable = stages != 0 || options.skipNoise() || !options.detectors().isEmpty();
        this.table = needsTable ? FoldTable.of(stages) : null;
        this.normalizer = new Normalizer(table, options.skipNoise(), options.collapseRepeats());
        this.displayFolder = new Normalizer(table, false, false);

        List<Term> terms = lexicon.terms();
        int n = terms.size();
        termText = new String[n];
        termCategory = new int[n];
        termSeverity = new int[n];
        categoryIndex = new HashMap<>();
        List<String> cats = new ArrayList<>();
        for (Detector d : Detector.values()) {
            categoryIndex.computeIfAbsent(d.category(), k -> {
                cats.add(k);
                return cats.size() - 1;
            });
        }
        PatternSink main = new PatternSink();
        PatternSink phonetic = new PatternSink();
        int skipped = 0;
        for (int t = 0; t < n; t++) {
            Term term = terms.get(t);
            termText[t] = term.text();
            termSeverity[t] = term.severity();
            termCategory[t] = categoryIndex.computeIfAbsent(term.category(), k -> {
                cats.add(k);
                return cats.size() - 1;
            });
            NormalizedText nt = normalizer.normalize(term.text());
            if (!main.add(nt.codePoints(), nt.runs(), t, term.has(TermOption.WHOLEWORD))) {
                skipped++;
                continue;
            }
            if (options.variants()) {
                int[] cps = nt.codePoints();
                if (term.has(TermOption.PINYIN)) {
                    for (String v : Variants.pinyin(cps)) {
                        NormalizedText vt = normalizer.normalize(v);
                        main.add(vt.codePoints(), vt.runs(), t, true);
                    }
                }
                if (term.has(TermOption.INITIALS)) {
                    for (String v : Variants.initials(cps)) {
                        NormalizedText vt = normalizer.normalize(v);
                        main.add(vt.codePoints(), vt.runs(), t, true);
                    }
                }
                if (term.has(TermOption.HOMOPHONES)) {
                    int[] codes = Variants.phonetic(cps);
                    if (codes != null) {
                        phonetic.addCollapsed(codes, nt.runs(), t, options.collapseRepeats());
                    }
                }
            }
        }
        for (String phrase : allowList.phrases()) {
            NormalizedText nt = normalizer.normalize(phrase);
            main.add(nt.codePoints(), nt.runs(), ALLOW, false);
        }
        this.skippedTerms = skipped;
        this.categories = cats.toArray(String[]::new);
        this.mainMatcher = main.build(table);
        if (phonetic.size() > 0) {
            FoldTable base = table != null ? table : FoldTable.of(0);
            FoldTable phon = PHONETIC_TABLES.computeIfAbsent(base.stages(), k -> base.remap(Screener::phoneticEntry));
            this.phoneticMatcher = phonetic.build(phon);
        } else {
            this.phoneticMatcher = null;
        }

        var ds = options.detectors();
        detectors = new Detectors(ds.contains(Detector.PHONE), ds.contains(Detector.ID_CARD), ds.contains(Detector.BANK_CARD),
                ds.contains(Detector.WECHAT), ds.contains(Detector.QQ), ds.contains(Detector.URL), ds.contains(Detector.EMAIL),
                ds.contains(Detector.SHOP_TOKEN), Math.max(1, options.maxGap()));
        anyDetector = !ds.isEmpty();
        this.version = Lexicon.sha256(List.of(ENGINE_VERSION, lexicon.version(), allowList.version(), options.canonical()));
    }

    /** Compiles a screener. Linear in the lexicon size; 100k terms take well under two seconds. */
    public static Screener compile(Lexicon lexicon, AllowList allowList, ScreenOptions options) {
        return new Screener(lexicon, allowList, options);
    }

    /** The starter lexicon and allow list with default options. */
    public static Screener starter() {
        return compile(Lexicon.starter(), AllowList.starter(), ScreenOptions.defaults());
    }

    /** Engine, lexicon, allow list and options, hashed: two screeners with the same version decide alike. */
    public String version() {
        return version;
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    public AllowList allowList() {
        return allowList;
    }

    public ScreenOptions options() {
        return options;
    }

    /** Terms that normalise to nothing usable under these options (e.g. characters beyond plane 1). */
    public int skippedTerms() {
        return skippedTerms;
    }

    /** Number of patterns compiled (terms, their variants and allow phrases). */
    public int patternCount() {
        return mainMatcher.automaton().patternCount() + (phoneticMatcher == null ? 0 : phoneticMatcher.automaton().patternCount());
    }

    /** What the lexicon matcher sees of a text under these options (folded, noise and repeats removed); for consoles and debugging. */
    public String normalize(CharSequence text) {
        return normalizer.normalizeToString(text);
    }

    /** Screens one text. */
    public Screening screen(CharSequence text) {
        Scratch s = SCRATCH.get();
        int count = collect(text, s);
        if (count == 0) {
            return Screening.CLEAN;
        }
        List<Hit> hits = new ArrayList<>(count);
        @SuppressWarnings("unchecked")
        List<Detection> detections = (List<Detection>) (List<?>) s.objects;
        for (int k = 0; k < count; k++) {
            int i = s.sel.get(k);
            int ref = s.e.get(i);
            int start = s.b.get(i);
            int end = s.c.get(i);
            if (ref >= 0) {
                // A main-pass match spells its pattern exactly, so the pattern's normalised form is what was seen.
                int pid = s.f.get(i);
                s.work += pid >= 0 ? 1 : end - start;
                String seen = pid >= 0 ? mainMatcher.normalized()[pid] : normalizer.normalizeToString(text, start, end);
                hits.add(new Hit(Hit.LEXICON, categories[s.a.get(i)], s.d.get(i), start, end, seen, termText[ref]));
            } else {
                Detection d = detections.get(-ref - 1);
                s.work += end - start;
                String seen = displayFolder.normalizeToString(text, start, end);
                hits.add(new Hit(d.detector(), d.category(), d.severity(), start, end, seen, d.value()));
            }
        }
        if (hits.size() > 1) {
            hits.sort(HIT_ORDER);
        }
        return Screening.of(hits);
    }

    private static final java.util.Comparator<Hit> HIT_ORDER = (x, y) -> x.start() != y.start() ? Integer.compare(x.start(), y.start())
                : x.end() != y.end() ? Integer.compare(y.end(), x.end()) : x.detector().compareTo(y.detector());

    /**
     * Screens the text and returns the units of work it took (characters folded and stepped, match
     * checks, characters the detectors read, candidates selected, characters of hit spans shown):
     * a deterministic measure for tests that prove screening linear in the text length.
     */
    long workOf(CharSequence text) {
        screen(text);
        return SCRATCH.get().work;
    }

    /** The number of hits {@link #screen} would return, without building them (for benchmarks and hot loops). */
    public int count(CharSequence text) {
        return collect(text, SCRATCH.get());
    }

    // Candidate columns in scratch: a = category, b = start, c = end, d = severity, e = term index or -(detection + 1),
    // f = main-pass pattern id or -1; select() leaves the indices of the kept candidates in sel.

    private int collect(CharSequence text, Scratch s) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text of " + text.length() + " characters exceeds " + MAX_TEXT_LENGTH + "; split it");
        }
        s.a.clear();
        s.b.clear();
        s.c.clear();
        s.d.clear();
        s.e.clear();
        s.f.clear();
        s.sel.clear();
        s.allowStart.clear();
        s.allowEnd.clear();
        s.objects.clear();
        s.work = 0;
        Matcher m = mainMatcher;
        Pass.run(text, m.table(), m.automaton(), m.patterns(), options.skipNoise(), options.collapseRepeats(), options.maxGap(),
                anyDetector, s);
        takeMatches(m, s, true);
        if (anyDetector) {
            detect(text, s);
        }
        if (phoneticMatcher != null) {
            m = phoneticMatcher;
            Pass.run(text, m.table(), m.automaton(), m.patterns(), options.skipNoise(), options.collapseRepeats(),
                    options.maxGap(), false, s);
            takeMatches(m, s, false);
        }
        return select(s);
    }

    private void takeMatches(Matcher m, Scratch s, boolean mainPass) {
        int[] termOf = m.termOf();
        for (int k = 0; k < s.mn; k++) {
            int t = termOf[s.mPid[k]];
            if (t == ALLOW) {
                s.allowStart.add(s.mStart[k]);
                s.allowEnd.add(s.mEnd[k]);
            } else {
                s.a.add(termCategory[t]);
                s.b.add(s.mStart[k]);
                s.c.add(s.mEnd[k]);
                s.d.add(termSeverity[t]);
                s.e.add(t);
                s.f.add(mainPass ? s.mPid[k] : -1);
            }
        }
    }

    private void detect(CharSequence text, Scratch s) {
        FoldedView view = new FoldedView(text, s.fcp, s.fstart, s.fn);
        @SuppressWarnings("unchecked")
        List<Detection> out = (List<Detection>) (List<?>) s.objects;
        detectors.scan(view, s.trig, s.tn, s.detectorWork, out);
        s.work += s.tn + view.reads();
        for (int i = 0; i < out.size(); i++) {
            Detection d = out.get(i);
            s.a.add(categoryIndex.get(d.category()));
            s.b.add(d.start());
            s.c.add(d.end());
            s.d.add(d.severity());
            s.e.add(-(i + 1));
            s.f.add(-1);
        }
    }

    /** Drops allowed candidates, keeps leftmost-longest lexicon hits per category and every detector hit. */
    private int select(Scratch s) {
        int n = s.a.size();
        s.work += n;
        s.sel.clear();
        long[] keys = s.longs(n);
        int[] idx = s.ints(n);
        int m = 0;
        int selected = 0;
        int allowCount = prepareAllowed(s);
        // Detector hits: keep the first of equal ones (same span, category and severity). Sorting
        // them finds the duplicates in n log n; comparing each with all before it was quadratic in
        // a text of many contact details.
        int detections = 0;
        for (int i = 0; i < n; i++) {
            if (s.e.get(i) < 0 && !(allowCount > 0 && allowed(s, allowCount, s.b.get(i), s.c.get(i)))) {
                keys[detections] = ((long) s.b.get(i) << 39) | ((long) s.c.get(i) << 15) | ((long) s.a.get(i) << 7) | s.d.get(i);
                idx[detections] = i;
                detections++;
            }
        }
        if (detections > 0) {
            sort(keys, idx, 0, detections - 1);
            boolean[] kept = s.flags(n);
            for (int k = 0; k < detections; ) {
                int first = idx[k];
                int r = k + 1;
                while (r < detections && keys[r] == keys[k]) {
                    first = Math.min(first, idx[r]);
                    r++;
                }
                kept[first] = true;
                k = r;
            }
            for (int i = 0; i < n; i++) {
                if (kept[i]) {
                    kept[i] = false;
                    s.sel.add(i);
                    selected++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int start = s.b.get(i);
            int end = s.c.get(i);
            if (s.e.get(i) < 0 || allowCount > 0 && allowed(s, allowCount, start, end)) {
                continue;
            }
            keys[m] = ((long) s.a.get(i) << 55) | ((long) start << 31) | ((long) (MAX_TEXT_LENGTH - end) << 7) | (127 - s.d.get(i));
            idx[m] = i;
            m++;
        }
        sort(keys, idx, 0, m - 1);
        int lastCategory = -1;
        int lastEnd = -1;
        for (int k = 0; k < m; k++) {
            int i = idx[k];
            int cat = s.a.get(i);
            if (cat != lastCategory) {
                lastCategory = cat;
                lastEnd = -1;
            }
            if (s.b.get(i) >= lastEnd) {
                s.sel.add(i);
                selected++;
                lastEnd = s.c.get(i);
            }
        }
        return selected;
    }

    /**
     * Sorts the allowed spans by start and records the running maximum of their ends, so "is
     * [start, end) inside some allowed span" is one binary search however many spans a long text has.
     */
    private static int prepareAllowed(Scratch s) {
        int m = s.allowStart.size();
        if (m == 0) {
            return 0;
        }
        long[] spans = s.allowSpans(m);
        for (int k = 0; k < m; k++) {
            spans[k] = ((long) s.allowStart.get(k) << 32) | s.allowEnd.get(k);
        }
        Arrays.sort(spans, 0, m);
        int[] maxEnd = s.allowMaxEnd(m);
        int max = 0;
        for (int k = 0; k < m; k++) {
            max = Math.max(max, (int) spans[k]);
            maxEnd[k] = max;
        }
        return m;
    }

    private static boolean allowed(Scratch s, int m, int start, int end) {
        long[] spans = s.allowSpans(m);
        int lo = 0;
        int hi = m - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((int) (spans[mid] >>> 32) <= start) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && s.allowMaxEnd(m)[last] >= end;
    }

    /** Quicksort of keys with a parallel payload; no boxing. */
    private static void sort(long[] keys, int[] payload, int lo, int hi) {
        while (lo < hi) {
            if (hi - lo < 16) {
                for (int i = lo + 1; i <= hi; i++) {
                    long k = keys[i];
                    int p = payload[i];
                    int j = i - 1;
                    while (j >= lo && keys[j] > k) {
                        keys[j + 1] = keys[j];
                        payload[j + 1] = payload[j];
                        j--;
                    }
                    keys[j + 1] = k;
                    payload[j + 1] = p;
                }
                return;
            }
            long pivot = keys[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long tk = keys[i];
                    keys[i] = keys[j];
                    keys[j] = tk;
                    int tp = payload[i];
                    payload[i] = payload[j];
                    payload[j] = tp;
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                sort(keys, payload, lo, j);
                lo = i;
            } else {
                sort(keys, payload, i, hi);
                hi = j;
            }
        }
    }

    /** Phonetic table entry: Han characters become syllable codes; "+" reads "jia" (加) and stops being noise. */
    private static int phoneticEntry(int e) {
        int v = e & FoldTable.VALUE_MASK;
        if ((e & FoldTable.NOISE) == 0) {
            int code = Pinyin.syllableCode(v);
            return code >= 0 ? code : e;
        }
        if (v == '+' || v == 0x2795) {
            return Pinyin.syllableCode("jia");
        }
        return e;
    }

    /** Accumulates patterns for one automaton. */
    private static final class PatternSink {
        private final Automaton.Builder builder = new Automaton.Builder();
        private byte[] flags = new byte[1024];
        private int[][] runs = new int[1024][];
        private int[] termOf = new int[1024];
        private String[] normalized = new String[1024];

        int size() {
            return builder.size();
        }

        /** Adds a pattern; false when it cannot be compiled (empty, or characters beyond plane 1). */
        boolean add(int[] cps, int[] patternRuns, int term, boolean edges) {
            if (cps.length == 0) {
                return false;
            }
            for (int cp : cps) {
                if (cp >= FoldTable.SIZE) {
                    return false;
                }
            }
            int pid = builder.add(cps);
            if (pid == flags.length) {
                flags = Arrays.copyOf(flags, pid * 2);
                runs = Arrays.copyOf(runs, pid * 2);
                termOf = Arrays.copyOf(termOf, pid * 2);
                normalized = Arrays.copyOf(normalized, pid * 2);
            }
            normalized[pid] = new String(cps, 0, cps.length);
            byte f = 0;
            if (edges && Pass.isWordChar(cps[0])) {
                f |= Patterns.EDGE_START;
            }
            if (edges && Pass.isWordChar(cps[cps.length - 1])) {
                f |= Patterns.EDGE_END;
            }
            for (int r : patternRuns) {
                if (r > 1) {
                    f |= Patterns.RUNS;
                    runs[pid] = patternRuns.clone();
                    break;
                }
            }
            flags[pid] = f;
            termOf[pid] = term;
            return true;
        }

        /** Adds syllable codes, merging equal neighbours (the text's phonetic stream collapses them too). */
        void addCollapsed(int[] codes, int[] codeRuns, int term, boolean collapse) {
            if (!collapse) {
                add(codes, codeRuns, term, false);
                return;
            }
            int[] out = new int[codes.length];
            int[] outRuns = new int[codes.length];
            int n = 0;
            for (int i = 0; i < codes.length; i++) {
                if (n > 0 && out[n - 1] == codes[i]) {
                    outRuns[n - 1] += codeRuns[i];
                } else {
                    out[n] = codes[i];
                    outRuns[n] = codeRuns[i];
                    n++;
                }
            }
            add(Arrays.copyOf(out, n), Arrays.copyOf(outRuns, n), term, false);
        }

        Matcher build(FoldTable table) {
            int n = builder.size();
            return new Matcher(table, builder.build(), new Patterns(Arrays.copyOf(flags, n), Arrays.copyOf(runs, n)),
                    Arrays.copyOf(termOf, n), Arrays.copyOf(normalized, n));
        }
    }
}
