package io.redline.audit;

/**
 * The outcome of walking (part of) the chain: intact, or broken at the first entry that fails.
 * The CLI exits non-zero on {@link Broken}; an HTTP endpoint returns it as it is.
 */
public sealed interface VerifyResult {

    /** First and last seq the walk covered (after clamping to the purge horizon and the head). */
    long fromSeq();

    long toSeq();

    long entriesChecked();

    default boolean ok() {
        return this instanceof Intact;
    }

    /** One line for a person (CLI output, logs). */
    default String summary() {
        return switch (this) {
            case Intact i
            when i.chains() > 1 ->
                "audit chains intact: " + i.chains() + " chains verified (" + i.entriesChecked()
                        + " entries checked); chain 0 ends at " + i.toSeq() + " with hash " + i.lastHash();
            case Intact i ->
                i.entriesChecked() == 0
                        ? "audit chain intact: no entries in range"
                        : "audit chain intact: entries " + i.fromSeq() + ".." + i.toSeq() + " verified ("
                                + i.entriesChecked() + " checked), hash at " + i.toSeq() + " is " + i.lastHash();
            case Broken b -> "audit chain BROKEN at entry " + b.seq() + " (" + b.reason() + "): " + b.message();
        };
    }

    /**
     * Every entry in {@code fromSeq..toSeq} recomputes and links; {@code lastHash} is the hash at
     * {@code toSeq}. When the walk covered several chains ({@code chains > 1}), {@code fromSeq..toSeq}
     * and {@code lastHash} are the first chain's (chain 0's when it was in range) and
     * {@code entriesChecked} counts every chain's entries.
     */
    record Intact(long fromSeq, long toSeq, long entriesChecked, String lastHash, int chains) implements VerifyResult {
        public Intact(long fromSeq, long toSeq, long entriesChecked, String lastHash) {
            this(fromSeq, toSeq, entriesChecked, lastHash, 1);
        }
    }

    /**
     * The first entry that fails, why, and a sentence for a human. {@code toSeq} is the last seq
     * examined.
     */
    record Broken(long fromSeq, long toSeq, long entriesChecked, long seq, Reason reason, String message)
            implements VerifyResult {}

    /** Why an entry fails verification (docs/audit.md explains each). */
    enum Reason {
        /** The entry's stored hash does not match its recomputed content: a field was edited. */
        CONTENT_EDITED,
        /** A seq is missing: the entry was deleted (or entries were cut off the end). */
        ENTRY_MISSING,
        /** An entry that the chain does not account for: forged in the middle, or written past the head. */
        ENTRY_INSERTED,
        /** The entry belongs after a later entry: rows were swapped. */
        REORDERED,
        /** The entry does not link to its predecessor and no more specific cause was recognised. */
        CHAIN_BROKEN,
        /** The newest entry differs from the recorded chain head. */
        HEAD_MISMATCH,
        /** The entry no longer has the hash an anchor recorded: history was rewritten. */
        ANCHOR_MISMATCH,
        /** The anchor's entry was removed by retention, so it can no longer be checked. */
        ANCHOR_PURGED
    }
}
