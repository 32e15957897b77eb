package io.redline.bench.eval;

import java.util.Set;

/** One labelled line: the categories a screener should report (empty for a negative). */
public record EvalLine(int lineNumber, Set<String> expected, Family family, String text) {

    public EvalLine {
        expected = Set.copyOf(expected);
        if (family.positive() == expected.isEmpty()) {
            throw new IllegalArgumentException("line " + lineNumber + ": family " + family.label()
                    + (family.positive() ? " needs expected categories" : " is a negative and must expect none"));
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("line " + lineNumber + ": empty text");
        }
    }
}
