package io.redline.ledger.engine;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The new-user bonus: accounts registered inside the window get {@code amountMinor} of
 * {@code asset} on the first settled day whose basis reaches {@code minBasisMinor}, paid from a
 * pool of {@code poolMinor} that ends like the main pool.
 *
 * @param asset         the bonus asset
 * @param scale         decimals of the bonus asset
 * @param amountMinor   bonus per account, minor units of the bonus asset
 * @param poolMinor     the bonus pool, minor units of the bonus asset
 * @param minBasisMinor the basis a day must reach, minor units of the campaign asset
 */
public record NewUserBonus(
        String asset, int scale, BigInteger amountMinor, BigInteger poolMinor, BigInteger minBasisMinor) {
    public NewUserBonus {
        Objects.requireNonNull(asset, "asset");
        if (amountMinor.signum() <= 0) throw new IllegalArgumentException("bonus amount must be positive");
        if (poolMinor.signum() < 0) throw new IllegalArgumentException("bonus pool must not be negative");
        if (minBasisMinor.signum() < 0) throw new IllegalArgumentException("minBasis must not be negative");
    }
}
