package io.redline.text;

/**
 * One finding.
 *
 * @param detector   "lexicon" or a {@link Detector#id()} ("phone", "wechat", "url"…)
 * @param category   e.g. drainage, gambling, personal_data
 * @param severity   0–100
 * @param start      UTF-16 offset in the original text, inclusive
 * @param end        UTF-16 offset in the original text, exclusive
 * @param normalized what the engine saw in that span after normalisation
 * @param term       the lexicon term, or the canonical detected value (digits of a phone, an id, a host)
 */
public record Hit(String detector, String category, int severity, int start, int end, String normalized, String term) {
    public static final String LEXICON = "lexicon";

    public Hit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
