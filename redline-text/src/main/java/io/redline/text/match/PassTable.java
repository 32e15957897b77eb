package io.redline.text.match;

import io.redline.text.normalize.FoldTable;

/**
 * What a {@link Pass} looks up per code point, for one automaton: the fold entry of code point x
 * and the automaton's symbol for x as a folded value, side by side in one int array ({@code [2x]},
 * {@code [2x + 1]}).
 *
 * <p>Why: the pass folds a text first and matches it right after. Most characters fold to
 * themselves, so the symbol the match loop needs sits in the cache line the fold loop has just
 * read, instead of in a second table (a char per code point) that every character of Han text
 * missed in the first-level cache. It costs a megabyte per automaton, built in a millisecond.
 * Without folding (exact mode) only the symbols are kept, one int each.
 */
public final class PassTable {
    final FoldTable fold;
    final int[] cells;
    /** log2 of the cells per code point: 1 with folding, 0 without. */
    final int shift;

    private PassTable(FoldTable fold, int[] cells, int shift) {
        this.fold = fold;
        this.cells = cells;
        this.shift = shift;
    }

    /** The table for an automaton whose text goes through {@code fold} (null: matched as it is). */
    public static PassTable of(FoldTable fold, Automaton ac) {
        int size = FoldTable.SIZE;
        if (fold == null) {
            int[] cells = new int[size];
            for (int x = 0; x < size; x++) {
                cells[x] = ac.symbol(x);
            }
            return new PassTable(null, cells, 0);
        }
        int[] entries = fold.entries();
        int[] cells = new int[2 * size];
        for (int x = 0; x < size; x++) {
            cells[2 * x] = entries[x];
            cells[2 * x + 1] = ac.symbol(x);
        }
        return new PassTable(fold, cells, 1);
    }

    /** The folding table, or null in exact mode. */
    public FoldTable fold() {
        return fold;
    }

    /** The automaton's symbol for folded value v (0 when no pattern contains it). */
    int symbol(int v) {
        return v < FoldTable.SIZE ? cells[(v << shift) + shift] : 0;
    }
}
