package io.redline.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.redline.audit.AuditLog;
import io.redline.decision.DecisionPorts;
import io.redline.decision.PictureScreener;
import io.redline.decision.ScanCache;
import io.redline.intake.ImageFiles;
import io.redline.media.scan.ImageScanner;
import io.redline.media.scan.TextReader;
import io.redline.review.tasks.ReportCounts;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.copies.CopyRegister;
import io.redline.server.config.RedlineConfig;
import io.redline.server.http.ComputePool;
import io.redline.store.Database;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision capability's ports, built in one place for every process that decides: the server
 * ({@link RedlineServer}) and the Kafka screening worker ({@code redline worker}). Open reports come
 * from review, copies from rights' register (its index rebuilt from the stored signatures), and
 * pictures are scanned on a bounded pool of their own. Before this, the worker decided without
 * copies and pictures, so an item decided through Kafka missed {@code copyOf} and picture hits.
 */
public final class DecisionWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DecisionWiring.class);

    /**
     * Items the copy index is sized for at start; it doubles as it fills, also while it is rebuilt
     * from the stored signatures. Each item costs about 360 bytes of arrays, so 64k
     * allocated 24 MB up front in every server, empty or not: a test JVM running many servers
     * ran out of heap on it.
     */
    private static final int COPY_INDEX_CAPACITY_HINT = 1 << 12;

    /**
     * Pictures are scanned one at a time: OCR of a note-sized picture takes a core for a few hundred
     * ms, and on 2 cores screening text must keep the other. 64 waiting is about seven notes of nine
     * pictures; beyond that a waiting request gets 503 and the worker retries its batch later.
     */
    private static final int PICTURE_THREADS = 1;

    private static final int PICTURE_QUEUE_MAX = 64;

    private final ConsentRegistry consent;
    private final CopyRegister copies;
    private final RepostsOnRights reposts;
    private final ComputePool pictureWork;
    private final TextReader.Availability ocr;
    private final DecisionPorts ports;
    private final PictureScreener inspectScreener;

    private DecisionWiring(
            ConsentRegistry consent,
            CopyRegister copies,
            RepostsOnRights reposts,
            ComputePool pictureWork,
            TextReader.Availability ocr,
            DecisionPorts ports,
            PictureScreener inspectScreener) {
        this.consent = consent;
        this.copies = copies;
        this.reposts = reposts;
        this.pictureWork = pictureWork;
        this.ocr = ocr;
        this.ports = ports;
        this.inspectScreener = inspectScreener;
    }

    /**
     * Opens rights' registers on {@code db} (rebuilding the copy index) and the picture scanner.
     *
     * @param files   where intake stores uploaded pictures (the server's {@code <dataDir>/media})
     * @param metrics where the picture pool reports its queue
     * @param shared  whether other processes decide on {@code db} too (Kafka workers): then the copy
     *     register is opened to catch up on their rows ({@link CopyRegister#openShared})
     */
    public static DecisionWiring open(
            Database db,
            AuditLog audit,
            RedlineConfig config,
            ImageFiles files,
            MeterRegistry metrics,
            Clock clock,
            boolean shared) {
        ConsentRegistry consent = ConsentRegistry.open(db, audit, clock);
        CopyRegister copies = shared
                ? CopyRegister.openShared(db, consent, clock, COPY_INDEX_CAPACITY_HINT)
                : CopyRegister.open(db, consent, clock, COPY_INDEX_CAPACITY_HINT);
        var rebuilt = copies.rebuild();
        log.atInfo()
                .addKeyValue("texts", rebuilt.texts())
                .addKeyValue("pictures", rebuilt.pictures())
                .addKeyValue("links", rebuilt.links())
                .addKeyValue("ms", rebuilt.millis())
                .addKeyValue("textIndexBytes", rebuilt.textIndexBytes())
                .log("copy index rebuilt");
        ComputePool pictureWork = new ComputePool("picture", PICTURE_THREADS, PICTURE_QUEUE_MAX, 5).bindTo(metrics);
        TextReader.Opened ocr = TextReader.open(PICTURE_THREADS);
        if (ocr.availability().available())
            log.info("reading text in pictures: {}", ocr.availability().detail());
        else
            log.warn(
                    "text in pictures will not be read, pictures are marked not scanned: {}",
                    ocr.availability().detail());
        PictureScreener pictures =
                new PictureScreener(new ImageScanner(ocr), config.media().limits(), pictureWork::call);
        // Open reports are review's data and a policy fact: review implements the decision capability's port.
        // Copies are rights' data and a policy fact: rights' copy register implements it too.
        // Decisions reuse stored scans of stored pictures (rescreens, repeated uploads);
        // /v1/media/inspect stores nothing, so its screener keeps no scans.
        PictureScreener stored = pictures.withScanCache(
                new ScanCache(config.dataDir().resolve("media").resolve("scans")));
        RepostsOnRights reposts = new RepostsOnRights(copies, files);
        DecisionPorts ports = new DecisionPorts(
                new ReportCounts(clock), reposts, stored, files, config.text().streamWindow());
        return new DecisionWiring(consent, copies, reposts, pictureWork, ocr.availability(), ports, pictures);
    }

    public DecisionPorts ports() {
        return ports;
    }

    /** The picture screener of {@code /v1/media/inspect}: same pool and engines, but it stores no scans. */
    public PictureScreener inspectScreener() {
        return inspectScreener;
    }

    public ConsentRegistry consent() {
        return consent;
    }

    /** The copy lookup as rights implements it (the backfill reads items through it too). */
    public RepostsOnRights reposts() {
        return reposts;
    }

    public CopyRegister copies() {
        return copies;
    }

    public TextReader.Availability ocr() {
        return ocr;
    }

    /** Stops the picture pool (the work in hand finishes). */
    @Override
    public void close() {
        pictureWork.close();
    }
}
