package io.redline.text.normalize;

/**
 * Digit forms for number patterns (phones, ids, cards): the value 0–9 of a folded code point.
 *
 * <p>Full-width, circled, superscript and mathematical digits already arrive as ASCII digits
 * after {@link WidthCaseFold}; this adds Chinese numerals (零〇一二…九, financial 壹贰叁…玖,
 * 幺 as spoken "one" in phone numbers) and the dingbat circled digits NFKC leaves alone.
 * Used only by detectors: lexicon matching keeps 一 and 1 distinct.
 */
public final class DigitForms {
    private static final byte[] BMP = build();

    private DigitForms() {}

    /** The digit value of a folded code point, or -1. */
    public static int value(int cp) {
        if (cp >= '0' && cp <= '9') {
            return cp - '0';
        }
        return cp < BMP.length ? BMP[cp] : -1;
    }

    private static byte[] build() {
        byte[] t = new byte[0x10000];
        java.util.Arrays.fill(t, (byte) -1);
        String[] chinese = {"零〇", "一壹幺", "二贰貳", "三叁", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖"};
        for (int v = 0; v < 10; v++) {
            for (char c : chinese[v].toCharArray()) {
                t[c] = (byte) v;
            }
        }
        for (int v = 1; v <= 9; v++) {
            t[0x2775 + v] = (byte) v; // ❶..❾
            t[0x277F + v] = (byte) v; // ➀..➈
            t[0x2789 + v] = (byte) v; // ➊..➒
            t[0x24F4 + v] = (byte) v; // ⓵..⓽
        }
        t[0x24FF] = 0; // ⓿
        return t;
    }
}
