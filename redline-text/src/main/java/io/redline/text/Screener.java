package io.redline.text;

import io.redline.text.detect.Detection;
import io.redline.text.detect.Detectors;
import io.redline.text.detect.FoldedView;
import io.redline.text.match.Pass;
import io.redline.text.match.PassScratch;
import io.redline.text.match.PatternSet;
import io.redline.text.normalize.FoldTable;
import io.redline.text.normalize.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A compiled, immutable, thread-safe screener: a lexicon, an allow list and options turned into
 * folding tables and automata ({@link CompiledLexicon}). Compile once (a reload compiles a new
 * one and swaps it in, see {@link ScreenerHolder}); screen from any number of threads.
 *
 * <p>Screening runs up to two passes over the text: the main pass (fold, skip noise, collapse
 * repeats, match lexicon terms, their pinyin and initials variants and the allow list, and record
 * the folded stream for the detectors), then, only when some term asks for homophones, a
 * phonetic pass in which every Han character becomes its toneless syllable. The matches and the
 * detections become {@link Candidates}; {@link HitSelection} picks the hits. Working memory is a
 * per-thread {@link ScreeningScratch}, so the per-character path allocates nothing.
 */
public final class Screener {
    /** Bumped whenever matching semantics change, so recorded decisions can tell engines apart. */
    public static final String ENGINE_VERSION = "redline-text/1";
    /** Longest text one call accepts (offsets are packed into 24 bits during hit selection); split longer input. */
    public static final int MAX_TEXT_LENGTH = (1 << 24) - 1;

    private static final ThreadLocal<ScreeningScratch> SCRATCH = ThreadLocal.withInitial(ScreeningScratch::new);
    private static final Comparator<Hit> HIT_ORDER = (x, y) -> x.start() != y.start()
            ? Integer.compare(x.start(), y.start())
            : x.end() != y.end()
                    ? Integer.compare(y.end(), x.end())
                    : x.detector().compareTo(y.detector());

    private final Lexicon lexicon;
    private final AllowList allowList;
    private final ScreenOptions options;
    /** Hashed on first use, as {@link Lexicon#version()}. */
    private String version;

    private final Normalizer normalizer;
    private final Normalizer displayFolder;
    private final CompiledLexicon compiled;
    private final Detectors detectors;
    private final boolean anyDetector;

    private Screener(Lexicon lexicon, AllowList allowList, ScreenOptions options) {
        this.lexicon = lexicon;
        this.allowList = allowList;
        this.options = options;
        int stages = (options.foldWidthAndCase() ? FoldTable.WIDTH_CASE : 0)
                | (options.traditionalToSimplified() ? FoldTable.TRADITIONAL : 0)
                | (options.foldLookalikes() ? FoldTable.LOOKALIKE : 0)
                | (options.removeInvisible() ? FoldTable.INVISIBLE : 0);
        boolean needsTable =
                stages != 0 || options.skipNoise() || !options.detectors().isEmpty();
        FoldTable table = needsTable ? FoldTable.of(stages) : null;
        this.normalizer = new Normalizer(table, options.skipNoise(), options.collapseRepeats());
        this.displayFolder = new Normalizer(table, false, false);
        this.compiled = new CompiledLexicon(lexicon, allowList, options, normalizer, table);

        var ds = options.detectors();
        detectors = new Detectors(
                ds.contains(Detector.PHONE),
                ds.contains(Detector.ID_CARD),
                ds.contains(Detector.BANK_CARD),
                ds.contains(Detector.WECHAT),
                ds.contains(Detector.QQ),
                ds.contains(Detector.URL),
                ds.contains(Detector.EMAIL),
                ds.contains(Detector.SHOP_TOKEN),
                Math.max(1, options.maxGap()));
        anyDetector = !ds.isEmpty();
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
        String v = version;
        if (v == null) {
            v = Lexicon.sha256(List.of(ENGINE_VERSION, lexicon.version(), allowList.version(), options.canonical()));
            version = v;
        }
        return v;
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
        return compiled.skippedTerms;
    }

    /** Number of patterns compiled (terms, their variants and allow phrases). */
    public int patternCount() {
        return compiled.patternCount();
    }

    /**
     * The longest compiled pattern (a term, one of its variants or an allow phrase), in folded code
     * points. A lexicon match spans at most this many term characters in the original text, with
     * up to {@link ScreenOptions#maxGap()} noise characters between two of them (plus repeats and
     * invisible characters, which are free); streaming callers size their hold-back window from it.
     */
    public int maxPatternLength() {
        return compiled.maxPatternLength();
    }

    /** What the lexicon matcher sees of a text under these options (folded, noise and repeats removed); for consoles and debugging. */
    public String normalize(CharSequence text) {
        return normalizer.normalizeToString(text);
    }

    /** Screens one text. */
    public Screening screen(CharSequence text) {
        ScreeningScratch s = SCRATCH.get();
        int count = collect(text, s);
        if (count == 0) {
            return Screening.CLEAN;
        }
        List<Hit> hits = new ArrayList<>(count);
        Candidates c = s.candidates;
        for (int k = 0; k < count; k++) {
            hits.add(hit(text, c, s.selection.selected(k), s));
        }
        if (hits.size() > 1) {
            hits.sort(HIT_ORDER);
        }
        return Screening.of(hits);
    }

    private Hit hit(CharSequence text, Candidates c, int i, ScreeningScratch s) {
        int start = c.start(i);
        int end = c.end(i);
        if (c.isDetection(i)) {
            Detection d = s.detections.get(c.detection(i));
            s.pass.work += end - start;
            String seen = displayFolder.normalizeToString(text, start, end);
            return new Hit(d.detector(), d.category(), d.severity(), start, end, seen, d.value());
        }
        // A main-pass match spells its pattern exactly, so the pattern's normalised form is what was seen.
        int pid = c.pattern(i);
        s.pass.work += pid >= 0 ? 1 : end - start;
        String seen = pid >= 0 ? compiled.main.normalized()[pid] : normalizer.normalizeToString(text, start, end);
        return new Hit(
                Hit.LEXICON,
                compiled.categories[c.category(i)],
                c.severity(i),
                start,
                end,
                seen,
                compiled.termText[c.term(i)]);
    }

    /** The number of hits {@link #screen} would return, without building them (for benchmarks and hot loops). */
    public int count(CharSequence text) {
        return collect(text, SCRATCH.get());
    }

    /**
     * Screens the text and returns the units of work it took (characters folded and stepped, match
     * checks, characters the detectors read, candidates selected, characters of hit spans shown):
     * a deterministic measure for tests that prove screening linear in the text length. The
     * detectors' reads count only with {@code -Dredline.text.countWork=true}, as in the tests.
     */
    long workOf(CharSequence text) {
        screen(text);
        return SCRATCH.get().pass.work;
    }

    /** Runs the passes and the detectors into candidates and selects among them; returns the number of hits. */
    private int collect(CharSequence text, ScreeningScratch s) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    "text of " + text.length() + " characters exceeds " + MAX_TEXT_LENGTH + "; split it");
        }
        s.clear();
        run(compiled.main, text, anyDetector, s);
        takeMatches(compiled.main, s, true);
        // Every detector starts at a trigger: with none in the text, they have nothing to read.
        if (anyDetector && s.pass.tn > 0) {
            detect(text, s);
        }
        if (compiled.phonetic != null) {
            run(compiled.phonetic, text, false, s);
            takeMatches(compiled.phonetic, s, false);
        }
        int selected = s.selection.select(s.candidates);
        s.pass.work += s.candidates.size() + s.selection.work();
        return selected;
    }

    private void run(PatternSet.Compiled m, CharSequence text, boolean keepTriggers, ScreeningScratch s) {
        Pass.run(
                text,
                m.table(),
                m.automaton(),
                m.patterns(),
                options.skipNoise(),
                options.collapseRepeats(),
                options.maxGap(),
                keepTriggers,
                s.pass);
    }

    private void takeMatches(PatternSet.Compiled m, ScreeningScratch s, boolean mainPass) {
        PassScratch p = s.pass;
        int[] termOf = m.payload();
        for (int k = 0; k < p.mn; k++) {
            int t = termOf[p.mPid[k]];
            if (t == CompiledLexicon.ALLOW) {
                s.selection.allow(p.mStart[k], p.mEnd[k]);
            } else {
                s.candidates.addTerm(
                        compiled.termCategory[t],
                        p.mStart[k],
                        p.mEnd[k],
                        compiled.termSeverity[t],
                        t,
                        mainPass ? p.mPid[k] : -1);
            }
        }
    }

    private void detect(CharSequence text, ScreeningScratch s) {
        PassScratch p = s.pass;
        FoldedView view = new FoldedView(text, p.fcp, p.fstart, p.fn);
        List<Detection> out = s.detections;
        detectors.scan(view, p.trig, p.tn, s.detectorWork, out);
        p.work += p.tn + view.reads();
        for (int i = 0; i < out.size(); i++) {
            Detection d = out.get(i);
            s.candidates.addDetection(compiled.categoryIndex.get(d.category()), d.start(), d.end(), d.severity(), i);
        }
    }
}
