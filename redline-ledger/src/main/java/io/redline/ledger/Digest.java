package io.redline.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over transfers (id, accounts, asset, amount, one line each): what an audit entry commits to.
 *
 * <p>Why the byte buffer: a settled day digests every payout twice (the plan, then its chunk), a
 * million lines each; {@link #text}/{@link #number} append them without building a string per line.
 */
final class Digest {
    private final MessageDigest sha256;
    private final byte[] buffer = new byte[8192];
    private int buffered;

    Digest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    Digest add(Transfer t) {
        return line(t.id(), t.debitAccount(), t.creditAccount(), t.asset(), t.amountMinor());
    }

    /** One transfer's line: {@code id,debit,credit,asset,amount\n}. */
    Digest line(String id, String debitAccount, String creditAccount, String asset, long amountMinor) {
        return text(id).ch(',')
                .text(debitAccount)
                .ch(',')
                .text(creditAccount)
                .ch(',')
                .text(asset)
                .ch(',')
                .number(amountMinor)
                .ch('\n');
    }

    Digest add(String line) {
        return text(line);
    }

    /** The same bytes as {@code add(s)}: UTF-8, copied directly while the text is ASCII. */
    Digest text(String s) {
        int n = s.length();
        if (n > buffer.length - buffered) flush();
        if (n > buffer.length) {
            sha256.update(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                flush();
                sha256.update(s.getBytes(StandardCharsets.UTF_8));
                return this;
            }
            buffer[buffered + i] = (byte) c;
        }
        buffered += n;
        return this;
    }

    Digest ch(char ascii) {
        if (buffered == buffer.length) flush();
        buffer[buffered++] = (byte) ascii;
        return this;
    }

    /** A long in decimal, as {@code Long.toString} writes it. */
    Digest number(long v) {
        if (buffer.length - buffered < 20) flush();
        if (v == Long.MIN_VALUE) return text(Long.toString(v));
        if (v < 0) {
            buffer[buffered++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        for (int i = buffered + digits - 1; i >= buffered; i--) {
            buffer[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        buffered += digits;
        return this;
    }

    private void flush() {
        sha256.update(buffer, 0, buffered);
        buffered = 0;
    }

    String hex() {
        flush();
        return HexFormat.of().formatHex(sha256.digest());
    }

    static String of(List<Transfer> transfers) {
        Digest d = new Digest();
        transfers.forEach(d::add);
        return d.hex();
    }
}
