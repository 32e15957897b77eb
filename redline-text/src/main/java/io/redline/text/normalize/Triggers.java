package io.redline.text.normalize;

/**
 * Characters at which a pattern detector can start: digits in any form, dot-like characters
 * (. 。 点 ( [ {, and d for a spelled-out "dot"), '@', currency signs, and the first characters of
 * WeChat/QQ cues. {@link FoldTable} marks them with {@link FoldTable#TRIGGER}, so the screening
 * pass can list them as it goes and the detectors visit only those places instead of every
 * character.
 */
public final class Triggers {
    private static final String CHARS = ".。点([{d·・•∙⋅@+➕微威薇维徽卫魏vw加q扣企球抠绿";

    private Triggers() {}

    public static boolean isTrigger(int cp) {
        if (DigitForms.value(cp) >= 0) {
            return true;
        }
        if (cp == '$' || (cp >= 0xA2 && cp <= 0xA5) || (cp >= 0x20A0 && cp <= 0x20CF)) {
            return true;
        }
        return cp < 0x10000 && CHARS.indexOf(cp) >= 0;
    }
}
