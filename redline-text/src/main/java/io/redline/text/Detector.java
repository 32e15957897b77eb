package io.redline.text;

/** The pattern detectors, with the category and default severity of their hits. */
public enum Detector {
    PHONE("phone", "drainage", 60),
    WECHAT("wechat", "drainage", 70),
    QQ("qq", "drainage", 70),
    /** URLs and domains; 30 plain, 50 for URL shorteners, 60 for an obfuscated dot (点, dot, 。). */
    URL("url", "drainage", 30),
    EMAIL("email", "drainage", 40),
    SHOP_TOKEN("shop_token", "ads", 50),
    ID_CARD("id_card", "personal_data", 80),
    BANK_CARD("bank_card", "personal_data", 80);

    private final String id;
    private final String category;
    private final int severity;

    Detector(String id, String category, int severity) {
        this.id = id;
        this.category = category;
        this.severity = severity;
    }

    /** The name in {@link Hit#detector()}. */
    public String id() {
        return id;
    }

    public String category() {
        return category;
    }

    public int severity() {
        return severity;
    }
}
