package io.redline.server.cli;

import io.redline.rights.copies.Backfill;
import io.redline.server.RedlineServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Copy detection for content stored before it ran at intake: hashes decided items that have no",
            "signature yet, oldest first, links near-copies of earlier items by other authors, and records how far",
            "it got with each batch (resumable: run it again to continue). At most --max-items per run; audited as",
            "rights.copy.backfill. Run it with the server stopped or beside it; one backfill at a time.",
            "Exit 0 when the backfill is finished, 3 when more remains, 2 on bad options."
        })
final class BackfillCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(
            names = "--batch",
            defaultValue = "1000",
            paramLabel = "N",
            description = "items per transaction, 1..5000 (default ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--max-items",
            defaultValue = "200000",
            paramLabel = "N",
            description = "content rows this run looks at, at most (default ${DEFAULT-VALUE})")
    long itemsMax;

    @Override
    public Integer call() {
        if (batch < 1 || batch > Backfill.BATCH_MAX || itemsMax < 1) {
            System.err.println("redline rights backfill: --batch must be 1.." + Backfill.BATCH_MAX
                    + " and --max-items at least 1");
            return 2;
        }
        try (RedlineServer server = new RedlineServer(options.load())) {
            Backfill.Progress p = server.backfillCopies(batch, itemsMax);
            System.out.printf(
                    "copy backfill %s: through content id %d of %d; %d items looked at, %d hashed, %d linked as copies%n",
                    p.finished() ? "finished" : "continues",
                    p.afterId(),
                    p.untilId(),
                    p.scanned(),
                    p.hashed(),
                    p.linked());
            return p.finished() ? 0 : 3;
        }
    }
}
