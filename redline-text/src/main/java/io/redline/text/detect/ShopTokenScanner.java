package io.redline.text.detect;

import io.redline.text.normalize.NoiseClass;
import java.util.List;

/**
 * Shop share tokens ("淘口令"): 6–24 letters and digits between currency-like delimiters
 * ({@code ￥AbC123xYz￥}, {@code €…€}, {@code $…$}, any currency sign, the closing one may differ)
 * in a text that also carries a cue such as 复制, 打开, 淘宝, 口令. Pure-digit spans ({@code $100$})
 * are amounts, not tokens.
 */
public final class ShopTokenScanner {
    private static final String[] CUES = {"复制", "打开", "淘宝", "手淘", "口令", "拼多多", "京东", "闲鱼", "抖音", "tb", "app"};

    private ShopTokenScanner() {}

    /** Tries a token opening at the delimiter k; returns the index of its closing delimiter, or -1. */
    public static int at(FoldedView v, int k, List<Detection> out, DetectorScratch w) {
        int n = v.size();
        int j = k + 1;
        boolean letter = false;
        while (j < n && j - k <= 25 && v.isAsciiAlnum(j)) {
            letter |= v.isAsciiLetter(j);
            j++;
        }
        int len = j - k - 1;
        if (len < 6 || len > 24 || !letter || !isDelimiter(v.cp(j)) || !hasCue(v, w)) {
            return -1;
        }
        // The value keeps the author's letter case: tokens are case-sensitive.
        String value = v.text().subSequence(v.start(k + 1), v.end(j - 1)).toString();
        out.add(new Detection("shop_token", "ads", 50, v.start(k), v.end(j), value));
        return j;
    }

    static boolean isDelimiter(int c) {
        // Cheap range test first: this runs on every character.
        return (c == '$'
                        || (c >= 0xA2 && c <= 0xA5)
                        || (c >= 0x20A0 && c <= 0x20CF)
                        || c == 0x058F
                        || c == 0x09F3
                        || c == 0x0E3F
                        || c == 0x17DB)
                && NoiseClass.isCurrency(c);
    }

    /** Whether the text carries a cue anywhere; read once per text, not once per token candidate. */
    private static boolean hasCue(FoldedView v, DetectorScratch w) {
        if (w.shopCue < 0) {
            w.shopCue = findCue(v) ? 1 : 0;
        }
        return w.shopCue == 1;
    }

    private static boolean findCue(FoldedView v) {
        for (int k = 0; k < v.size(); k++) {
            for (String cue : CUES) {
                if (v.matches(k, cue)) {
                    return true;
                }
            }
        }
        return false;
    }
}
