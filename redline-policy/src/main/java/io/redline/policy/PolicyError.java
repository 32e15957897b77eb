package io.redline.policy;

/**
 * One problem in a policy document.
 *
 * @param line    1-based line in the source
 * @param column  1-based column in the source
 * @param path    where in the document, e.g. {@code rules[2].action}; empty for the document itself
 * @param message what is wrong and what to do about it
 */
public record PolicyError(int line, int column, String path, String message) {

    @Override
    public String toString() {
        return line + ":" + column + " " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
