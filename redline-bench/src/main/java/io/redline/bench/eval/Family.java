package io.redline.bench.eval;

/**
 * The evasion families and hard-negative kinds the evaluation set covers, one per row. The
 * issue names them; recall is reported per family so a regression points at the stage that
 * broke.
 */
public enum Family {
    // Lexicon terms and the ways authors disguise them.
    LEXICON_PLAIN(true),
    FULL_WIDTH(true),
    TRADITIONAL(true),
    LOOK_ALIKE(true),
    ZERO_WIDTH(true),
    SYMBOLS_BETWEEN(true),
    EMOJI_NOISE(true),
    /** Characters of the term repeated (加加微微信). */
    REPEATED(true),
    PINYIN(true),
    INITIALS(true),
    HOMOPHONE(true),
    // Pattern detectors.
    PHONE_SEPARATED(true),
    PHONE_CHINESE_DIGITS(true),
    PHONE_FULL_WIDTH(true),
    PHONE_CIRCLED(true),
    /** Superscript (¹³⁸…) and mathematical bold (𝟏𝟑𝟖…) digits. */
    PHONE_OTHER_DIGITS(true),
    WECHAT_ID(true),
    QQ_ID(true),
    URL(true),
    DOMAIN_SPELLED_DOT(true),
    SHORT_LINK(true),
    EMAIL(true),
    SHOP_TOKEN(true),
    RESIDENT_ID(true),
    BANK_CARD(true),
    // Evasions added with the text engine's second part (issue 19).
    /** Every digit followed by a different separator mix: 1、5​9/0❤2~8.7_6 4·3|1. */
    PHONE_MIXED_SEPARATORS(true),
    /** Keycap (1️⃣3️⃣8️⃣) and enclosed (⑬) digits. */
    PHONE_KEYCAP_ENCLOSED(true),
    /** Messenger ids after bare cues: VXjqnmsuzt, v:abc123, ➕v abc123. */
    WECHAT_BARE_CUE(true),
    /** Pinyin in capitals or capitalised syllables without spaces: JIAWOWEIXIN, JiaWeiXin. */
    PINYIN_CAPITALS_UNSPACED(true),
    /** Han characters and pinyin syllables mixed: 加wo微xin. */
    PINYIN_MIXED_HAN(true),
    /** Characters written as their parts (拆字): 女昌, 言身寸, 贝者十尃. */
    CHAIZI(true),
    /** Pinyin of a term read with another reading of a polyphonic character: yue pao (约炮), shua shan (刷单). */
    PINYIN_POLYPHONIC(true),
    // Hard negatives: text a naive filter flags.
    NEG_NORMAL(false),
    NEG_BENIGN_PHRASE(false),
    /** A term's characters split by sentence punctuation in ordinary text (太大，麻烦…), where noise skipping over-reaches. */
    NEG_ACROSS_PUNCTUATION(false),
    NEG_WECHAT_PAY(false),
    NEG_DATE_NUMBER(false),
    NEG_ORDER_NUMBER(false),
    NEG_INVALID_ID(false),
    NEG_INVALID_CARD(false),
    NEG_PRODUCT(false);

    private final boolean positive;

    Family(boolean positive) {
        this.positive = positive;
    }

    public boolean positive() {
        return positive;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Family fromLabel(String label) {
        return valueOf(label.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
