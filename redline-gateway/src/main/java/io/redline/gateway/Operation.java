package io.redline.gateway;

/** The OpenAI operations the gateway serves under {@code /ai/v1}. */
public enum Operation {
    CHAT("chat/completions"),
    COMPLETIONS("completions"),
    MODELS("models"),
    IMAGES("images/generations");

    private final String path;

    Operation(String path) {
        this.path = path;
    }

    /** The path below the base URL, as OpenAI names it. */
    public String path() {
        return path;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
