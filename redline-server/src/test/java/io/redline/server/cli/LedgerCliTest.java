package io.redline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.server.LedgerApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code redline ledger …} end to end on a data directory. */
class LedgerCliTest {

    @Test
    void importSettleTwiceAndVerify() throws Exception {
        Path dir = Files.createTempDirectory("redline-cli-ledger-");
        Path accounts = Files.writeString(
                dir.resolve("accounts.csv"),
                "accountId,registeredAt\nalice,2026-11-04T00:00:00Z\nbob,2026-01-01T00:00:00Z\n");
        Path balances = Files.writeString(
                dir.resolve("balances.csv"),
                "accountId,timestamp,balance\nalice,2026-11-04T00:00:00Z,2500.5\nbob,2026-10-01T00:00:00Z,150000\n");
        Path campaign = Files.writeString(dir.resolve("campaign.yaml"), LedgerApiTest.NOVEMBER);
        String data = dir.resolve("data").toString();

        CliTest.Run a = CliTest.run("", "ledger", "import", "accounts", accounts.toString(), "--data-dir", data);
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(a.out()).contains("2 rows, 2 new");
        assertThat(CliTest.run("", "ledger", "import", "accounts", accounts.toString(), "--data-dir", data)
                        .out())
                .contains("2 rows, 0 new");
        CliTest.Run b = CliTest.run(
                "",
                "ledger",
                "import",
                "balances",
                balances.toString(),
                "--asset",
                "USDX",
                "--scale",
                "6",
                "--data-dir",
                data);
        assertThat(b.exit()).as(b.err()).isZero();

        Path credits = Files.writeString(
                dir.resolve("credits.csv"), "day,creatorId,credits\n2026-11-03,alice,3\n2026-11-03,bob,٣\n");
        CliTest.Run refused = CliTest.run("", "ledger", "import", "credits", credits.toString(), "--data-dir", data);
        assertThat(refused.exit()).as(refused.out()).isNotZero();
        assertThat(refused.err()).contains("line 3: credits '٣' must be a whole number");
        Files.writeString(credits, "day,creatorId,credits\n2026-11-03,alice,3\n2026-11-03,bob,3\n");
        CliTest.Run c = CliTest.run("", "ledger", "import", "credits", credits.toString(), "--data-dir", data);
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("2 rows, 2 new");

        CliTest.Run first = CliTest.run(
                "",
                "ledger",
                "settle",
                "--campaign",
                campaign.toString(),
                "--through",
                "2026-11-05",
                "--format",
                "csv",
                "--data-dir",
                data);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("day,accountId,asset,amountMinor\n2026-11-03,bob,USDX,");
        assertThat(first.out().lines())
                .contains("2026-11-04,alice,BONUS,100000000")
                .hasSize(1 + 3 + 2 + 1);
        assertThat(first.err()).contains("2026-11-03").contains("settled");
        CliTest.Run second = CliTest.run(
                "",
                "ledger",
                "settle",
                "--campaign",
                campaign.toString(),
                "--through",
                "2026-11-05",
                "--format",
                "csv",
                "--data-dir",
                data);
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).contains("already_settled");

        CliTest.Run text = CliTest.run(
                "",
                "ledger",
                "settle",
                "--campaign",
                campaign.toString(),
                "--through",
                "2026-11-05",
                "--data-dir",
                data);
        assertThat(text.out()).contains("pool remaining").contains("2026-11-04  alice");

        CliTest.Run verify = CliTest.run("", "ledger", "verify", "--data-dir", data);
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).startsWith("ledger OK");

        CliTest.Run missing = CliTest.run(
                "",
                "ledger",
                "settle",
                "--campaign",
                dir.resolve("nope.yaml").toString(),
                "--through",
                "2026-11-05",
                "--data-dir",
                data);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("campaign file").contains("does not exist");
    }
}
