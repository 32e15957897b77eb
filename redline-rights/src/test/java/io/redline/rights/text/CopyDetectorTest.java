package io.redline.rights.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyDetectorTest {
    @Test
    void copiesLinkToAnotherAuthorsEarlierNoteButNeverBackToTheirOwnAuthor() {
        Random random = new Random(9);
        String note = Notes.note(random, 5);
        CopyDetector detector = new CopyDetector(CopyParams.DEFAULT, 16);
        assertThat(detector.observe("n1", "alice", note)).isEmpty();
        assertThat(detector.observe("n2", "bob", Notes.reorder(note, random)))
                .get()
                .extracting(CopyMatch::id)
                .isEqualTo("n1");
        assertThat(detector.observe("n3", "alice", note))
                .as("alice re-posts her own note")
                .isEmpty();
        assertThat(detector.observe("n4", "carol", Notes.punctuationAndEmoji(note)))
                .get()
                .extracting(CopyMatch::author)
                .isNotEqualTo("carol");
        assertThat(detector.observe("n5", "dave", Notes.note(random, 5))).isEmpty();
        assertThat(detector.index().size()).isEqualTo(5);
    }
}
