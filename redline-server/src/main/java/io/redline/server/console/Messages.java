package io.redline.server.console;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The console's words in one language: {@code console/messages_<lang>.properties} (UTF-8, read
 * by {@link ResourceBundle} since Java 9). A key missing from a translation falls back to English
 * through the bundle chain; a key missing everywhere shows as {@code ??key??} so a test or a
 * reviewer notices instead of the page failing.
 */
public final class Messages {
    /** Languages the console speaks, in the order the switcher lists them. */
    public static final List<String> LANGUAGES = List.of("en", "zh");

    private final String lang;
    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(String lang) {
        this.lang = lang;
        this.locale = lang.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        this.bundle = ResourceBundle.getBundle(
                "console.messages",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static final Messages EN = new Messages("en");
    private static final Messages ZH = new Messages("zh");

    public static Messages of(String lang) {
        return "zh".equals(lang) ? ZH : EN;
    }

    /**
     * The language for a request: an explicit choice (cookie) wins, then the first supported
     * language in Accept-Language, then English.
     */
    public static String choose(String cookie, String acceptLanguage) {
        if (cookie != null && LANGUAGES.contains(cookie)) return cookie;
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = r.getRange().toLowerCase(Locale.ROOT);
                    if (tag.startsWith("zh")) return "zh";
                    if (tag.startsWith("en")) return "en";
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed header is not worth an error page: fall through to English
            }
        }
        return "en";
    }

    public String lang() {
        return lang;
    }

    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
