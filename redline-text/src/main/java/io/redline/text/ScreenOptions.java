package io.redline.text;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which stages of the chain run. Each stage widens recall and costs a little precision and speed;
 * docs/text-engine.md lists the costs.
 *
 * @param foldWidthAndCase        NFKC compatibility folding and case folding
 * @param traditionalToSimplified traditional → simplified Chinese
 * @param foldLookalikes          Cyrillic/Greek/symbol look-alikes and diacritics → Latin
 * @param removeInvisible         zero-width characters, bidi controls, variation selectors, stray marks
 * @param skipNoise               skip symbols, punctuation, spaces and emoji between term characters…
 * @param maxGap                  …but at most this many between two term characters (0–16)
 * @param collapseRepeats         a character repeated (加加微微信) counts once
 * @param variants                honour the terms' opt-in pinyin, initials and homophone families
 * @param detectors               pattern detectors to run
 */
public record ScreenOptions(
        boolean foldWidthAndCase,
        boolean traditionalToSimplified,
        boolean foldLookalikes,
        boolean removeInvisible,
        boolean skipNoise,
        int maxGap,
        boolean collapseRepeats,
        boolean variants,
        Set<Detector> detectors) {
    public static final int MAX_GAP_LIMIT = 16;

    public ScreenOptions {
        if (maxGap < 0 || maxGap > MAX_GAP_LIMIT) {
            throw new IllegalArgumentException("maxGap " + maxGap + " is outside 0–" + MAX_GAP_LIMIT);
        }
        detectors = detectors == null || detectors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(detectors));
    }

    /** The full chain, gap 3, every variant family the terms ask for, every detector. */
    public static ScreenOptions defaults() {
        return new ScreenOptions(true, true, true, true, true, 3, true, true, EnumSet.allOf(Detector.class));
    }

    /** Lexicon matching on the raw text only: no normalisation, no variants, no detectors. */
    public static ScreenOptions exact() {
        return new ScreenOptions(false, false, false, false, false, 0, false, false, Set.of());
    }

    public ScreenOptions withMaxGap(int gap) {
        return new ScreenOptions(
                foldWidthAndCase,
                traditionalToSimplified,
                foldLookalikes,
                removeInvisible,
                skipNoise,
                gap,
                collapseRepeats,
                variants,
                detectors);
    }

    public ScreenOptions withDetectors(Set<Detector> set) {
        return new ScreenOptions(
                foldWidthAndCase,
                traditionalToSimplified,
                foldLookalikes,
                removeInvisible,
                skipNoise,
                maxGap,
                collapseRepeats,
                variants,
                set);
    }

    public ScreenOptions withoutDetectors() {
        return withDetectors(Set.of());
    }

    public ScreenOptions withVariants(boolean on) {
        return new ScreenOptions(
                foldWidthAndCase,
                traditionalToSimplified,
                foldLookalikes,
                removeInvisible,
                skipNoise,
                maxGap,
                collapseRepeats,
                on,
                detectors);
    }

    public ScreenOptions withSkipNoise(boolean on) {
        return new ScreenOptions(
                foldWidthAndCase,
                traditionalToSimplified,
                foldLookalikes,
                removeInvisible,
                on,
                maxGap,
                collapseRepeats,
                variants,
                detectors);
    }

    public ScreenOptions withCollapseRepeats(boolean on) {
        return new ScreenOptions(
                foldWidthAndCase,
                traditionalToSimplified,
                foldLookalikes,
                removeInvisible,
                skipNoise,
                maxGap,
                on,
                variants,
                detectors);
    }

    public ScreenOptions withTraditionalToSimplified(boolean on) {
        return new ScreenOptions(
                foldWidthAndCase,
                on,
                foldLookalikes,
                removeInvisible,
                skipNoise,
                maxGap,
                collapseRepeats,
                variants,
                detectors);
    }

    public ScreenOptions withFoldLookalikes(boolean on) {
        return new ScreenOptions(
                foldWidthAndCase,
                traditionalToSimplified,
                on,
                removeInvisible,
                skipNoise,
                maxGap,
                collapseRepeats,
                variants,
                detectors);
    }

    public ScreenOptions withFoldWidthAndCase(boolean on) {
        return new ScreenOptions(
                on,
                traditionalToSimplified,
                foldLookalikes,
                removeInvisible,
                skipNoise,
                maxGap,
                collapseRepeats,
                variants,
                detectors);
    }

    public ScreenOptions withRemoveInvisible(boolean on) {
        return new ScreenOptions(
                foldWidthAndCase,
                traditionalToSimplified,
                foldLookalikes,
                on,
                skipNoise,
                maxGap,
                collapseRepeats,
                variants,
                detectors);
    }

    /** A canonical, order-independent description (part of {@link Screener#version()}). */
    public String canonical() {
        return "fold=" + foldWidthAndCase + ",t2s=" + traditionalToSimplified + ",lookalike=" + foldLookalikes
                + ",invisible=" + removeInvisible + ",noise=" + skipNoise + ",gap=" + maxGap + ",repeats="
                + collapseRepeats
                + ",variants=" + variants + ",detectors="
                + detectors.stream().map(Detector::id).sorted().toList();
    }
}
