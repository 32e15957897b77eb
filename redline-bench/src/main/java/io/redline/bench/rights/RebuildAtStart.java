package io.redline.bench.rights;

import io.redline.audit.AuditLog;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.copies.CopyRegister;
import io.redline.store.Database;
import io.redline.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The server's start-up path at benchmark scale: after the text benchmark has dropped its index,
 * the same notes are stored in a SQLite file through {@link CopyRegister}, as intake stores them
 * (signature rows, and links for the near-copies among them), and a fresh register rebuilds from
 * those rows exactly as {@code RedlineServer} does at start. Prints the rebuild time and the heap
 * it holds.
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

    /**
     * Stores notes {@code 0..n-1} as intake does: each batch looked up and recorded by a
     * {@link CopyRegister} (its rows and, for near-copies among the notes, its links), in one
     * transaction a batch. That register is dropped afterwards; only the rows remain.
     */
    void fill(int n, LongFunction<String> text, LongFunction<String> author) {
        long t0 = System.nanoTime();
        CopyRegister writer = CopyRegister.open(db, consent, Clock.systemUTC(), 4_096);
        int batch = 5_000;
        for (int from = 0; from < n; from += batch) {
            List<CopyRegister.Item> items = new ArrayList<>(batch);
            Set<Long> ids = new HashSet<>();
            for (long i = from; i < Math.min(n, from + batch); i++) {
                items.add(new CopyRegister.Item(i, author.apply(i), text.apply(i), List.of()));
                ids.add(i);
            }
            CopyRegister.Lookup lookup = writer.lookUp(items);
            db.jdbi().useTransaction(h -> writer.record(h, lookup, ids));
        }
        System.out.printf(
                Locale.ROOT,
                "stored %,d notes as intake does (CopyRegister.lookUp and record, %,d a transaction) in %.1f s%n",
                n,
                batch,
                (System.nanoTime() - t0) / 1e9);
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
                "== Rebuild at start (CopyRegister.rebuild from %,d stored signature rows and %,d copy links, SQLite file of %,d MB): %.1f s (%,.0f rows/s); text index %,d MB by its own count, %,d MB heap growth after GC%n",
                rebuilt.texts(),
                rebuilt.links(),
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
