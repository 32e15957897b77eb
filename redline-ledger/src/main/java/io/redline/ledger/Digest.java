package io.redline.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 over transfers (id, accounts, asset, amount, one line each): what an audit entry commits to. */
final class Digest {
    private final MessageDigest sha256;

    Digest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    Digest add(Transfer t) {
        return add(t.id() + "," + t.debitAccount() + "," + t.creditAccount() + "," + t.asset() + "," + t.amountMinor()
                + "\n");
    }

    Digest add(String line) {
        sha256.update(line.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    static String of(List<Transfer> transfers) {
        Digest d = new Digest();
        transfers.forEach(d::add);
        return d.hex();
    }
}
