package io.redline.bench.rights;

import io.redline.audit.AuditLog;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.copies.CopyRegister;
import io.redline.store.Database;
import io.redline.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The server's start-up path at benchmark scale: the signatures the benchmark indexes are also
 * stored as {@code rights_text_signatures} rows in a SQLite file (as intake stores them), and after
 * the text benchmark has dropped its index, a fresh {@link CopyRegister} rebuilds from those rows
 * exactly as {@code RedlineServer} does at start. Prints the rebuild time and the heap it holds.
 */
final class RebuildAtStart implements AutoCloseable {
    private final Path dir;
    private final Database db;
    private final ConsentRegistry consent;

    RebuildAtStart() {
        try {
            dir = Files.createTempDirectory("redline-rights-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = Database.open(StoreConfig.sqlite(dir.resolve("rights.db")));
        consent = ConsentRegistry.open(db, AuditLog.open(db), Clock.systemUTC());
    }

    /** Stores one batch of signatures, item ids {@code base..}, as intake's rows. */
    void store(long base, char[][] signatures, LongFunction<String> author) {
        db.jdbi().useTransaction(h -> {
            var batch = h.prepareBatch(
                    "INSERT INTO rights_text_signatures (item_id, author_id, signature) VALUES (:item, :author, :sig)");
            for (int k = 0; k < signatures.length; k++) {
                batch.bind("item", base + k)
                        .bind("author", author.apply(base + k))
                        .bind("sig", encode(signatures[k]))
                        .add();
            }
            batch.execute();
        });
    }

    /** Rebuilds a fresh register from the rows, as at start, and prints time and memory. */
    void measure() {
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        CopyRegister register = CopyRegister.open(db, consent, Clock.systemUTC(), 4_096);
        CopyRegister.Rebuilt rebuilt = register.rebuild();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heapAfter = usedHeap();
        System.out.printf(
                Locale.ROOT,
                "== Rebuild at start (CopyRegister.rebuild from %,d stored signature rows, SQLite file of %,d MB): %.1f s (%,.0f rows/s); text index %,d MB by its own count, %,d MB heap growth after GC%n",
                rebuilt.texts(),
                fileMb(),
                seconds,
                rebuilt.texts() / seconds,
                rebuilt.textIndexBytes() >> 20,
                (heapAfter - heapBefore) >> 20);
        if (register.textSize() != rebuilt.texts()) throw new IllegalStateException("rebuild lost rows");
    }

    private long fileMb() {
        try {
            return Files.size(dir.resolve("rights.db")) >> 20;
        } catch (IOException e) {
            return -1;
        }
    }

    /** As CopyRegister stores a signature: its 16-bit values big-endian, base64 without padding. */
    private static String encode(char[] signature) {
        ByteBuffer b = ByteBuffer.allocate(signature.length * 2);
        for (char c : signature) b.putChar(c);
        return Base64.getEncoder().withoutPadding().encodeToString(b.array());
    }

    static long usedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
