package io.redline.ledger.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One marginal band of the annual rate: the part of the basis between the previous tier's
 * {@code upTo} and this one's earns {@code apr}.
 *
 * @param upToMinor upper bound of the band in minor units of the campaign asset; null for the last, open band
 * @param apr       annual rate as an exact decimal ({@code 0.29} is 29% a year)
 */
public record Tier(BigInteger upToMinor, BigDecimal apr) {
    public Tier {
        Objects.requireNonNull(apr, "apr");
        if (apr.signum() < 0)
            throw new IllegalArgumentException("apr must not be negative, was " + apr.toPlainString());
        if (upToMinor != null && upToMinor.signum() <= 0)
            throw new IllegalArgumentException("upTo must be positive, was " + upToMinor);
    }
}
