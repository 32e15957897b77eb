package io.redline.server.cli;

import io.redline.identity.Principal;
import io.redline.ledger.CampaignYaml;
import io.redline.ledger.DayReport;
import io.redline.ledger.Imports;
import io.redline.ledger.RoyaltyYaml;
import io.redline.ledger.VerifyReport;
import io.redline.ledger.engine.Campaign;
import io.redline.ledger.engine.RoyaltyCampaign;
import io.redline.server.RedlineServer;
import io.redline.server.admin.LedgerBooks;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        description = {
            "The ledger: import holders and balance history, settle campaigns day by day, verify the books (docs/campaigns.md)."
        },
        subcommands = {LedgerCommand.Import.class, LedgerCommand.Settle.class, LedgerCommand.Verify.class})
final class LedgerCommand implements Runnable {
    private static final io.redline.vocabulary.Actor CLI =
            Principal.system("cli").actor();

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static Path existing(Path file, String what) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(what + " " + file + " does not exist");
        return file;
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Import a CSV (re-importing the same file changes nothing).",
            subcommands = {ImportAccounts.class, ImportBalances.class, ImportCredits.class})
    static final class Import implements Runnable {
        @Override
        public void run() {
            picocli.CommandLine.usage(this, System.out);
        }
    }

    /**
     * What every {@code ledger import} subcommand does: open the server's books and the CSV file,
     * import it, print what was new. A subcommand says only which import it is and adds its options.
     */
    abstract static class CsvImport implements Callable<Integer> {
        private final String what;

        @Mixin
        ServerOptions options;

        @Parameters(paramLabel = "FILE")
        Path file;

        CsvImport(String what) {
            this.what = what;
        }

        abstract Imports.Result importFrom(Imports imports, Reader in);

        @Override
        public final Integer call() throws Exception {
            try (RedlineServer server = new RedlineServer(options.load());
                    Reader in = Files.newBufferedReader(existing(file, what), StandardCharsets.UTF_8)) {
                Imports.Result r = importFrom(server.ledger().imports(), in);
                System.out.println("imported " + r.kind() + ": " + r.rows() + " rows, " + r.inserted() + " new, "
                        + (r.rows() - r.inserted()) + " already stored (sha256 " + r.sha256() + ")");
            }
            return 0;
        }
    }

    @Command(
            name = "accounts",
            mixinStandardHelpOptions = true,
            description = {
                "Import holders: a CSV with the header 'accountId,registeredAt' (ISO-8601 UTC).",
                "Accounts registered inside a campaign's window are its new users."
            })
    static final class ImportAccounts extends CsvImport {
        ImportAccounts() {
            super("accounts file");
        }

        @Override
        Imports.Result importFrom(Imports imports, Reader in) {
            return imports.accounts(in, CLI);
        }
    }

    @Command(
            name = "balances",
            mixinStandardHelpOptions = true,
            description = {
                "Import balance history: a CSV with the header 'accountId,timestamp,balance' — the balance after each",
                "change, ISO-8601 UTC, in decimal units of --asset at --scale decimals."
            })
    static final class ImportBalances extends CsvImport {
        ImportBalances() {
            super("balances file");
        }

        @Option(names = "--asset", required = true, paramLabel = "ASSET", description = "The asset held, e.g. USDX")
        String asset;

        @Option(
                names = "--scale",
                required = true,
                paramLabel = "N",
                description = "Decimals of the asset (minor units per unit = 10^N), e.g. 6")
        int scale;

        @Override
        Imports.Result importFrom(Imports imports, Reader in) {
            return imports.balances(in, asset, scale, CLI);
        }
    }

    @Command(
            name = "credits",
            mixinStandardHelpOptions = true,
            description = {
                "Import royalty usage credits: a CSV with the header 'day,creatorId,credits' (whole credits a creator's",
                "items earned on that UTC day). Royalty campaigns split each day's pool by them."
            })
    static final class ImportCredits extends CsvImport {
        ImportCredits() {
            super("credits file");
        }

        @Override
        Imports.Result importFrom(Imports imports, Reader in) {
            return imports.usageCredits(in, CLI);
        }
    }

    @Command(
            name = "settle",
            mixinStandardHelpOptions = true,
            description = {
                "Settle every unsettled day of a campaign up to and including --through (each day after it ends),",
                "resuming where an earlier run stopped, then print every payout of the campaign through that date —",
                "whichever run posted it, so a second run prints the same and posts nothing.",
                "With --format csv: 'day,accountId,asset,amountMinor', one row per payout, sorted by day then account;",
                "the per-day report then goes to standard error."
            })
    static final class Settle implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(
                names = "--campaign",
                required = true,
                paramLabel = "FILE",
                description = "The campaign definition (YAML, docs/campaigns.md)")
        Path campaign;

        @Option(
                names = "--through",
                required = true,
                paramLabel = "YYYY-MM-DD",
                description = "The last day to settle (UTC)")
        LocalDate through;

        @Option(
                names = "--format",
                paramLabel = "text|csv",
                defaultValue = "text",
                description = "Output: text (default) or csv")
        String format;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("text") && !format.equals("csv"))
                throw new IllegalArgumentException("--format must be text or csv, was " + format);
            String yaml = Files.readString(existing(campaign, "campaign file"), StandardCharsets.UTF_8);
            if (CampaignYaml.KIND_ROYALTY.equals(CampaignYaml.kindOf(yaml))) return royalties(RoyaltyYaml.parse(yaml));
            Campaign c = CampaignYaml.parse(yaml);
            try (RedlineServer server = new RedlineServer(options.load())) {
                LedgerBooks books = server.ledger();
                List<DayReport> days = books.settlement().settleThrough(c, through, CLI);
                Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
                if (format.equals("csv")) {
                    report(c, days, new java.io.PrintWriter(System.err, true, StandardCharsets.UTF_8));
                    books.settlement().writeCsv(c.id(), through, out);
                } else {
                    java.io.PrintWriter pw = new java.io.PrintWriter(out);
                    report(c, days, pw);
                    pw.println();
                    pw.printf("%-10s  %-24s  %-6s  %s%n", "day", "account", "asset", "amount");
                    books.settlement()
                            .payouts(
                                    c.id(),
                                    through,
                                    p -> pw.printf(
                                            "%-10s  %-24s  %-6s  %s%n",
                                            p.day(),
                                            p.accountId(),
                                            p.asset(),
                                            CampaignYaml.units(
                                                    BigInteger.valueOf(p.amountMinor()),
                                                    p.asset().equals(c.asset())
                                                            ? c.scale()
                                                            : c.bonus().scale())));
                    pw.flush();
                }
                out.flush();
            }
            return 0;
        }

        private Integer royalties(RoyaltyCampaign r) throws java.io.IOException {
            try (RedlineServer server = new RedlineServer(options.load())) {
                LedgerBooks books = server.ledger();
                List<DayReport> days = books.royalties().settleThrough(r, through, CLI);
                Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
                java.io.PrintWriter report = format.equals("csv")
                        ? new java.io.PrintWriter(System.err, true, StandardCharsets.UTF_8)
                        : new java.io.PrintWriter(out);
                report.printf(
                        "royalty campaign %s (%s, %s a day)%n",
                        r.id(), r.asset(), CampaignYaml.units(r.dailyPoolMinor(), r.scale()));
                report.printf(
                        "%-10s  %-15s  %13s  %20s  %20s%n",
                        "day", "status", "creators paid", "paid " + r.asset(), "pool remaining");
                for (DayReport d : days) {
                    report.printf(
                            "%-10s  %-15s  %13d  %20s  %20s%n",
                            d.day(),
                            d.status(),
                            d.accountsPaid(),
                            CampaignYaml.units(BigInteger.valueOf(d.paidMinor()), r.scale()),
                            CampaignYaml.units(BigInteger.valueOf(d.poolRemainingMinor()), r.scale()));
                }
                report.flush();
                if (format.equals("csv")) {
                    books.settlement().writeCsv(r.id(), through, out);
                } else {
                    report.println();
                    report.printf("%-10s  %-24s  %-6s  %s%n", "day", "creator", "asset", "amount");
                    books.settlement()
                            .payouts(
                                    r.id(),
                                    through,
                                    p -> report.printf(
                                            "%-10s  %-24s  %-6s  %s%n",
                                            p.day(),
                                            p.accountId(),
                                            p.asset(),
                                            CampaignYaml.units(BigInteger.valueOf(p.amountMinor()), r.scale())));
                    report.flush();
                }
                out.flush();
            }
            return 0;
        }

        private static void report(Campaign c, List<DayReport> days, java.io.PrintWriter w) {
            if (days.isEmpty()) {
                w.println("campaign " + c.id() + ": no day ends on or before the given date (the window starts "
                        + c.windowStart() + ")");
                return;
            }
            w.printf("campaign %s (%s)%n", c.id(), c.asset());
            w.printf(
                    "%-10s  %-15s  %13s  %20s  %20s  %13s  %16s  %18s%n",
                    "day",
                    "status",
                    "accounts paid",
                    "paid " + c.asset(),
                    "pool remaining",
                    "bonus paid to",
                    "bonus paid",
                    "bonus remaining");
            for (DayReport d : days) {
                w.printf(
                        "%-10s  %-15s  %13d  %20s  %20s  %13d  %16s  %18s%n",
                        d.day(),
                        d.status(),
                        d.accountsPaid(),
                        CampaignYaml.units(BigInteger.valueOf(d.paidMinor()), c.scale()),
                        CampaignYaml.units(BigInteger.valueOf(d.poolRemainingMinor()), c.scale())
                                + (d.poolExhausted() ? " (ended)" : ""),
                        d.bonusAccountsPaid(),
                        c.bonus() == null
                                ? "-"
                                : CampaignYaml.units(
                                        BigInteger.valueOf(d.bonusPaidMinor()),
                                        c.bonus().scale()),
                        c.bonus() == null
                                ? "-"
                                : CampaignYaml.units(
                                                BigInteger.valueOf(d.bonusRemainingMinor()),
                                                c.bonus().scale())
                                        + (d.bonusExhausted() ? " (ended)" : ""));
            }
            w.flush();
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Check that every balance equals its postings and every campaign pool respected its cap; exit 1 otherwise.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Override
        public Integer call() {
            try (RedlineServer server = new RedlineServer(options.load())) {
                VerifyReport report = server.ledger().ledger().verify();
                System.out.println(report.summary());
                return report.ok() ? 0 : 1;
            }
        }
    }
}
