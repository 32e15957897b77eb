package io.redline.rights.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CopyIndexTest {
    private static final String ORIGINAL =
            "这家咖啡店真的太好用了，价格不到一百块。老板人超级好，下次还会再来。" + "拍照非常出片，周末人特别多，记得提前预约。会员日打八折，分量很足吃不完！";

    private static CopyIndex indexWith(String id, String author, String text) {
        CopyIndex index = new CopyIndex(CopyParams.DEFAULT, 16);
        index.add(id, author, index.signature(text));
        return index;
    }

    @Test
    void eachLightEditOfAnotherAuthorsNoteIsLinkedToTheOriginal() {
        Random random = new Random(7);
        CopyIndex index = indexWith("n1", "alice", ORIGINAL);
        index.add("n2", "carol", index.signature(Notes.note(random, 5)));
        for (UnaryOperator<String> edit : java.util.List.<UnaryOperator<String>>of(
                t -> t,
                Notes::punctuationAndEmoji,
                t -> Notes.reorder(t, new Random(1)),
                t -> Notes.substitute(t, new Random(2), 3),
                Notes::traditional,
                Notes::fullWidth,
                t -> Notes.traditional(Notes.reorder(Notes.punctuationAndEmoji(t), new Random(3))))) {
            String copy = edit.apply(ORIGINAL);
            assertThat(index.original(index.signature(copy), "bob"))
                    .as(copy)
                    .get()
                    .satisfies(m -> {
                        assertThat(m.id()).isEqualTo("n1");
                        assertThat(m.author()).isEqualTo("alice");
                        assertThat(m.similarity()).isGreaterThanOrEqualTo(CopyParams.DEFAULT.threshold());
                    });
        }
    }

    @Test
    void reorderingSentencesAndAddingHashtagsLeavesTheShingleSetUnchanged() {
        Shingles shingles = new Shingles(4);
        assertThat(shingles.of(Notes.reorder(ORIGINAL, new Random(5)))).isEqualTo(shingles.of(ORIGINAL));
        assertThat(shingles.of(ORIGINAL + " #好物分享# #tag")).isEqualTo(shingles.of(ORIGINAL));
        assertThat(shingles.of("ＡＢＣ，ｄｅｆ。")).isEqualTo(shingles.of("abc def."));
    }

    @Test
    void anAuthorRepostingTheirOwnNoteIsNotACopy() {
        CopyIndex index = indexWith("n1", "alice", ORIGINAL);
        assertThat(index.original(index.signature(ORIGINAL), "alice")).isEmpty();
        assertThat(index.lookup(index.signature(ORIGINAL), null))
                .singleElement()
                .satisfies(m -> assertThat(m.similarity()).isEqualTo(1.0));
    }

    @Test
    void unrelatedNotesSharingATemplateAreLinkedOnlyWhenTheyReallyAreNearDuplicates() {
        Random random = new Random(11);
        CopyIndex index = new CopyIndex(CopyParams.DEFAULT, 16);
        Shingles shingles = new Shingles(CopyParams.DEFAULT.shingleChars());
        String template = "关注我每天分享好物。点赞收藏不迷路。";
        java.util.List<String> indexed = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            indexed.add(template + Notes.note(random, 4));
            index.add("n" + i, "a" + i, index.signature(indexed.getLast()));
        }
        int linked = 0;
        for (int i = 0; i < 200; i++) {
            String text = template + Notes.note(random, 4);
            for (CopyMatch m : index.lookup(index.signature(text), "new")) {
                linked++;
                double truth = Shingles.jaccard(
                        shingles.of(text), shingles.of(indexed.get(Integer.parseInt(m.id().substring(1)))));
                // The brute-force reference: the 64-value estimate has a standard error of 0.06 at J 0.5,
                // so a link at 0.6 may come from a true 0.5; far below that would be a false link.
                assertThat(truth)
                        .as("true Jaccard of a link, estimated %s", m.similarity())
                        .isGreaterThanOrEqualTo(0.4);
            }
        }
        // This corpus has 16 subjects and 20 phrases, so a few real near-duplicates do occur by chance.
        assertThat(linked).isLessThan(10);
    }

    @Test
    void textWithoutContentMatchesNothing() {
        CopyIndex index = indexWith("n1", "alice", "😀😀。！！ #tag");
        assertThat(index.lookup(index.signature("😀😀。"), null)).isEmpty();
        assertThat(index.lookup(index.signature("。。"), "x")).isEmpty();
    }

    @Test
    void theIndexGrowsPastItsCapacityHintAndStillFindsOldItems() {
        Random random = new Random(3);
        CopyIndex index = new CopyIndex(CopyParams.DEFAULT, 16);
        String first = Notes.note(random, 5);
        index.add("first", "alice", index.signature(first));
        for (int i = 0; i < 1_000; i++) index.add("n" + i, "a" + (i % 50), index.signature(Notes.note(random, 5)));
        assertThat(index.size()).isEqualTo(1_001);
        assertThat(index.original(index.signature(Notes.reorder(first, random)), "bob"))
                .get()
                .extracting(CopyMatch::id)
                .isEqualTo("first");
        assertThat(index.memoryBytes()).isGreaterThan(1_001L * 128);
    }

    @Test
    void badParametersAndOversizedTextsAreRejectedWithTheLimit() {
        assertThatThrownBy(() -> new CopyParams(4, 100, 10, 0.5)).hasMessageContaining("bands × rows");
        assertThatThrownBy(() -> new CopyParams(4, 16, 4, 0)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new Shingles(4).of("字".repeat(Shingles.TEXT_CHARS_MAX + 1)))
                .hasMessageContaining("limit");
    }

    @Property(tries = 200)
    void theEstimateTracksTheTrueJaccardSimilarity(
            @ForAll @IntRange(min = 0, max = 1 << 20) int seed,
            @ForAll @IntRange(min = 0, max = 12) int substitutions) {
        Random random = new Random(seed);
        String a = Notes.note(random, 6);
        String b = Notes.substitute(a, random, substitutions);
        Shingles shingles = new Shingles(4);
        double truth = Shingles.jaccard(shingles.of(a), shingles.of(b));
        MinHash minHash = new MinHash(64);
        double estimate = MinHash.similarity(minHash.signature(shingles.of(a)), minHash.signature(shingles.of(b)));
        // 64 values: standard error ≤ 0.0625; five of them is a failure rate of about 1 in 3.5 million.
        assertThat(estimate).isCloseTo(truth, org.assertj.core.data.Offset.offset(0.32));
    }
}
