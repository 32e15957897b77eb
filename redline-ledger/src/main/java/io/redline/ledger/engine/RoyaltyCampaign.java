package io.redline.ledger.engine;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * A royalty campaign: every UTC day of its window, a fixed pool ({@code dailyPoolMinor} of
 * {@code asset}) is split among creators in proportion to the usage credits their items earned
 * that day, by largest remainder, so the parts sum exactly to the pool. A day on which no creator
 * earned a credit pays nothing and the day's pool stays in the campaign's pool account.
 *
 * <p>The window covers whole UTC days (start and end at 00:00): a royalty day is a day of usage,
 * and a part of a day would need a rule for which credits count.
 *
 * @param credits the name of the usage-credit source the server resolves ({@code imported}: the
 *                usage-credits CSV); part of the definition, so a campaign never silently changes
 *                where its weights come from
 */
public record RoyaltyCampaign(
        String id,
        String asset,
        int scale,
        Instant windowStart,
        Instant windowEnd,
        BigInteger dailyPoolMinor,
        String credits) {
    public static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public RoyaltyCampaign {
        if (id == null || !Campaign.ID.matcher(id).matches())
            throw new IllegalArgumentException("id '" + id + "' must match " + Campaign.ID.pattern());
        if (asset == null || !Campaign.ASSET.matcher(asset).matches())
            throw new IllegalArgumentException("asset '" + asset + "' must match " + Campaign.ASSET.pattern());
        if (scale < 0 || scale > Campaign.SCALE_MAX)
            throw new IllegalArgumentException("scale must be 0.." + Campaign.SCALE_MAX + ", was " + scale);
        Objects.requireNonNull(windowStart, "window.start");
        Objects.requireNonNull(windowEnd, "window.end");
        if (!midnight(windowStart) || !midnight(windowEnd))
            throw new IllegalArgumentException("a royalty window covers whole UTC days: start and end at 00:00:00Z");
        if (!windowStart.isBefore(windowEnd))
            throw new IllegalArgumentException(
                    "window.start " + windowStart + " must be before window.end " + windowEnd);
        long days = (windowEnd.getEpochSecond() - windowStart.getEpochSecond()) / 86_400;
        if (days > Campaign.DAYS_MAX)
            throw new IllegalArgumentException("window is longer than " + Campaign.DAYS_MAX + " days");
        Objects.requireNonNull(dailyPoolMinor, "dailyPool");
        if (dailyPoolMinor.signum() <= 0) throw new IllegalArgumentException("dailyPool must be positive");
        if (dailyPoolMinor.multiply(BigInteger.valueOf(days)).bitLength() > 62)
            throw new IllegalArgumentException("dailyPool × days is too large for a 64-bit minor-unit amount");
        if (credits == null || !SOURCE.matcher(credits).matches())
            throw new IllegalArgumentException(
                    "credits '" + credits + "' must name a usage-credit source like imported");
    }

    private static boolean midnight(Instant t) {
        return t.getEpochSecond() % 86_400 == 0 && t.getNano() == 0;
    }

    /** The UTC days of the window, first to last. */
    public List<LocalDate> days() {
        List<LocalDate> out = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(windowEnd, ZoneOffset.UTC);
        for (LocalDate d = LocalDate.ofInstant(windowStart, ZoneOffset.UTC); d.isBefore(last); d = d.plusDays(1))
            out.add(d);
        return out;
    }

    /** What the pool account is funded with: every day's pool. */
    public BigInteger poolCapMinor() {
        return dailyPoolMinor.multiply(BigInteger.valueOf(days().size()));
    }

    /** When day {@code day} ends (it settles after that). */
    public static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The day's payouts: the daily pool split by the creators' credits (largest remainder, creators
     * in the map's order, which breaks ties), one payout per creator with a part above 0.
     */
    public List<Payout> payouts(LocalDate day, SortedMap<String, Long> creditsByCreator) {
        String[] creators = new String[creditsByCreator.size()];
        long[] weights = new long[creators.length];
        int i = 0;
        for (Map.Entry<String, Long> e : creditsByCreator.entrySet()) {
            creators[i] = e.getKey();
            weights[i] = e.getValue();
            i++;
        }
        long[] parts = LargestRemainder.split(dailyPoolMinor.longValueExact(), weights);
        List<Payout> out = new ArrayList<>();
        for (int k = 0; k < parts.length; k++) {
            if (parts[k] > 0) out.add(new Payout(day, creators[k], Leg.ROYALTY, asset, parts[k]));
        }
        return out;
    }

    /** What differs from {@code other}, one line per field; empty when it is the same definition. */
    public List<String> differences(RoyaltyCampaign other) {
        List<String> out = new ArrayList<>();
        diff(out, "asset", asset, other.asset);
        diff(out, "scale", scale, other.scale);
        diff(out, "window.start", windowStart, other.windowStart);
        diff(out, "window.end", windowEnd, other.windowEnd);
        diff(out, "dailyPool (minor units)", dailyPoolMinor, other.dailyPoolMinor);
        diff(out, "credits", credits, other.credits);
        return out;
    }

    private static void diff(List<String> out, String field, Object stored, Object given) {
        if (!Objects.equals(stored, given)) out.add(field + ": " + stored + " stored, " + given + " given");
    }
}
