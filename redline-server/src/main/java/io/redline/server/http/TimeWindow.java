package io.redline.server.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads "since"/"until" arguments: an ISO instant, or a span back from now such as 7d, 12h, 30m. */
public final class TimeWindow {
    private TimeWindow() {}

    public static Instant parse(String value, Instant now, String name) {
        String v = value.trim();
        if (v.matches("\\d{1,5}[dhm]")) {
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            Duration span = switch (v.charAt(v.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
            return now.minus(span);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name
                    + " must be an instant such as 2026-11-01T00:00:00Z or a span back from now such as 7d, 12h or 30m; was '"
                    + value + "'");
        }
    }
}
