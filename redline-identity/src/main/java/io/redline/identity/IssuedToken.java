package io.redline.identity;

/** A freshly created token; {@code secret} exists only here and is never stored or shown again. */
public record IssuedToken(TokenInfo info, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[" + info + ", secret=***]";
    }
}
