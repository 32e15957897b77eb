package io.redline.text;

import io.redline.text.normalize.NoiseClass;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable list of {@link Term}s with a content hash ({@link #version()}), so a decision can
 * record exactly which lexicon made it.
 *
 * <p>TSV format, one term a line: {@code term<TAB>category[<TAB>severity[<TAB>options]]}; blank
 * lines and lines starting with {@code #} are ignored; options is a comma list of
 * {@code pinyin}, {@code initials}, {@code homophones}, {@code wholeword} and {@code tag:NAME}.
 * A missing severity takes the category's default ({@link #defaultSeverity(String)}).
 * Plain format: one term a line, category and severity given by the caller.
 */
public final class Lexicon {
    /** Bound on terms per lexicon: compiling is linear, but an unbounded file is a mistake. */
    public static final int MAX_TERMS = 2_000_000;
    /** Bound on distinct categories (hit selection packs the category into 8 bits). */
    public static final int MAX_CATEGORIES = 200;

    private static final Map<String, Integer> DEFAULT_SEVERITY = Map.of(
            "drainage",
            60,
            "gambling",
            70,
            "fraud",
            80,
            "drugs",
            80,
            "adult",
            70,
            "violence",
            70,
            "ads",
            40,
            "personal_data",
            60,
            "custom",
            50);

    private final List<Term> terms;
    /**
     * Hashed on first use: a one-line {@code redline screen} never asks, and SHA-256's provider
     * set-up is tens of milliseconds of a cold start. A race computes the same string twice.
     */
    private String version;

    private Lexicon(List<Term> terms) {
        this.terms = terms;
    }

    /**
     * A lexicon of these terms. Duplicates (same text and category) merge: highest severity, union
     * of tags and options. Terms with no letter or digit are rejected: noise is skipped when matching.
     */
    public static Lexicon of(List<Term> terms) {
        if (terms.size() > MAX_TERMS) {
            throw new IllegalArgumentException("lexicon has " + terms.size() + " terms; the limit is " + MAX_TERMS);
        }
        Map<String, Term> merged = new LinkedHashMap<>();
        Set<String> categories = new HashSet<>();
        for (Term t : terms) {
            if (allNoise(t.text())) {
                throw new IllegalArgumentException(
                        "term '" + t.text() + "' has no letter or digit; symbols are skipped when matching");
            }
            categories.add(t.category());
            merged.merge(t.text() + '\t' + t.category(), t, Lexicon::mergeTerms);
        }
        if (categories.size() > MAX_CATEGORIES) {
            throw new IllegalArgumentException(
                    "lexicon has " + categories.size() + " categories; the limit is " + MAX_CATEGORIES);
        }
        return new Lexicon(List.copyOf(merged.values()));
    }

    /** Parses the TSV format; see the class comment. */
    public static Lexicon parseTsv(Reader in) {
        List<Term> terms = new ArrayList<>();
        forEachLine(in, (lineNo, line) -> {
            String[] cols = line.split("\t", -1);
            if (cols.length < 2) {
                throw new LexiconFormatException(
                        lineNo,
                        "expected term<TAB>category[<TAB>severity[<TAB>options]] but found no tab after '"
                                + abbreviate(line) + "'");
            }
            if (cols.length > 4) {
                throw new LexiconFormatException(
                        lineNo, "expected at most 4 tab-separated columns, found " + cols.length);
            }
            String text = cols[0].strip();
            String category = cols[1].strip().toLowerCase(java.util.Locale.ROOT);
            if (text.isEmpty()) {
                throw new LexiconFormatException(lineNo, "the term (first column) is empty");
            }
            int severity;
            if (cols.length >= 3 && !cols[2].isBlank()) {
                try {
                    severity = Integer.parseInt(cols[2].strip());
                } catch (NumberFormatException e) {
                    throw new LexiconFormatException(
                            lineNo, "severity '" + cols[2].strip() + "' is not a whole number 0–100");
                }
            } else {
                severity = defaultSeverity(category);
            }
            Set<TermOption> options = EnumSet.noneOf(TermOption.class);
            Set<String> tags = new HashSet<>();
            if (cols.length == 4) {
                for (String token : cols[3].split(",")) {
                    String tok = token.strip().toLowerCase(java.util.Locale.ROOT);
                    if (tok.isEmpty()) {
                        continue;
                    }
                    if (tok.startsWith("tag:") && tok.length() > 4) {
                        tags.add(tok.substring(4));
                    } else {
                        options.add(
                                TermOption.fromToken(tok)
                                        .orElseThrow(
                                                () -> new LexiconFormatException(
                                                        lineNo,
                                                        "unknown option '" + tok
                                                                + "'; use pinyin, initials, homophones, chaizi, wholeword or tag:NAME")));
                    }
                }
            }
            try {
                terms.add(new Term(text, category, severity, tags, options));
            } catch (IllegalArgumentException e) {
                throw new LexiconFormatException(lineNo, e.getMessage());
            }
            checkNotNoise(lineNo, text);
        });
        return of(terms);
    }

    /** Parses one term a line; every term gets the given category and severity. */
    public static Lexicon parsePlain(Reader in, String category, int severity) {
        new Term("x", category, severity); // validates category and severity once, with a clear message
        List<Term> terms = new ArrayList<>();
        forEachLine(in, (lineNo, line) -> {
            String text = line.strip();
            try {
                terms.add(new Term(text, category, severity));
            } catch (IllegalArgumentException e) {
                throw new LexiconFormatException(lineNo, e.getMessage());
            }
            checkNotNoise(lineNo, text);
        });
        return of(terms);
    }

    /** The starter lexicon shipped with Redline (see docs/text-engine.md). */
    public static Lexicon starter() {
        return StarterHolder.STARTER;
    }

    private static final class StarterHolder {
        static final Lexicon STARTER = parseTsv(resource("starter-lexicon.tsv"));
    }

    static Reader resource(String name) {
        InputStream in = Lexicon.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource io/redline/text/" + name);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** The default severity for a category without an explicit one (50 for unknown categories). */
    public static int defaultSeverity(String category) {
        return DEFAULT_SEVERITY.getOrDefault(category, 50);
    }

    public int size() {
        return terms.size();
    }

    public List<Term> terms() {
        return terms;
    }

    /** A stable content hash: the same terms (in any order) give the same version. */
    public String version() {
        String v = version;
        if (v == null) {
            v = hash(terms);
            version = v;
        }
        return v;
    }

    /**
     * This lexicon with options switched on for every term of a category, for operators who opt a
     * whole category in (e.g. pinyin for drainage) rather than term by term.
     */
    public Lexicon withOptions(String category, Set<TermOption> options) {
        List<Term> out = new ArrayList<>(terms.size());
        for (Term t : terms) {
            if (t.category().equals(category)) {
                Set<TermOption> merged = EnumSet.noneOf(TermOption.class);
                merged.addAll(t.options());
                merged.addAll(options);
                out.add(new Term(t.text(), t.category(), t.severity(), t.tags(), merged));
            } else {
                out.add(t);
            }
        }
        return of(out);
    }

    /** This lexicon and another one, merged. */
    public Lexicon plus(Lexicon other) {
        List<Term> all = new ArrayList<>(terms);
        all.addAll(other.terms);
        return of(all);
    }

    @Override
    public String toString() {
        return "Lexicon[" + terms.size() + " terms, version " + version() + "]";
    }

    interface LineHandler {
        void line(int lineNo, String line);
    }

    static void forEachLine(Reader in, LineHandler handler) {
        try (BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                handler.line(lineNo, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkNotNoise(int lineNo, String text) {
        if (allNoise(text)) {
            throw new LexiconFormatException(
                    lineNo, "term '" + text + "' has no letter or digit; symbols are skipped when matching");
        }
    }

    /** True when every character is noise; a loop, as it runs twice per term of a 64k-term lexicon. */
    private static boolean allNoise(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!NoiseClass.isNoise(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static Term mergeTerms(Term a, Term b) {
        Set<String> tags = new HashSet<>(a.tags());
        tags.addAll(b.tags());
        Set<TermOption> options = EnumSet.noneOf(TermOption.class);
        options.addAll(a.options());
        options.addAll(b.options());
        return new Term(a.text(), a.category(), Math.max(a.severity(), b.severity()), tags, options);
    }

    private static String hash(List<Term> terms) {
        List<String> lines = new ArrayList<>(terms.size());
        for (Term t : terms) {
            List<String> opts =
                    t.options().stream().map(TermOption::token).sorted().toList();
            List<String> tags = t.tags().stream().sorted().toList();
            lines.add(t.text()
                    + '\t'
                    + t.category()
                    + '\t'
                    + t.severity()
                    + '\t'
                    + String.join(",", opts)
                    + '\t'
                    + String.join(",", tags));
        }
        Collections.sort(lines, Comparator.naturalOrder());
        return sha256(lines);
    }

    static String sha256(List<String> lines) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                md.update(line.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
