package io.redline.server.console;

import io.redline.identity.Principal;
import io.redline.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * What every console template receives: the language, who is signed in, the form token, the
 * current path and a flash message. Templates only read it; every value they print goes through
 * jte's HTML escaping.
 */
public final class View {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Messages messages;
    private final Principal who;
    private final String csrf;
    private final String path;
    private final String flash;
    private final Function<String, String> actorNames;

    View(
            Messages messages,
            Principal who,
            String csrf,
            String path,
            String flash,
            Function<String, String> actorNames) {
        this.messages = messages;
        this.who = who;
        this.csrf = csrf;
        this.path = path;
        this.flash = flash;
        this.actorNames = actorNames;
    }

    /** The name people know an actor by (a console user's name, a token's name) for an audit actor id. */
    public String actor(String actorId) {
        return actorId == null ? "—" : actorNames.apply(actorId);
    }

    /** The text for a message key, formatted with {@link java.text.MessageFormat} arguments. */
    public String t(String key, Object... args) {
        return messages.get(key, args);
    }

    /** {@code prefix + code} when a translation exists, else the code itself (reason codes, categories). */
    public String code(String prefix, String code) {
        if (code == null) return "";
        return messages.has(prefix + code) ? messages.get(prefix + code) : code;
    }

    public String lang() {
        return messages.lang();
    }

    public String otherLang() {
        return lang().equals("zh") ? "en" : "zh";
    }

    public Principal who() {
        return who;
    }

    public boolean signedIn() {
        return who != null;
    }

    /** Whether the signed-in principal has one of the roles. */
    public boolean is(Role... roles) {
        return who != null && Arrays.asList(roles).contains(who.role());
    }

    public boolean reviewer() {
        return is(Role.REVIEWER, Role.ADMIN);
    }

    public boolean staff() {
        return who != null && who.role() != Role.CREATOR && who.role() != Role.SERVICE;
    }

    public String csrf() {
        return csrf;
    }

    public String path() {
        return path;
    }

    /** A message key under {@code flash.}, or null. */
    public String flash() {
        return flash;
    }

    public String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    /** A duration for people: "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
    public String age(long ms) {
        Duration d = Duration.ofMillis(Math.max(0, ms));
        if (d.toMinutes() < 1) return d.toSeconds() + " s";
        if (d.toHours() < 1) return d.toMinutes() + " min";
        if (d.toDays() < 1) return d.toHours() + " h " + d.toMinutesPart() + " min";
        return d.toDays() + " d " + d.toHoursPart() + " h";
    }

    public boolean overdue(Instant deadline) {
        return deadline != null && deadline.isBefore(Instant.now());
    }

    /** At most {@code max} characters (code points, never half a surrogate pair), with an ellipsis when cut. */
    public String excerpt(String s, int max) {
        if (s == null) return "";
        if (s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, max)) + "…";
    }

    public String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
