package io.redline.rights.copies;

import io.redline.identity.Principal;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.consent.CopyLink;
import io.redline.rights.image.ImageHash;
import io.redline.rights.image.ImageIndex;
import io.redline.rights.image.Pdq;
import io.redline.rights.text.CopyIndex;
import io.redline.rights.text.CopyMatch;
import io.redline.rights.text.CopyParams;
import io.redline.rights.text.MinHash;
import io.redline.rights.text.Shingles;
import io.redline.store.AfterCommit;
import io.redline.store.BulkInsert;
import io.redline.store.Database;
import io.redline.store.Ids;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Copies at intake: looks each newly accepted item up in the in-memory copy indexes (text MinHash
 * LSH, image PDQ), links a near-copy of an earlier item by another author through
 * {@link ConsentRegistry#linkCopy} (so it inherits the original's consent), and keeps what the
 * indexes hold in {@code rights_text_signatures} and {@code rights_image_hashes}, so a restart
 * rebuilds them by reading rows ({@link #rebuild}) instead of re-hashing every note.
 *
 * <p>Two steps, because the lookup is CPU work and the link must commit with the item's first
 * decision: {@link #lookUp} (no I/O; the caller runs it on a bounded pool) and {@link #record}
 * (inside the caller's transaction; the indexes take the items only after that transaction
 * commits, so a rolled-back item is never anyone's "original").
 *
 * <p>The rule, as {@code CopyDetector}'s: the most similar earlier item whose author differs from
 * this one's and which is not itself a copy of this author's work. Text is tried first; an item
 * without a text match is linked through its pictures. Two concurrent posts of the same new text by two authors both stay unlinked: each was looked
 * up before the other committed (documented, rare, and a later repost of either still links).
 */
public final class CopyRegister {
    /** Who links copies in the audit log. */
    static final Principal LINKER = Principal.system("rights-copies");
    /**
     * Distinct 3-character shingles a text needs before it is indexed or linked by text: about a
     * dozen characters. Below that, two authors writing "好看！求链接" or "so cute" is coincidence,
     * not a repost, and linking it would send ordinary short notes to review.
     */
    public static final int TEXT_SHINGLES_MIN = 10;
    /** Rows read per round trip when rebuilding. */
    private static final int FETCH_SIZE = 10_000;

    private final Database db;
    private final ConsentRegistry consent;
    private final Clock clock;
    private final CopyIndex text;
    private final Shingles shingles = new Shingles(CopyParams.DEFAULT.shingleChars());
    private final MinHash minHash = new MinHash(CopyParams.DEFAULT.hashes());
    private final ImageIndex images = new ImageIndex();
    /** For items linked as copies: the author of the work they ultimately copy (copies only, so small). */
    private final Map<String, String> rootAuthors = new ConcurrentHashMap<>();

    /**
     * How far below the newest row it read a catch-up re-reads, every {@link #CATCH_UP_RESCAN_MS}:
     * an item's id is minted before its transaction commits, so a row with a smaller id can appear
     * after a larger one was read. Far longer than a decision transaction stays open.
     */
    static final long CATCH_UP_LAG_MS = 10_000;

    static final long CATCH_UP_RESCAN_MS = 5_000;
    /** Rows per catch-up query, and queries per {@link #catchUp} call: at most 10,000 rows a call. */
    static final int CATCH_UP_PAGE = 500;

    static final int CATCH_UP_PAGES_MAX = 20;

    private final Object catchUpLock = new Object();
    /**
     * Whether other processes store rows in this database too ({@link #openShared}): only then
     * does {@link #catchUp} run, and only then are the rows below remembered. A server alone on its
     * database skips both: it would otherwise add every item to sets nothing prunes.
     */
    private final boolean shared;
    // Shared only: rows already in the indexes whose ids a catch-up may still read (minted within
    // two lags): items this process indexed itself, rebuilt, or caught up. Pruned below that, so
    // about 20 s of the stream's items. Text rows by item id, picture rows as "itemId/index".
    private final Set<Long> textKnown = ConcurrentHashMap.newKeySet();
    private final Set<String> picturesKnown = ConcurrentHashMap.newKeySet();
    private long textCaughtUpTo; // guarded by catchUpLock: the highest text row id read
    private long picturesCaughtUpTo; // guarded by catchUpLock
    private long rescanAtMs; // guarded by catchUpLock

    private CopyRegister(Database db, ConsentRegistry consent, Clock clock, int capacityHint, boolean shared) {
        this.db = db;
        this.shared = shared;
        this.consent = consent;
        this.clock = clock;
        this.text = new CopyIndex(CopyParams.DEFAULT, capacityHint);
    }

    /**
     * The register of the only process that stores copy rows in {@code db} (the server): migrates
     * the rights tables; the indexes start empty until {@link #rebuild}. It cannot {@link #catchUp}.
     */
    public static CopyRegister open(Database db, ConsentRegistry consent, Clock clock, int capacityHint) {
        db.migrate(ConsentRegistry.CAPABILITY);
        return new CopyRegister(db, consent, clock, capacityHint, false);
    }

    /**
     * The register of one of several processes storing copy rows in {@code db} (Kafka workers):
     * as {@link #open}, and it remembers the rows of the last few seconds so that {@link #catchUp}
     * can take in the other processes' rows without taking its own twice.
     */
    public static CopyRegister openShared(Database db, ConsentRegistry consent, Clock clock, int capacityHint) {
        db.migrate(ConsentRegistry.CAPABILITY);
        return new CopyRegister(db, consent, clock, capacityHint, true);
    }

    /** A picture as the image engine hashes it: references to store, dihedral variants to look up. */
    public record Picture(ImageHash[] references, ImageHash[] variants) {
        public Picture {
            Objects.requireNonNull(references);
            Objects.requireNonNull(variants);
        }
    }

    /** A newly accepted item. */
    public record Item(long id, String authorId, String text, List<Picture> pictures) {
        public Item {
            Objects.requireNonNull(authorId);
            text = text == null ? "" : text;
            pictures = List.copyOf(pictures);
        }
    }

    /** An item's best original: by text or by picture. */
    public record Found(long itemId, CopyMatch original, String by) {}

    /** What {@link #lookUp} learned, to hand to {@link #record}. */
    public static final class Lookup {
        private final List<Item> items;
        private final List<char[]> signatures;
        private final Map<Long, Found> found;

        private Lookup(List<Item> items, List<char[]> signatures, Map<Long, Found> found) {
            this.items = items;
            this.signatures = signatures;
            this.found = found;
        }

        /** Item id → its original, for the items that copy one. */
        public Map<Long, Found> found() {
            return found;
        }
    }

    /**
     * Looks the items up (CPU only: shingles, MinHash, LSH walk, PDQ scan); stores nothing. Items
     * are taken in order, so a later item of the batch can copy an earlier one (the worker decides
     * up to 500 items at a time); that check is a plain comparison, bounded by the batch size.
     */
    public Lookup lookUp(List<Item> items) {
        return lookUp(items, false);
    }

    /**
     * As {@link #lookUp}, for items stored before copy detection ran ({@link Backfill}): only items
     * with a lower id count as originals, since the index also holds items that arrived later.
     */
    Lookup lookUpAmongEarlier(List<Item> items) {
        return lookUp(items, true);
    }

    private Lookup lookUp(List<Item> items, boolean earlierOnly) {
        List<char[]> signatures = new ArrayList<>(items.size());
        Map<Long, Found> found = new HashMap<>();
        Map<String, String> batchRoots = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            long[] set = shingles.of(item.text());
            char[] signature = set.length < TEXT_SHINGLES_MIN ? null : minHash.signature(set);
            signatures.add(signature);
            CopyMatch byText = null;
            if (signature != null) {
                byText = best(text.lookup(signature, item.authorId()), item.authorId(), before(item, earlierOnly))
                        .orElse(null);
                for (int j = 0; j < i; j++) {
                    Item earlier = items.get(j);
                    char[] other = signatures.get(j);
                    if (other == null || earlier.authorId().equals(item.authorId())) continue;
                    double similarity = MinHash.similarity(signature, other);
                    String id = Long.toString(earlier.id());
                    if (similarity >= CopyParams.DEFAULT.threshold()
                            && !item.authorId().equals(batchRoots.getOrDefault(id, earlier.authorId()))
                            && (byText == null || similarity > byText.similarity())) {
                        byText = new CopyMatch(id, earlier.authorId(), similarity);
                    }
                }
            }
            Found f = null;
            if (byText != null) {
                f = new Found(item.id(), byText, "text");
            } else {
                CopyMatch bestPicture = null;
                for (Picture p : item.pictures()) {
                    Optional<CopyMatch> m = best(
                            images.lookup(p.variants(), item.authorId()), item.authorId(), before(item, earlierOnly));
                    if (m.isPresent() && (bestPicture == null || m.get().similarity() > bestPicture.similarity()))
                        bestPicture = m.get();
                    for (int j = 0; j < i; j++) {
                        Item earlier = items.get(j);
                        if (earlier.authorId().equals(item.authorId())) continue;
                        for (Picture q : earlier.pictures()) {
                            int d = closest(p.variants(), q.references());
                            double similarity = 1 - d / 256.0;
                            String id = Long.toString(earlier.id());
                            if (d <= ImageIndex.PDQ_DISTANCE_MAX
                                    && !item.authorId().equals(batchRoots.getOrDefault(id, earlier.authorId()))
                                    && (bestPicture == null || similarity > bestPicture.similarity()))
                                bestPicture = new CopyMatch(id, earlier.authorId(), similarity);
                        }
                    }
                }
                if (bestPicture != null) f = new Found(item.id(), bestPicture, "image");
            }
            if (f != null) {
                found.put(item.id(), f);
                String origin = f.original().id();
                batchRoots.put(
                        Long.toString(item.id()),
                        batchRoots.getOrDefault(
                                origin,
                                rootAuthors.getOrDefault(origin, f.original().author())));
            }
        }
        return new Lookup(List.copyOf(items), signatures, Map.copyOf(found));
    }

    /** The least PDQ distance between any query variant and any reference (featureless pictures: never close). */
    private static int closest(ImageHash[] variants, ImageHash[] references) {
        if (variants.length == 0 || references.length == 0) return Integer.MAX_VALUE;
        if (variants[0].quality() < Pdq.QUALITY_MIN || references[0].quality() < Pdq.QUALITY_MIN)
            return Integer.MAX_VALUE;
        int best = Integer.MAX_VALUE;
        for (ImageHash v : variants) for (ImageHash r : references) best = Math.min(best, v.pdqDistance(r));
        return best;
    }

    /** Originals must have an id below this (Long.MAX_VALUE: any indexed item, as at intake). */
    private static long before(Item item, boolean earlierOnly) {
        return earlierOnly ? item.id() : Long.MAX_VALUE;
    }

    private Optional<CopyMatch> best(List<CopyMatch> matches, String author, long beforeId) {
        for (CopyMatch m : matches) {
            if (beforeId != Long.MAX_VALUE && Long.parseLong(m.id()) >= beforeId) continue;
            if (!author.equals(rootAuthors.getOrDefault(m.id(), m.author()))) return Optional.of(m);
        }
        return Optional.empty();
    }

    // Every decided note stores its signature on the group-commit writer: plain JDBC, one statement
    // per group on PostgreSQL (HotStatements, BulkInsert).
    private static final BulkInsert INSERT_PICTURE = BulkInsert.into(
            "rights_image_hashes",
            "item_id, image_index",
            "item_id int8",
            "image_index int4",
            "author_id text",
            "hashes text");
    private static final BulkInsert INSERT_SIGNATURE =
            BulkInsert.into("rights_text_signatures", "item_id", "item_id int8", "author_id text", "signature text");

    /**
     * Stores what the lookup found for the items whose first decision this transaction stores:
     * their index rows and copy links (audited, {@code rights.copy.link}). The indexes take the
     * items after the commit.
     */
    public void record(Handle h, Lookup lookup, Set<Long> stored) {
        Instant now = clock.instant();
        List<Runnable> afterCommit = new ArrayList<>();
        for (int i = 0; i < lookup.items.size(); i++) {
            Item item = lookup.items.get(i);
            if (!stored.contains(item.id())) continue;
            String id = Long.toString(item.id());
            char[] signature = lookup.signatures.get(i);
            if (signature != null) {
                INSERT_SIGNATURE.insert(h, item.id(), item.authorId(), encode(signature));
            }
            for (int k = 0; k < item.pictures().size(); k++) {
                INSERT_PICTURE.insert(
                        h,
                        item.id(),
                        k,
                        item.authorId(),
                        encode(item.pictures().get(k).references()));
            }
            Found f = lookup.found.get(item.id());
            if (f != null) {
                consent.linkCopy(
                        h,
                        LINKER,
                        new CopyLink(
                                id,
                                item.authorId(),
                                f.original().id(),
                                f.original().author(),
                                f.original().similarity(),
                                now));
            }
            afterCommit.add(() -> index(id, item, signature, f));
        }
        if (!afterCommit.isEmpty()) AfterCommit.run(h, () -> afterCommit.forEach(Runnable::run));
    }

    private void index(String id, Item item, char[] signature, Found f) {
        if (f != null)
            rootAuthors.put(
                    id, rootAuthors.getOrDefault(f.original().id(), f.original().author()));
        if (signature != null) {
            if (shared) textKnown.add(item.id());
            text.add(id, item.authorId(), signature);
        }
        for (int k = 0; k < item.pictures().size(); k++) {
            if (shared) picturesKnown.add(item.id() + "/" + k);
            images.add(id, item.authorId(), item.pictures().get(k).references());
        }
    }

    /**
     * Takes into the indexes the items other processes stored since this register last looked:
     * with several Kafka workers on one database, each worker's indexes hold what it decided
     * itself and what was stored before it started ({@link #rebuild}); this reads the signature and
     * picture rows above the newest it has read (every {@link #CATCH_UP_RESCAN_MS}, from
     * {@link #CATCH_UP_LAG_MS} below it, for rows committed late), skipping rows it already
     * holds. A copy decided by one worker of a note another worker decided a moment earlier is
     * then linked once this ran in between. Bounded: at most {@link #CATCH_UP_PAGES_MAX} pages of
     * {@link #CATCH_UP_PAGE} rows a call; the rest is read by the next call. Returns the rows added.
     */
    public int catchUp() {
        if (!shared) {
            throw new IllegalStateException(
                    "this copy register is alone on its database (CopyRegister.open); a register that catches up on other"
                            + " processes' rows is opened with openShared");
        }
        synchronized (catchUpLock) {
            long nowMs = System.currentTimeMillis(); // the ids' own clock: an id carries the wall time it was minted
            long lagFloor = Ids.lowestAt(nowMs - CATCH_UP_LAG_MS) - 1;
            boolean rescan = nowMs >= rescanAtMs;
            if (rescan) rescanAtMs = nowMs + CATCH_UP_RESCAN_MS;
            int added = 0;
            long from = rescan ? Math.min(textCaughtUpTo, lagFloor) : textCaughtUpTo;
            for (int page = 0; page < CATCH_UP_PAGES_MAX; page++) {
                long after = from;
                List<Object[]> rows = db.jdbi()
                        .withHandle(h -> h.createQuery(
                                        "SELECT item_id, author_id, signature FROM rights_text_signatures"
                                                + " WHERE item_id > :after ORDER BY item_id LIMIT :limit")
                                .bind("after", after)
                                .bind("limit", CATCH_UP_PAGE)
                                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                                .list());
                for (Object[] r : rows) {
                    long id = (Long) r[0];
                    if (textKnown.add(id)) {
                        text.add(Long.toString(id), (String) r[1], decode((String) r[2]));
                        added++;
                    }
                }
                if (!rows.isEmpty()) from = (Long) rows.getLast()[0];
                textCaughtUpTo = Math.max(textCaughtUpTo, from);
                if (rows.size() < CATCH_UP_PAGE) break;
            }
            from = rescan ? Math.min(picturesCaughtUpTo, lagFloor) : picturesCaughtUpTo;
            for (int page = 0; page < CATCH_UP_PAGES_MAX; page++) {
                long after = from;
                List<Object[]> rows = db.jdbi()
                        .withHandle(h -> h.createQuery("SELECT item_id, image_index, author_id, hashes"
                                        + " FROM rights_image_hashes WHERE item_id > :after"
                                        + " ORDER BY item_id, image_index LIMIT :limit")
                                .bind("after", after)
                                .bind("limit", CATCH_UP_PAGE)
                                .map((rs, ctx) ->
                                        new Object[] {rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)})
                                .list());
                boolean full = rows.size() == CATCH_UP_PAGE;
                // A full page may end inside one item's pictures: that item is left to the next page
                // (an item has a handful of pictures, so a page always holds an earlier item too).
                long cut = full && (Long) rows.getFirst()[0] != (long) (Long) rows.getLast()[0]
                        ? (Long) rows.getLast()[0]
                        : Long.MAX_VALUE;
                for (Object[] r : rows) {
                    long id = (Long) r[0];
                    if (id >= cut) break;
                    if (picturesKnown.add(id + "/" + r[1])) {
                        images.add(Long.toString(id), (String) r[2], decodeHashes((String) r[3]));
                        added++;
                    }
                    from = id;
                }
                picturesCaughtUpTo = Math.max(picturesCaughtUpTo, from);
                if (!full) break;
            }
            long forget = Ids.lowestAt(nowMs - 2 * CATCH_UP_LAG_MS);
            textKnown.removeIf(id -> id < forget);
            picturesKnown.removeIf(key -> Long.parseLong(key.substring(0, key.indexOf('/'))) < forget);
            return added;
        }
    }

    /** How a rebuild went. */
    public record Rebuilt(int texts, int pictures, int links, long millis, long textIndexBytes) {}

    /**
     * Fills the empty indexes from the stored rows, oldest item first (as they were added). Reads
     * about 300 bytes a note and hashes nothing: linear in the rows, bounded by the index limits.
     */
    public Rebuilt rebuild() {
        if (text.size() > 0 || images.size() > 0) throw new IllegalStateException("rebuild fills empty indexes only");
        long t0 = System.nanoTime();
        int[] links = {0};
        consent.forEachLink(l -> {
            rootAuthors.put(l.itemId(), rootAuthors.getOrDefault(l.originalId(), l.originalAuthorId()));
            links[0]++;
        });
        int[] counts = {0, 0};
        // Rows a later catch-up may read again (see catchUp) are remembered as known.
        long recent = Ids.lowestAt(System.currentTimeMillis() - 2 * CATCH_UP_LAG_MS);
        long[] newest = {0, 0};
        db.jdbi().useHandle(h -> {
            h.createQuery("SELECT item_id, author_id, signature FROM rights_text_signatures ORDER BY item_id")
                    .setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> {
                        long id = rs.getLong(1);
                        if (shared && id >= recent) textKnown.add(id);
                        newest[0] = Math.max(newest[0], id);
                        text.add(Long.toString(id), rs.getString(2), decode(rs.getString(3)));
                        return 1;
                    })
                    .forEach(x -> counts[0]++);
            h.createQuery("SELECT item_id, image_index, author_id, hashes FROM rights_image_hashes"
                            + " ORDER BY item_id, image_index")
                    .setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> {
                        long id = rs.getLong(1);
                        if (shared && id >= recent) picturesKnown.add(id + "/" + rs.getInt(2));
                        newest[1] = Math.max(newest[1], id);
                        images.add(Long.toString(id), rs.getString(3), decodeHashes(rs.getString(4)));
                        return 1;
                    })
                    .forEach(x -> counts[1]++);
        });
        synchronized (catchUpLock) {
            textCaughtUpTo = newest[0];
            picturesCaughtUpTo = newest[1]; // an item's pictures commit together, so none of its rows can follow
        }
        return new Rebuilt(counts[0], counts[1], links[0], (System.nanoTime() - t0) / 1_000_000, text.memoryBytes());
    }

    /** Rows remembered for {@link #catchUp} (for tests: always 0 for a register {@link #open}ed alone). */
    int rowsRemembered() {
        return textKnown.size() + picturesKnown.size();
    }

    /** Items the text index holds (for metrics and tests). */
    public int textSize() {
        return text.size();
    }

    /** Pictures the image index holds. */
    public int pictureSize() {
        return images.size();
    }

    /** The consent registry links are recorded in. */
    public ConsentRegistry consent() {
        return consent;
    }

    static String encode(char[] signature) {
        ByteBuffer b = ByteBuffer.allocate(signature.length * 2);
        for (char c : signature) b.putChar(c);
        return Base64.getEncoder().withoutPadding().encodeToString(b.array());
    }

    static char[] decode(String stored) {
        byte[] bytes = Base64.getDecoder().decode(stored);
        char[] out = new char[bytes.length / 2];
        ByteBuffer.wrap(bytes).asCharBuffer().get(out);
        return out;
    }

    static String encode(ImageHash[] hashes) {
        HexFormat hex = HexFormat.of();
        StringBuilder out = new StringBuilder(hashes.length * 90);
        for (int i = 0; i < hashes.length; i++) {
            if (i > 0) out.append(',');
            out.append(hashes[i].pdqHex())
                    .append(':')
                    .append(hashes[i].quality())
                    .append(':')
                    .append(hex.toHexDigits(hashes[i].dhash()));
        }
        return out.toString();
    }

    static ImageHash[] decodeHashes(String stored) {
        String[] parts = stored.split(",");
        ImageHash[] out = new ImageHash[parts.length];
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < parts.length; i++) {
            String[] f = parts[i].split(":");
            String p = f[0];
            long[] pdq = {
                hex.fromHexDigitsToLong(p, 48, 64),
                hex.fromHexDigitsToLong(p, 32, 48),
                hex.fromHexDigitsToLong(p, 16, 32),
                hex.fromHexDigitsToLong(p, 0, 16)
            };
            out[i] = new ImageHash(pdq, Integer.parseInt(f[1]), hex.fromHexDigitsToLong(f[2]));
        }
        return out;
    }
}
