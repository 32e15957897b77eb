package io.redline.rights.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.rights.text.CopyMatch;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ImageIndexTest {
    private static final int ORIGINALS = 30;

    @Test
    void everyTransformedCopyOfAnotherAuthorsPictureIsLinkedToItsOriginalAndNothingElse() {
        ImageIndex index = new ImageIndex();
        BufferedImage[] originals = new BufferedImage[ORIGINALS];
        for (int i = 0; i < ORIGINALS; i++) {
            originals[i] = Pictures.photo(i, 480, 360);
            assertThat(index.add("img" + i, "author" + i, Pdq.references(Pictures.luma(originals[i]))))
                    .isTrue();
        }
        for (Map.Entry<String, UnaryOperator<BufferedImage>> t :
                Pictures.transformations().entrySet()) {
            for (int i = 0; i < ORIGINALS; i++) {
                List<CopyMatch> matches =
                        index.lookup(Pdq.dihedral(Pictures.luma(t.getValue().apply(originals[i]))), "reposter");
                assertThat(matches)
                        .as("%s of img%d", t.getKey(), i)
                        .extracting(CopyMatch::id)
                        .containsExactly("img" + i);
            }
        }
    }

    @Test
    void unrelatedPicturesAreNotLinked() {
        ImageIndex index = new ImageIndex();
        for (int i = 0; i < ORIGINALS; i++)
            index.add("img" + i, "a", Pdq.references(Pictures.luma(Pictures.photo(i, 320, 240))));
        for (int i = 1_000; i < 1_000 + ORIGINALS; i++) {
            assertThat(index.lookup(Pdq.dihedral(Pictures.luma(Pictures.photo(i, 320, 240))), "b"))
                    .isEmpty();
        }
    }

    @Test
    void anAuthorsOwnPictureAndFeaturelessPicturesAreNotLinked() {
        ImageIndex index = new ImageIndex();
        BufferedImage photo = Pictures.photo(1, 320, 240);
        index.add("img1", "alice", Pdq.references(Pictures.luma(photo)));
        assertThat(index.lookup(Pdq.dihedral(Pictures.luma(photo)), "alice")).isEmpty();

        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        ImageHash flat = Pdq.hash(Pictures.luma(blank));
        assertThat(flat.quality()).isLessThan(Pdq.QUALITY_MIN);
        assertThat(index.add("blank", "bob", new ImageHash[] {flat})).isFalse();
        assertThat(index.lookup(Pdq.dihedral(Pictures.luma(blank)), "carol")).isEmpty();
    }

    @Test
    void theHashIsStableAndTheDihedralIdentityComesFirst() {
        Luma luma = Pictures.luma(Pictures.photo(5, 300, 200));
        ImageHash hash = Pdq.hash(luma);
        assertThat(Pdq.hash(luma)).isEqualTo(hash);
        assertThat(Pdq.dihedral(luma)[0]).isEqualTo(hash);
        assertThat(hash.pdqHex()).hasSize(64);
        assertThat(Long.bitCount(hash.pdq()[0])
                        + Long.bitCount(hash.pdq()[1])
                        + Long.bitCount(hash.pdq()[2])
                        + Long.bitCount(hash.pdq()[3]))
                .as("median threshold sets half the bits")
                .isBetween(120, 128);
    }

    @Test
    void oversizedImagesAreRejectedBeforeAnyWork() {
        assertThatThrownBy(() -> new Luma(100_000, 100_000, new float[1])).hasMessageContaining("pixels");
        assertThatThrownBy(() -> Luma.ofArgb(10, 10, new int[5])).hasMessageContaining("100");
    }
}
