package io.redline.intake;

/**
 * Bounds on what one submission may carry. Defaults are sized for a lifestyle platform: a long
 * note is a few thousand characters, so 20,000 leaves room without letting one item cost a
 * screening budget.
 */
public record IntakeLimits(
        int textCharsMax,
        int titleCharsMax,
        int tagsMax,
        int tagCharsMax,
        int imagesMax,
        int imageRefCharsMax,
        int idCharsMax,
        int batchItemsMax) {

    public IntakeLimits {
        if (textCharsMax < 1
                || titleCharsMax < 1
                || tagsMax < 0
                || tagCharsMax < 1
                || imagesMax < 0
                || imageRefCharsMax < 1
                || idCharsMax < 1
                || batchItemsMax < 1) {
            throw new IllegalArgumentException("intake limits must be positive: " + this);
        }
    }

    public static IntakeLimits defaults() {
        return new IntakeLimits(20_000, 200, 30, 50, 18, 2_048, 128, 100);
    }
}
