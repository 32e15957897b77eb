package io.redline.ledger.engine;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A hold-to-earn campaign definition, validated: every amount already in minor units, every rate
 * an exact decimal. The YAML form and its semantics are in docs/campaigns.md; {@code CampaignYaml}
 * parses it.
 *
 * @param poolCapMinor total payable in {@code asset} over the campaign, minor units
 * @param bonus        the new-user bonus, or null when the campaign has none
 */
public record Campaign(
        String id,
        String asset,
        int scale,
        Instant windowStart,
        Instant windowEnd,
        Basis basis,
        List<LocalTime> snapshots,
        int dayCount,
        List<Tier> tiers,
        NewUserBonus bonus,
        BigInteger poolCapMinor) {
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final Pattern ASSET = Pattern.compile("[A-Z][A-Z0-9_]{0,15}");
    public static final int SCALE_MAX = 18;
    /** A campaign longer than this is almost certainly a typo in the window (and bounds the day loop). */
    public static final int DAYS_MAX = 3_660;

    public Campaign {
        Objects.requireNonNull(basis, "basis");
        if (id == null || !ID.matcher(id).matches())
            throw new IllegalArgumentException("id '" + id + "' must match " + ID.pattern());
        requireAsset(asset, "asset");
        requireScale(scale, "scale");
        Objects.requireNonNull(windowStart, "window.start");
        Objects.requireNonNull(windowEnd, "window.end");
        if (windowStart.getNano() != 0 || windowEnd.getNano() != 0)
            throw new IllegalArgumentException("window start and end must be whole seconds");
        if (!windowStart.isBefore(windowEnd))
            throw new IllegalArgumentException(
                    "window.start " + windowStart + " must be before window.end " + windowEnd);
        if (Duration.between(windowStart, windowEnd).toDays() > DAYS_MAX)
            throw new IllegalArgumentException("window is longer than " + DAYS_MAX + " days");
        snapshots = List.copyOf(snapshots);
        if (basis == Basis.MIN_OF_SNAPSHOTS && snapshots.isEmpty())
            throw new IllegalArgumentException("basis min_of_snapshots needs at least one snapshot time");
        for (int i = 1; i < snapshots.size(); i++) {
            if (!snapshots.get(i - 1).isBefore(snapshots.get(i)))
                throw new IllegalArgumentException("snapshots must be strictly increasing times of day");
        }
        if (dayCount < 1 || dayCount > 1_000)
            throw new IllegalArgumentException("dayCount must be 1..1000, was " + dayCount);
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) throw new IllegalArgumentException("at least one tier is needed");
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            if (t.upToMinor() == null && i < tiers.size() - 1)
                throw new IllegalArgumentException("tiers[" + i + "] has no upTo: only the last tier may be open");
            if (i > 0
                    && t.upToMinor() != null
                    && t.upToMinor().compareTo(tiers.get(i - 1).upToMinor()) <= 0) {
                throw new IllegalArgumentException("tiers[" + i + "].upTo must be above tiers[" + (i - 1) + "].upTo");
            }
        }
        if (bonus != null) {
            requireAsset(bonus.asset(), "newUsers.bonus.asset");
            requireScale(bonus.scale(), "newUsers.bonus.scale");
        }
        Objects.requireNonNull(poolCapMinor, "pool.cap");
        if (poolCapMinor.signum() < 0) throw new IllegalArgumentException("pool.cap must not be negative");
        if (poolCapMinor.bitLength() > 62)
            throw new IllegalArgumentException("pool.cap is too large for a 64-bit minor-unit amount");
        if (bonus != null && bonus.poolMinor().bitLength() > 62)
            throw new IllegalArgumentException("newUsers.bonus.pool is too large for a 64-bit amount");
    }

    private static void requireAsset(String asset, String field) {
        if (asset == null || !ASSET.matcher(asset).matches())
            throw new IllegalArgumentException(field + " '" + asset + "' must match " + ASSET.pattern());
    }

    private static void requireScale(int scale, String field) {
        if (scale < 0 || scale > SCALE_MAX)
            throw new IllegalArgumentException(field + " must be 0.." + SCALE_MAX + ", was " + scale);
    }

    /** The UTC calendar days the window touches, first to last. */
    public List<LocalDate> days() {
        LocalDate first = LocalDate.ofInstant(windowStart, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(windowEnd.minusSeconds(1), ZoneOffset.UTC);
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) out.add(d);
        return out;
    }

    /** The part of day {@code day} inside the window, or empty when the window does not touch it. */
    public Optional<CoveredDay> covered(LocalDate day) {
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant start = dayStart.isBefore(windowStart) ? windowStart : dayStart;
        Instant end = dayEnd.isAfter(windowEnd) ? windowEnd : dayEnd;
        return start.isBefore(end) ? Optional.of(new CoveredDay(day, start, end)) : Optional.empty();
    }

    /** True when the account registered inside the window (and so is a new user). */
    public boolean registeredInside(long registeredAtMs) {
        return registeredAtMs >= windowStart.toEpochMilli() && registeredAtMs < windowEnd.toEpochMilli();
    }

    /**
     * What differs between this definition and {@code other}, one line per field ("tiers[1].apr:
     * 0.08 here, 0.09 there"); empty when they are the same definition.
     */
    public List<String> differences(Campaign other) {
        List<String> out = new ArrayList<>();
        diff(out, "id", id, other.id);
        diff(out, "asset", asset, other.asset);
        diff(out, "scale", scale, other.scale);
        diff(out, "window.start", windowStart, other.windowStart);
        diff(out, "window.end", windowEnd, other.windowEnd);
        diff(out, "basis", basis.wireName(), other.basis.wireName());
        diff(out, "snapshots", snapshots, other.snapshots);
        diff(out, "dayCount", dayCount, other.dayCount);
        int n = Math.max(tiers.size(), other.tiers.size());
        for (int i = 0; i < n; i++) {
            Tier a = i < tiers.size() ? tiers.get(i) : null;
            Tier b = i < other.tiers.size() ? other.tiers.get(i) : null;
            if (a == null || b == null) {
                out.add("tiers[" + i + "]: " + (a == null ? "absent" : "present") + " in the stored definition, "
                        + (b == null ? "absent" : "present") + " in this one");
                continue;
            }
            diff(out, "tiers[" + i + "].upTo (minor units)", a.upToMinor(), b.upToMinor());
            if (a.apr().compareTo(b.apr()) != 0)
                out.add("tiers[" + i + "].apr: " + a.apr().toPlainString() + " stored, "
                        + b.apr().toPlainString() + " given");
        }
        if ((bonus == null) != (other.bonus == null)) {
            out.add("newUsers: " + (bonus == null ? "absent" : "present") + " stored, "
                    + (other.bonus == null ? "absent" : "present") + " given");
        } else if (bonus != null) {
            diff(out, "newUsers.bonus.asset", bonus.asset(), other.bonus.asset());
            diff(out, "newUsers.bonus.scale", bonus.scale(), other.bonus.scale());
            diff(out, "newUsers.bonus.amount (minor units)", bonus.amountMinor(), other.bonus.amountMinor());
            diff(out, "newUsers.bonus.pool (minor units)", bonus.poolMinor(), other.bonus.poolMinor());
            diff(out, "newUsers.minBasis (minor units)", bonus.minBasisMinor(), other.bonus.minBasisMinor());
        }
        diff(out, "pool.cap (minor units)", poolCapMinor, other.poolCapMinor);
        return out;
    }

    private static void diff(List<String> out, String field, Object stored, Object given) {
        if (!Objects.equals(stored, given)) out.add(field + ": " + stored + " stored, " + given + " given");
    }
}
