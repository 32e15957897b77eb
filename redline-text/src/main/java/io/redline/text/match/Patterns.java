package io.redline.text.match;

/**
 * Per-pattern checks the automaton cannot express, indexed by pattern id.
 *
 * @param flags  {@link #EDGE_START}, {@link #EDGE_END}, {@link #RUNS} bits
 * @param runs   for patterns with {@link #RUNS}: the minimum run length of each position (a term
 *               written with a doubled character, e.g. 妹妹, still needs it doubled in the text,
 *               although repeats are collapsed before matching); otherwise null
 */
public record Patterns(byte[] flags, int[][] runs) {
    /** The character before the match must not be an adjacent Latin letter or digit. */
    public static final byte EDGE_START = 1;
    /** The character after the match must not be an adjacent Latin letter or digit. */
    public static final byte EDGE_END = 2;
    /** Check {@link #runs()}. */
    public static final byte RUNS = 4;
}
