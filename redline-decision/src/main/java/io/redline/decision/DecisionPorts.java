package io.redline.decision;

import io.redline.audit.AuditLog;
import io.redline.intake.ContentReader;
import io.redline.intake.ImageFiles;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.text.Screener;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the decision capability asks of the capabilities above it, in one value: open
 * reports (review), copies (rights), and the picture screener with the folder intake stores
 * pictures in. Every process that decides (the server, {@code redline worker}) gets its ports from
 * one factory in the composition root and builds its {@link Decisions} here, so an item decides
 * the same whichever process took it.
 *
 * @param pictures null: pictures are not looked at (then {@code files} may be null too)
 * @param stream   how far back a streamed item's decision looks in its stream (configuration)
 */
public record DecisionPorts(
        OpenReports reports, Reposts reposts, PictureScreener pictures, ImageFiles files, StreamWindow stream) {
    public DecisionPorts {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(reposts, "reposts");
        if (pictures != null) Objects.requireNonNull(files, "files (where the screened pictures are stored)");
    }

    /** With the default {@link StreamWindow}. */
    public DecisionPorts(OpenReports reports, Reposts reposts, PictureScreener pictures, ImageFiles files) {
        this(reports, reposts, pictures, files, StreamWindow.DEFAULT);
    }

    /** No capability above decision wired (tests of decision alone). */
    public static final DecisionPorts NONE = new DecisionPorts(OpenReports.NONE, Reposts.NONE, null, null);

    /** The decisions these ports make: the one way a deciding process builds them. */
    public Decisions decisions(
            Database db,
            GroupCommit writes,
            AuditLog audit,
            PolicyStore policies,
            Supplier<Screener> screener,
            ContentReader contents,
            Clock clock,
            Ids ids) {
        Decisions d = new Decisions(db, writes, audit, policies, screener, contents, reports, reposts, clock, ids)
                .streamWindow(stream);
        return pictures == null ? d : d.screenPictures(pictures, files);
    }
}
