package io.redline.text;

/** A lexicon or allow-list file that cannot be read; the message names the line and what to fix. */
public final class LexiconFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public LexiconFormatException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** 1-based line number of the offending line. */
    public int line() {
        return line;
    }
}
