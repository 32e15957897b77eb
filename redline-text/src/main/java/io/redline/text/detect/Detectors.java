package io.redline.text.detect;

import io.redline.text.normalize.DigitForms;
import java.util.List;

/**
 * All enabled detectors, run only where one can start: the screening pass lists the trigger
 * positions as it folds the text, so the many characters that start nothing (most Han
 * characters and words) cost the detectors nothing. A byte class table says which detector a
 * trigger character can start (a digit, a dot-like character after a label, '@', a currency
 * sign, the first character of a cue).
 */
public final class Detectors {
    static final byte DIGIT = 1;
    static final byte AT = 2;
    static final byte CURRENCY = 4;
    static final byte CUE = 8;
    static final byte DOT = 16;
    /** Bits of a {@link #CLASS} entry above the detector bits: the character's rule in {@link #mayFind}. */
    private static final int RULE_SHIFT = 5;

    private static final byte[] CLASS = classes();

    private final boolean phones;
    private final boolean idCards;
    private final boolean bankCards;
    private final boolean wechat;
    private final boolean qq;
    private final boolean urls;
    private final boolean emails;
    private final boolean shopTokens;
    private final int maxSeparator;
    /** Whether {@link #mayFind} screens the triggers first (always, but for the test that compares). */
    private final boolean prefilter;

    public Detectors(
            boolean phones,
            boolean idCards,
            boolean bankCards,
            boolean wechat,
            boolean qq,
            boolean urls,
            boolean emails,
            boolean shopTokens,
            int maxSeparator) {
        this(phones, idCards, bankCards, wechat, qq, urls, emails, shopTokens, maxSeparator, true);
    }

    Detectors(
            boolean phones,
            boolean idCards,
            boolean bankCards,
            boolean wechat,
            boolean qq,
            boolean urls,
            boolean emails,
            boolean shopTokens,
            int maxSeparator,
            boolean prefilter) {
        this.prefilter = prefilter;
        this.phones = phones;
        this.idCards = idCards;
        this.bankCards = bankCards;
        this.wechat = wechat;
        this.qq = qq;
        this.urls = urls;
        this.emails = emails;
        this.shopTokens = shopTokens;
        this.maxSeparator = maxSeparator;
    }

    /**
     * Runs the detectors at the trigger positions the screening pass listed (indices into the
     * folded stream, ascending; see {@link io.redline.text.normalize.Triggers}).
     *
     * <p>Linear in the text length whatever the text: a trigger costs a bounded number of reads,
     * or reads a stretch no later trigger reads again (what was learnt is kept in {@code work}).
     * A text can be nothing but triggers (a.a.a…), so a scanner that re-read the text after its
     * trigger for every trigger would make screening quadratic.
     */
    public void scan(FoldedView v, int[] triggers, int count, DetectorScratch work, List<Detection> out) {
        work.reset();
        boolean numbers = phones || idCards || bankCards;
        boolean contacts = wechat || qq;
        int done = 0; // everything before this index has been read by some detector
        int reported = 0; // everything before this index belongs to a reported detection
        for (int t = 0; t < count; t++) {
            int k = triggers[t];
            if (k < done) {
                continue;
            }
            int c = v.cp(k);
            int cls = c < CLASS.length ? CLASS[c] & 0xFF : 0;
            if (prefilter && !mayFind(v, k, c, cls)) {
                continue;
            }
            int before = out.size();
            int next = -1;
            if ((cls & CUE) != 0 && contacts) {
                next = ContactScanner.at(v, k, wechat, qq, out);
            }
            if (next < 0 && (cls & AT) != 0 && emails) {
                next = LinkScanner.emailAt(v, k, out, work);
            }
            if (next < 0 && (cls & DOT) != 0 && urls) {
                int labelStart = LinkScanner.labelStartBefore(v, k, reported, work);
                if (labelStart >= 0) {
                    int r = LinkScanner.urlAt(v, labelStart, out, work);
                    if (out.size() > before) {
                        next = r;
                    }
                }
            }
            if (next < 0 && (cls & DIGIT) != 0 && numbers) {
                next = NumberScanner.chainAt(v, k, work, maxSeparator, phones, idCards, bankCards, out);
            }
            if (next < 0 && (cls & CURRENCY) != 0 && shopTokens) {
                next = ShopTokenScanner.at(v, k, out, work);
            }
            if (next > k) {
                done = next;
                if (out.size() > before) {
                    reported = next;
                }
            }
        }
    }

    /**
     * False where the trigger's neighbours alone show that its detector would find nothing and
     * return nothing {@link #scan} uses, so the trigger can be passed over. Only for the commonest
     * triggers that start one detector each, in ordinary text most of all: a numeral standing
     * alone (一个, 3天), a full stop after Han text, a d, v or w inside a word, a bracket around a
     * hashtag (#好物[话题]#). Each test repeats the first thing that detector checks:
     * <ul>
     *   <li>a digit: {@link NumberScanner#chainAt} reads a chain of one digit (the next character
     *   is no digit, no check character x and no separator) and reports nothing, as numbers need
     *   five digits or more; skipping it leaves {@code done} behind k, where no later trigger is;</li>
     *   <li>a dot-like character: {@link LinkScanner#labelStartBefore} finds no label before it
     *   unless the character before is a label character or a space; a bracket needs a dot after
     *   it, and a d the "o" of "dot";</li>
     *   <li>a v, w or q inside a Latin word ("review", "now"): every cue starting with these
     *   letters is Latin and may not continue a word, and neither may wxid_ or a v glued to an id
     *   ({@link ContactScanner#at}).</li>
     * </ul>
     * {@code DetectorsPrefilterTest} checks that scanning with and without it finds the same.
     */
    static boolean mayFind(FoldedView v, int k, int c, int cls) {
        return switch (cls >>> RULE_SHIFT) {
            case NEXT_IS_DIGIT -> v.digit(k + 1) >= 0 || v.cp(k + 1) == 'x' || v.isNoise(k + 1);
            case WORD_START -> !v.isAsciiAlnum(k - 1);
            case NEXT_IS_O -> v.cp(k + 1) == 'o';
            case NEXT_IS_DOT -> {
                int after = v.cp(k + 1);
                yield after == '.' || after == '点' || after == 'd';
            }
            case AFTER_LABEL -> LinkScanner.isLabelChar(v.cp(k - 1)) || v.isSpace(k - 1);
            default -> true;
        };
    }

    // Which neighbour decides, for a trigger character, whether mayFind lets it through (kept in
    // the class table's top bits): one switch instead of testing the class, then the character.
    private static final int ALWAYS = 0;
    private static final int NEXT_IS_DIGIT = 1;
    private static final int WORD_START = 2;
    private static final int NEXT_IS_O = 3;
    private static final int NEXT_IS_DOT = 4;
    private static final int AFTER_LABEL = 5;

    private static int rule(int c, int cls) {
        if (cls == DIGIT) {
            return NEXT_IS_DIGIT;
        }
        if (cls == CUE && (c == 'v' || c == 'w' || c == 'q')) {
            return WORD_START;
        }
        if (cls == DOT) {
            return switch (c) {
                case 'd' -> NEXT_IS_O;
                case '(', '[', '{' -> NEXT_IS_DOT;
                default -> AFTER_LABEL;
            };
        }
        return ALWAYS;
    }

    /** Scans every position (tests and tools); equivalent to scanning at the triggers. */
    public void scanAll(FoldedView v, List<Detection> out) {
        int[] all = new int[v.size()];
        int n = 0;
        for (int k = 0; k < v.size(); k++) {
            if (io.redline.text.normalize.Triggers.isTrigger(v.cp(k))) {
                all[n++] = k;
            }
        }
        scan(v, all, n, new DetectorScratch(), out);
    }

    private static byte[] classes() {
        byte[] t = new byte[0x10000];
        for (int c = 0; c < t.length; c++) {
            int cls = 0;
            if (DigitForms.value(c) >= 0) {
                cls |= DIGIT;
            }
            if (c == '.'
                    || c == '。'
                    || c == '点'
                    || c == '('
                    || c == '['
                    || c == '{'
                    || c == 'd'
                    || LinkScanner.isMiddleDot(c)) {
                cls |= DOT;
            }
            if (c == '@') {
                cls |= AT;
            }
            if (ShopTokenScanner.isDelimiter(c)) {
                cls |= CURRENCY;
            }
            if (ContactScanner.isCueStart(c)) {
                cls |= CUE;
            }
            t[c] = (byte) (cls | rule(c, cls) << RULE_SHIFT);
        }
        return t;
    }
}
