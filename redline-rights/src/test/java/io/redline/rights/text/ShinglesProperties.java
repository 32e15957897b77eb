package io.redline.rights.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The edits that must not break a copy link, as properties over generated notes. */
class ShinglesProperties {
    private final Shingles shingles = new Shingles(CopyParams.DEFAULT.shingleChars());

    @Property(tries = 300)
    void reorderingSentencesNeverChangesTheShingleSet(
            @ForAll @IntRange(min = 0, max = 1 << 20) int seed, @ForAll @IntRange(min = 1, max = 8) int sentences) {
        Random random = new Random(seed);
        String note = Notes.note(random, sentences);
        assertThat(shingles.of(Notes.reorder(note, random))).isEqualTo(shingles.of(note));
    }

    @Property(tries = 300)
    void punctuationEmojiHashtagsWidthAndTraditionalFormsNeverChangeTheShingleSet(
            @ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        String note = Notes.note(new Random(seed), 4);
        long[] expected = shingles.of(note);
        assertThat(shingles.of(Notes.punctuationAndEmoji(note))).isEqualTo(expected);
        assertThat(shingles.of(Notes.fullWidth(note))).isEqualTo(expected);
        assertThat(shingles.of(note + " #标签# #tag")).isEqualTo(expected);
    }

    @Property(tries = 200)
    void anIndexedNoteAlwaysFindsItselfAtSimilarityOne(@ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        String note = Notes.note(new Random(seed), 3);
        CopyIndex index = new CopyIndex(CopyParams.DEFAULT, 16);
        index.add("n", "a", index.signature(note));
        assertThat(index.lookup(index.signature(note), "b"))
                .singleElement()
                .satisfies(m -> assertThat(m.similarity()).isEqualTo(1.0));
    }
}
