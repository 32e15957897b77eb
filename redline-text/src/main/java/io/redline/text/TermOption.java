package io.redline.text;

import java.util.Arrays;
import java.util.Optional;

/** Opt-in matching families for one term; each widens recall at some cost in precision. */
public enum TermOption {
    /** Also match the term's full pinyin ({@code jiaweixin}, {@code jia wei xin}, {@code jiā wēi xìn}, {@code jia1wei1xin4}, mixes like {@code jia微信}). */
    PINYIN("pinyin"),
    /** Also match the initials of its pinyin ({@code jwx}), as a whole word. */
    INITIALS("initials"),
    /** Also match any characters with the same pinyin ({@code 加威信}, {@code +薇信} for 加微信). */
    HOMOPHONES("homophones"),
    /** Also match the term with characters written as their parts ({@code 女昌} for 娼, {@code 言身寸} for 谢; table: {@code chaizi.tsv}). */
    CHAIZI("chaizi"),
    /** Latin terms only match as whole words ({@code ass} not inside {@code class}). */
    WHOLEWORD("wholeword");

    private final String token;

    TermOption(String token) {
        this.token = token;
    }

    /** The spelling in lexicon files. */
    public String token() {
        return token;
    }

    public static Optional<TermOption> fromToken(String token) {
        return Arrays.stream(values()).filter(o -> o.token.equals(token)).findFirst();
    }
}
