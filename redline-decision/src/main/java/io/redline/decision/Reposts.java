package io.redline.decision;

import io.redline.intake.Content;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The policy's {@code suspectedRepost} fact: a new item that nearly copies an earlier item by
 * another author. Copies belong to the rights capability (its in-memory index and its
 * {@code rights_copies} table), which the server wires in, so decision declares this port and the
 * arrow stays one way — like {@link OpenReports}.
 */
public interface Reposts {
    /** A content linked as a near-copy of an earlier item ({@code originalId}) by another author. */
    record Repost(long contentId, String originalId, double similarity) {}

    /** Records what was found, inside the transaction that stores the first decisions. */
    @FunctionalInterface
    interface Recorder {
        /** @param stored the items whose first decision this transaction stores (a lost race stores none) */
        void record(Handle h, Set<Long> stored);
    }

    /**
     * What a first decision learns about new items: their suspected reposts, and the work that
     * records them (links, index entries), run inside the decision's own transaction.
     */
    record Found(Map<Long, Repost> reposts, Recorder recorder) {
        public Found {
            reposts = Map.copyOf(reposts);
        }

        public static final Found NONE = new Found(Map.of(), (h, stored) -> {});
    }

    /**
     * Looks new items up among earlier ones. CPU work: it runs where screening runs (the
     * screening pool for {@code ?wait=true}, the worker's thread otherwise), never on a request
     * thread. Writes nothing itself.
     */
    Found find(List<Content> items);

    /** The links already recorded, for replays (rescreen, backtest): content id → repost. */
    Map<Long, Repost> linked(Collection<Long> contentIds);

    /** No rights capability wired: nothing is a suspected repost. */
    Reposts NONE = new Reposts() {
        @Override
        public Found find(List<Content> items) {
            return Found.NONE;
        }

        @Override
        public Map<Long, Repost> linked(Collection<Long> contentIds) {
            return Map.of();
        }
    };
}
