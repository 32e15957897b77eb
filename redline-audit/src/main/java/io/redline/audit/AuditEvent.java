package io.redline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.vocabulary.Actor;
import io.redline.vocabulary.LowerName;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened and must be accountable: who ({@link Actor}, built in one place: {@link Actor#of}) did what ({@code action})
 * to which object ({@link Target}), when, with the relevant facts ({@code details}, e.g.
 * {@code before}/{@code after} for a change).
 *
 * <p>Validated on construction so a bad event fails at the call site, not inside the append
 * transaction. {@code occurredAt} is truncated to milliseconds (the precision stored and hashed);
 * {@code details} is normalised to an immutable, key-sorted tree (see {@link CanonicalJson}) and
 * must serialise to at most {@link #DETAILS_BYTES_MAX} bytes.
 *
 * <p>A class rather than a record only to keep that canonical text: it is needed for the size
 * check, the entry's hash and the stored row, and writing it three times was a fifth of the
 * group-commit writer's samples (docs/benchmarks.md, session 9). Equality is still by the five
 * values, as a record's.
 *
 * @param action    dotted, lower-case verb phrase: {@code token.create}, {@code content.decide},
 *                  {@code policy.activate}; format {@code [a-z]+(\.[a-z_]+)+}
 * @param details   JSON-like facts: String, Boolean, integers, Map, List, Jackson nodes
 */
public final class AuditEvent {
    public static final int DETAILS_BYTES_MAX = 64 * 1024;
    public static final int ACTION_LENGTH_MAX = 100;
    public static final int ID_LENGTH_MAX = 200;

    /**
     * What was acted on.
     *
     * @param type kind of object ({@code token}, {@code content}, {@code policy})
     * @param id   its id as text
     */
    public record Target(String type, String id) {
        public Target {
            requireName(type, "target.type");
            requireId(id, "target.id");
        }
    }

    private final Actor actor;
    private final String action;
    private final Target target;
    private final Instant occurredAt;
    private final Map<String, Object> details;
    private final String detailsJson;

    public AuditEvent(Actor actor, String action, Target target, Instant occurredAt, Map<String, Object> details) {
        Objects.requireNonNull(actor, "actor");
        requireId(actor.id(), "actor.id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(action, "action");
        if (action.length() > ACTION_LENGTH_MAX || !LowerName.isAction(action)) {
            throw new IllegalArgumentException(
                    "action '" + action + "' must look like 'token.create' ([a-z]+(.[a-z_]+)+, at most "
                            + ACTION_LENGTH_MAX + " characters)");
        }
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
        if (occurredAt.toEpochMilli() < 0) {
            throw new IllegalArgumentException("occurredAt must not be before 1970-01-01T00:00:00Z: " + occurredAt);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> normalized = (Map<String, Object>) CanonicalJson.normalize(
                Objects.requireNonNull(details, "details (use Map.of() for none)"), "details", 0);
        String json = detailsJson(normalized);
        int bytes = CanonicalJson.utf8Length(json);
        if (bytes > DETAILS_BYTES_MAX) {
            throw new IllegalArgumentException("details serialise to " + bytes + " bytes, over the limit of "
                    + DETAILS_BYTES_MAX + "; log identifiers and digests instead of whole documents");
        }
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.occurredAt = occurredAt;
        this.details = normalized;
        this.detailsJson = json;
    }

    /** Same, with details given as a Jackson object node (as parsed from a request body). */
    public AuditEvent(Actor actor, String action, Target target, Instant occurredAt, JsonNode details) {
        this(actor, action, target, occurredAt, objectDetails(details));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectDetails(JsonNode details) {
        if (details == null || !details.isObject()) {
            throw new IllegalArgumentException(
                    "details must be a JSON object, was " + (details == null ? "null" : details.getNodeType()));
        }
        return (Map<String, Object>) CanonicalJson.normalize(details, "details", 0);
    }

    /** An event that happens now. */
    public static AuditEvent now(Actor actor, String action, Target target, Map<String, Object> details) {
        return new AuditEvent(actor, action, target, Instant.now(), details);
    }

    public Actor actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public Target target() {
        return target;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The canonical JSON text of {@link #details()}, exactly as hashed and stored. */
    public String detailsJson() {
        return detailsJson;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditEvent e
                && actor.equals(e.actor)
                && action.equals(e.action)
                && target.equals(e.target)
                && occurredAt.equals(e.occurredAt)
                && details.equals(e.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actor, action, target, occurredAt, details);
    }

    @Override
    public String toString() {
        return "AuditEvent[actor=" + actor + ", action=" + action + ", target=" + target + ", occurredAt=" + occurredAt
                + ", details=" + detailsJson + "]";
    }

    private static String detailsJson(Map<String, Object> normalized) {
        StringBuilder out = new StringBuilder(64);
        CanonicalJson.appendNormalized(out, normalized);
        return out.toString();
    }

    private static void requireId(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > ID_LENGTH_MAX) {
            throw new IllegalArgumentException(field + " must be 1.." + ID_LENGTH_MAX + " characters and not blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters (index " + i + ")");
            }
        }
        CanonicalJson.checkedString(value, field);
    }

    private static void requireName(String value, String field) {
        Objects.requireNonNull(value, field);
        if (!LowerName.isName(value)) {
            throw new IllegalArgumentException(
                    field + " '" + value + "' must be lower-case [a-z][a-z0-9_]*, at most 32 characters");
        }
    }
}
