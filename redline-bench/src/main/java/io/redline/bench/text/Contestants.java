package io.redline.bench.text;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.allow.WordAllows;
import com.github.houbb.sensitive.word.support.ignore.SensitiveWordCharIgnores;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.redline.text.AllowList;
import io.redline.text.Lexicon;
import io.redline.text.ScreenOptions;
import io.redline.text.Screener;
import java.io.StringReader;
import java.util.List;
import java.util.TreeMap;
import toolgood.words.IllegalWordsSearch;

/**
 * Builds every contestant over the same word list. Each is configured as its authors intend for
 * a comparison "with comparable options on"; the reasons are in docs/benchmarks.md.
 */
public final class Contestants {

    /** houbb's dictionary has no categories; all its terms land in one. */
    public static final String CATEGORY = "custom";

    public static final int SEVERITY = 50;

    private Contestants() {}

    public static Lexicon redlineLexicon(List<String> terms) {
        return Lexicon.parsePlain(new StringReader(String.join("\n", terms)), CATEGORY, SEVERITY);
    }

    /** Redline with the whole normalisation chain and every pattern detector on. */
    public static Screener redlineFull(List<String> terms) {
        return Screener.compile(redlineLexicon(terms), AllowList.empty(), ScreenOptions.defaults());
    }

    /** Redline matching the raw text: no normalisation, lexicon only. */
    public static Screener redlineExact(List<String> terms) {
        return Screener.compile(redlineLexicon(terms), AllowList.empty(), ScreenOptions.exact());
    }

    /**
     * houbb sensitive-word with the options that correspond to Redline's chain: case, width,
     * digit style, traditional/simplified and English-style folding, repeated characters skipped,
     * ASCII punctuation between characters ignored (its closest match to our noise skipping), and
     * its number, e-mail and URL checks (our phone/contact, e-mail and link detectors).
     * Its bundled deny list is replaced by the same terms; its allow list is emptied because
     * Redline runs with an empty allow list too.
     */
    public static SensitiveWordBs sensitiveWord(List<String> terms) {
        return SensitiveWordBs.newInstance()
                .wordDeny(() -> terms)
                .wordAllow(WordAllows.empty())
                .ignoreCase(true)
                .ignoreWidth(true)
                .ignoreNumStyle(true)
                .ignoreChineseStyle(true)
                .ignoreEnglishStyle(true)
                .ignoreRepeat(true)
                .charIgnore(SensitiveWordCharIgnores.specialChars())
                .enableWordCheck(true)
                .enableNumCheck(true)
                .enableEmailCheck(true)
                .enableUrlCheck(true)
                .init();
    }

    /**
     * ToolGood.Words' {@code IllegalWordsSearch}, the fastest Java peer, with its own options on:
     * skipping the characters of its skip list between a term's characters (spaces, {@code *},
     * {@code -}, not {@code .} or emoji), full width and case folding, repeated characters. It
     * folds no traditional characters without extra set-up, and has no pattern detectors and no
     * pinyin, so it finds less than Redline; it is what a user who only needs speed picks.
     */
    public static IllegalWordsSearch toolGood(List<String> terms) {
        IllegalWordsSearch search = new IllegalWordsSearch();
        search.UseSkipWordFilter = true;
        search.UseDBCcaseConverter = true;
        search.UseIgnoreCase = true;
        search.UseDuplicateWordFilter = true;
        search.SetKeywords(terms);
        return search;
    }

    /** hankcs AC-DAT over the raw terms: the speed of plain multi-pattern matching. */
    public static AhoCorasickDoubleArrayTrie<String> acdat(List<String> terms) {
        TreeMap<String, String> map = new TreeMap<>();
        for (String term : terms) {
            map.put(term, term);
        }
        AhoCorasickDoubleArrayTrie<String> trie = new AhoCorasickDoubleArrayTrie<>();
        trie.build(map);
        return trie;
    }
}
