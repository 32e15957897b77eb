package io.redline.audit;

/**
 * An event as recorded in the chain: its position ({@code seq}, 1, 2, 3, … without gaps), the
 * hash of the entry before it and its own hash (see {@link HashChain}).
 */
public record AuditEntry(long seq, AuditEvent event, String prevHash, String hash) {

    /** The canonical content the hash covers. */
    public String contentJson() {
        return contentJson(seq, event);
    }

    /** The canonical content of {@code event} stored at {@code seq}: what an append hashes. */
    static String contentJson(long seq, AuditEvent event) {
        return HashChain.contentJson(
                seq,
                event.occurredAt().toEpochMilli(),
                event.actor().id(),
                event.actor().role(),
                event.action(),
                event.target().type(),
                event.target().id(),
                event.detailsJson());
    }

    /** The entry as one canonical JSON line of an export (without the trailing newline). */
    public String jsonLine() {
        return HashChain.entryLine(
                seq,
                event.occurredAt().toEpochMilli(),
                event.actor().id(),
                event.actor().role(),
                event.action(),
                event.target().type(),
                event.target().id(),
                event.detailsJson(),
                prevHash,
                hash);
    }
}
