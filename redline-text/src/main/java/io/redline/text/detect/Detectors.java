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
    static final byte AT = 4;
    static final byte CURRENCY = 8;
    static final byte CUE = 16;
    static final byte DOT = 32;
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
            int cls = c < CLASS.length ? CLASS[c] : 0;
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
            t[c] = (byte) cls;
        }
        return t;
    }
}
