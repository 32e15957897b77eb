package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.ledger.engine.Leg;
import io.redline.ledger.engine.Payout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A chunk written without {@link Transfer} objects commits to exactly the bytes the transfers
 * would: a day that began settling before this change resumes with the same chunk digests.
 */
class SettlementChunkTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-03");
    private static final Map<Leg, String> DEBITS =
            Map.of(Leg.POOL, "campaign:c-1:pool", Leg.BONUS, "campaign:c-1:bonus");

    @Test
    void aChunksDigestAndIdsAreThoseOfItsTransfers() {
        List<Payout> payouts = List.of(
                new Payout(DAY, "alice", Leg.POOL, "USDX", 12_345),
                new Payout(DAY, "alice", Leg.BONUS, "BONUS", 100_000_000),
                new Payout(DAY, "bob@x.y:z/1", Leg.POOL, "USDX", Long.MAX_VALUE),
                new Payout(DAY, "carol", Leg.POOL, "USDX", 1));
        SettlementChunk chunk = new SettlementChunk("c-1/2026-12-03/chunk-0", "c-1", "2026-12-03", payouts, DEBITS, 0);
        List<Transfer> transfers = new ArrayList<>();
        for (Payout p : payouts) {
            transfers.add(new Transfer(
                    Settlement.transferId("c-1", DAY, p.accountId(), p.leg()),
                    DEBITS.get(p.leg()),
                    p.accountId(),
                    p.asset(),
                    p.amountMinor(),
                    "c-1",
                    "2026-12-03",
                    p.leg().wireName(),
                    null));
            assertThat(chunk.transferId(p)).isEqualTo(transfers.getLast().id());
        }
        // The lines as the transfers were always digested, hashed without Digest's buffer.
        StringBuilder lines = new StringBuilder();
        for (Transfer t : transfers)
            lines.append(t.id() + "," + t.debitAccount() + "," + t.creditAccount() + "," + t.asset() + ","
                    + t.amountMinor() + "\n");
        assertThat(chunk.digest()).isEqualTo(sha256(lines.toString())).isEqualTo(Digest.of(transfers));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPayoutToTheAccountItIsPaidFromIsRefused() {
        assertThatThrownBy(() -> new SettlementChunk(
                        "t",
                        "c-1",
                        "2026-12-03",
                        List.of(new Payout(DAY, "campaign:c-1:pool", Leg.POOL, "USDX", 5)),
                        DEBITS,
                        0))
                .isInstanceOf(LedgerException.Invalid.class)
                .hasMessageContaining("would credit the account it debits");
    }

    @Test
    void aLongDigestLineSpanningTheBufferHashesLikeTheString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3_000; i++)
            text.append("line ").append(i).append(',').append(-i * 1_000_003L).append('\n');
        Digest streamed = new Digest();
        for (int i = 0; i < 3_000; i++)
            streamed.text("line ").number(i).ch(',').number(-i * 1_000_003L).ch('\n');
        streamed.text("δ " + "x".repeat(10_000));
        text.append("δ ").append("x".repeat(10_000));
        assertThat(streamed.hex()).isEqualTo(sha256(text.toString()));
    }
}
