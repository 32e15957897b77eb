package io.redline.text.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * The character classes of the folding data (invisible, noise, currency symbol) without its
 * mappings. The lexicon's checks and the detectors ask for them where no fold table is at hand;
 * parsing all of {@code fold-data.txt} for them was 25–40 ms of a one-line screen's start-up, so a
 * build step ({@code TableImages}) also writes them alone as an image of ranges, read in well
 * under a millisecond. Without the image (a class path without the build step's output) they come
 * from {@link FoldData}; {@code TableImagesTest} checks both agree.
 */
public final class CharClasses {
    public static final String IMAGE = "char-classes.bin";
    private static final int IMAGE_MAGIC = 0x52444343; // "RDCC"

    final BitSet invisible;
    final BitSet noise;
    final BitSet currency;

    private CharClasses(BitSet invisible, BitSet noise, BitSet currency) {
        this.invisible = invisible;
        this.noise = noise;
        this.currency = currency;
    }

    private static final class Holder {
        static final CharClasses CLASSES = load();
    }

    static CharClasses get() {
        return Holder.CLASSES;
    }

    private static CharClasses load() {
        try (InputStream in = CharClasses.class.getResourceAsStream(IMAGE)) {
            return in == null ? computed() : read(ByteBuffer.wrap(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + IMAGE, e);
        }
    }

    private static CharClasses computed() {
        FoldData d = FoldData.get();
        return new CharClasses(d.invisible, d.noise, d.currency);
    }

    /** The image of the classes computed from the folding data, for the build step. */
    public static byte[] computedImage() {
        CharClasses c = computed();
        ByteBuffer b = ByteBuffer.allocate(4 * (4 + 2 * (ranges(c.invisible) + ranges(c.noise) + ranges(c.currency))));
        b.putInt(IMAGE_MAGIC);
        for (BitSet s : new BitSet[] {c.invisible, c.noise, c.currency}) {
            b.putInt(ranges(s));
            for (int from = s.nextSetBit(0); from >= 0; from = s.nextSetBit(s.nextClearBit(from))) {
                b.putInt(from).putInt(s.nextClearBit(from));
            }
        }
        return b.array();
    }

    /** True when the shipped image holds exactly the classes of the folding data. */
    public static boolean imageMatchesData() {
        try (InputStream in = CharClasses.class.getResourceAsStream(IMAGE)) {
            if (in == null) {
                return false;
            }
            CharClasses image = read(ByteBuffer.wrap(in.readAllBytes()));
            CharClasses data = computed();
            return image.invisible.equals(data.invisible)
                    && image.noise.equals(data.noise)
                    && image.currency.equals(data.currency);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + IMAGE, e);
        }
    }

    private static int ranges(BitSet s) {
        int n = 0;
        for (int from = s.nextSetBit(0); from >= 0; from = s.nextSetBit(s.nextClearBit(from))) {
            n++;
        }
        return n;
    }

    private static CharClasses read(ByteBuffer b) {
        if (b.getInt() != IMAGE_MAGIC) {
            throw new IllegalStateException(IMAGE + " is not an image of character classes");
        }
        BitSet[] sets = new BitSet[3];
        for (int k = 0; k < sets.length; k++) {
            BitSet s = new BitSet(Character.MAX_CODE_POINT + 1);
            for (int n = b.getInt(); n > 0; n--) {
                s.set(b.getInt(), b.getInt());
            }
            sets[k] = s;
        }
        return new CharClasses(sets[0], sets[1], sets[2]);
    }
}
