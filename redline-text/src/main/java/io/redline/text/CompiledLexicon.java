package io.redline.text;

import io.redline.text.match.PatternSet;
import io.redline.text.normalize.FoldTable;
import io.redline.text.normalize.NormalizedText;
import io.redline.text.normalize.Normalizer;
import io.redline.text.pinyin.Pinyin;
import io.redline.text.pinyin.Variants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lexicon and an allow list compiled for one set of options: every term, its opt-in variants
 * (pinyin, initials) and every allowed phrase normalised exactly like the text and put into the
 * main pattern set; homophone terms as syllable codes into a second, phonetic one; and per term
 * its text, category and severity, so a match (a pattern id) leads back to what to report.
 * Linear in the lexicon size.
 */
final class CompiledLexicon {
    /** Pattern payload of an allowed phrase (terms use their index). */
    static final int ALLOW = -1;

    /** Phonetic tables per combination of fold stages, computed once per process. */
    private static final Map<Integer, FoldTable> PHONETIC_TABLES = new ConcurrentHashMap<>();

    final PatternSet.Compiled main;
    /** Null when no term asks for homophones. */
    final PatternSet.Compiled phonetic;

    final String[] termText;
    final int[] termCategory;
    final int[] termSeverity;
    /** Category names by index: the detectors' categories first, then the lexicon's in order of appearance. */
    final String[] categories;

    final Map<String, Integer> categoryIndex;
    final int skippedTerms;

    CompiledLexicon(
            Lexicon lexicon, AllowList allowList, ScreenOptions options, Normalizer normalizer, FoldTable table) {
        List<Term> terms = lexicon.terms();
        int n = terms.size();
        termText = new String[n];
        termCategory = new int[n];
        termSeverity = new int[n];
        categoryIndex = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Detector d : Detector.values()) {
            indexOf(d.category(), names);
        }
        PatternSet mainSet = new PatternSet();
        PatternSet phoneticSet = new PatternSet();
        int skipped = 0;
        for (int t = 0; t < n; t++) {
            Term term = terms.get(t);
            termText[t] = term.text();
            termSeverity[t] = term.severity();
            termCategory[t] = indexOf(term.category(), names);
            NormalizedText nt = normalizer.normalize(term.text());
            if (!mainSet.add(nt.codePoints(), nt.runs(), t, term.has(TermOption.WHOLEWORD))) {
                skipped++;
                continue;
            }
            if (options.variants()) {
                addVariants(term, t, nt, normalizer, options, mainSet, phoneticSet);
            }
        }
        for (String phrase : allowList.phrases()) {
            NormalizedText nt = normalizer.normalize(phrase);
            mainSet.add(nt.codePoints(), nt.runs(), ALLOW, false);
        }
        this.skippedTerms = skipped;
        this.categories = names.toArray(String[]::new);
        this.main = mainSet.build(table);
        if (phoneticSet.size() > 0) {
            FoldTable base = table != null ? table : FoldTable.of(0);
            FoldTable phon = PHONETIC_TABLES.computeIfAbsent(base.stages(), k -> {
                FoldTable image = FoldTable.readImage(FoldTable.class, FoldTable.imageName("phonetic", k));
                return image != null ? image : phoneticTable(base);
            });
            this.phonetic = phoneticSet.build(phon);
        } else {
            this.phonetic = null;
        }
    }

    private int indexOf(String category, List<String> names) {
        return categoryIndex.computeIfAbsent(category, k -> {
            names.add(k);
            return names.size() - 1;
        });
    }

    /** Pinyin and initials variants match as whole words only; homophones go to the phonetic set. */
    private static void addVariants(
            Term term,
            int t,
            NormalizedText nt,
            Normalizer normalizer,
            ScreenOptions options,
            PatternSet mainSet,
            PatternSet phoneticSet) {
        int[] cps = nt.codePoints();
        if (term.has(TermOption.PINYIN)) {
            for (String v : Variants.pinyin(cps)) {
                NormalizedText vt = normalizer.normalize(v);
                mainSet.add(vt.codePoints(), vt.runs(), t, true);
            }
        }
        if (term.has(TermOption.INITIALS)) {
            for (String v : Variants.initials(cps)) {
                NormalizedText vt = normalizer.normalize(v);
                mainSet.add(vt.codePoints(), vt.runs(), t, true);
            }
        }
        if (term.has(TermOption.CHAIZI)) {
            // Han parts, not Latin words: matched like the term itself, not as whole words.
            for (String v : io.redline.text.pinyin.Chaizi.variants(cps)) {
                NormalizedText vt = normalizer.normalize(v);
                mainSet.add(vt.codePoints(), vt.runs(), t, false);
            }
        }
        if (term.has(TermOption.HOMOPHONES)) {
            for (int[] codes : Variants.phonetic(cps)) {
                phoneticSet.addCollapsed(codes, nt.runs(), t, options.collapseRepeats());
            }
        }
    }

    /** The longest pattern of either set, in folded code points. */
    int maxPatternLength() {
        return Math.max(
                main.automaton().maxLength(),
                phonetic == null ? 0 : phonetic.automaton().maxLength());
    }

    int patternCount() {
        return main.automaton().patternCount()
                + (phonetic == null ? 0 : phonetic.automaton().patternCount());
    }

    /** The phonetic pass's table: the fold table with Han characters read as syllable codes. */
    static FoldTable phoneticTable(FoldTable base) {
        return base.remap(CompiledLexicon::phoneticEntry);
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
}
