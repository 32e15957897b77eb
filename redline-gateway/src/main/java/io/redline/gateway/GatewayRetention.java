package io.redline.gateway;

import io.redline.store.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's own retention ({@link GatewayConfig.Retention}), one bounded step at a time (the
 * server runs it on a background loop): the full texts of exchanges older than {@code textDays}
 * are reduced to their hashes, then exchange rows older than {@code logDays} are deleted. Each
 * step reads only rows it has to handle (a partial index on texts still kept; the primary key
 * for old rows), so its cost follows what expired, not the size of the history.
 */
public final class GatewayRetention {
    /** Exchanges handled per step, each kind. */
    public static final int BATCH_MAX = 500;

    private final ExchangeLog log;
    private final GatewayRecords records;
    private final GatewayConfig.Retention retention;
    private final Clock clock;

    public GatewayRetention(ExchangeLog log, GatewayRecords records, GatewayConfig.Retention retention, Clock clock) {
        this.log = log;
        this.records = records;
        this.retention = retention;
        this.clock = clock;
    }

    /** One step; returns how many exchanges it handled (at least {@link #BATCH_MAX} means more is due). */
    public int step() {
        Instant now = clock.instant();
        List<ExchangeLog.TextsDue> due = log.textsDue(idsBefore(now, retention.textDays()), BATCH_MAX);
        if (!due.isEmpty()) {
            List<Long> contents = new ArrayList<>(due.size() * 2);
            List<Long> exchanges = new ArrayList<>(due.size());
            for (ExchangeLog.TextsDue d : due) {
                if (d.promptContentId() != null) contents.add(d.promptContentId());
                if (d.outputContentId() != null) contents.add(d.outputContentId());
                exchanges.add(d.exchangeId());
            }
            // Texts first, then the mark: a crash between them repeats an idempotent reduction, never skips one.
            records.expireTexts(contents);
            log.textsExpired(exchanges, now);
        }
        int purged = records.purgeLog(idsBefore(now, retention.logDays()), BATCH_MAX);
        return Math.max(due.size(), purged);
    }

    private static long idsBefore(Instant now, int days) {
        return Ids.lowestAt(now.minus(Duration.ofDays(days)).toEpochMilli());
    }
}
