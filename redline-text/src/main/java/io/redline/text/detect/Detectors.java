package io.redline.text.detect;

import io.redline.text.normalize.DigitForms;
import java.util.List;

/**
 * All enabled detectors in one pass over the folded stream. A byte class table says which
 * detectors a character can start (a digit, a label character, '@', a currency sign, the first
 * character of a cue); the many characters that start none (most Han characters) cost one
 * lookup each.
 */
public final class Detectors {
    static final byte DIGIT = 1;
    static final byte LABEL = 2;
    static final byte AT = 4;
    static final byte CURRENCY = 8;
    static final byte CUE = 16;
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

    public Detectors(boolean phones, boolean idCards, boolean bankCards, boolean wechat, boolean qq, boolean urls,
            boolean emails, boolean shopTokens, int maxSeparator) {
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

    public void scan(FoldedView v, NumberScanner.Work work, List<Detection> out) {
        boolean numbers = phones || idCards || bankCards;
        boolean contacts = wechat || qq;
        int n = v.size();
        int k = 0;
        while (k < n) {
            int c = v.cp(k);
            int cls = c < CLASS.length ? CLASS[c] : 0;
            if (cls == 0) {
                k++;
                continue;
            }
            int next = -1;
            if ((cls & CUE) != 0 && contacts) {
                next = ContactScanner.at(v, k, wechat, qq, out);
            }
            if (next < 0 && (cls & AT) != 0 && emails) {
                next = LinkScanner.emailAt(v, k, out);
            }
            if (next < 0 && (cls & LABEL) != 0 && urls && LinkScanner.isLabelStart(v, k)) {
                int before = out.size();
                int r = LinkScanner.urlAt(v, k, out);
                if (out.size() > before || (cls & DIGIT) == 0) {
                    next = r;
                }
            }
            if (next < 0 && (cls & DIGIT) != 0 && numbers) {
                next = NumberScanner.chainAt(v, k, work, maxSeparator, phones, idCards, bankCards, out);
            }
            if (next < 0 && (cls & CURRENCY) != 0 && shopTokens) {
                next = ShopTokenScanner.at(v, k, out);
            }
            k = next > k ? next : k + 1;
        }
    }

    private static byte[] classes() {
        byte[] t = new byte[0x10000];
        for (int c = 0; c < t.length; c++) {
            int cls = 0;
            if (DigitForms.value(c) >= 0) {
                cls |= DIGIT;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                cls |= LABEL;
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
