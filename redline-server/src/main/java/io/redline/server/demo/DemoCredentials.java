package io.redline.server.demo;

import io.redline.media.DemoCa;
import io.redline.media.MediaLimits;
import io.redline.server.config.RedlineConfig;
import io.redline.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The demo's Content Credentials identity: a test CA and platform signing certificate made once
 * in {@code <dataDir>/c2pa-demo/} (files 0600, folder 0700), so labelling uploads that carry C2PA
 * works out of the box. It is a DEMO CA: its root is added to the demo's trust anchors and is
 * trusted nowhere else; production configures its own key (docs/aigc-labels.md, "Signing").
 *
 * <p>An operator's own {@code media.c2pa.certChainFile}/{@code keyFile} win: the demo then makes
 * nothing. Anchors the operator configured are kept beside the demo root.
 */
public final class DemoCredentials {

    public static final String DIR = "c2pa-demo";
    /** Long enough that a demo data directory never meets an expired signer. */
    static final Duration VALIDITY = Duration.ofDays(5 * 365);

    private DemoCredentials() {}

    /** What {@link #apply} did, for the demo's banner. */
    public record Applied(RedlineConfig config, Path dir, boolean created, boolean operatorKey) {}

    public static Applied apply(RedlineConfig config) {
        RedlineConfig.Media media = config.media();
        RedlineConfig.C2pa c2pa = media.c2pa();
        if (c2pa != null && (c2pa.certChainFile() != null || c2pa.keyFile() != null)) {
            return new Applied(config, null, false, true);
        }
        Path dir = config.dataDir().resolve(DIR).toAbsolutePath();
        Path chain = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        Path root = dir.resolve("root.pem");
        Path anchors = dir.resolve("trust-anchors.pem");
        boolean created = false;
        try {
            if (!(Files.isRegularFile(chain) && Files.isRegularFile(key) && Files.isRegularFile(root))) {
                OwnerOnly.directories(dir); // 0700 where the file system has POSIX modes
                DemoCa ca = DemoCa.create("Redline demo", VALIDITY);
                writePrivate(root, ca.rootPem());
                writePrivate(chain, ca.chainPem());
                writePrivate(key, ca.keyPem()); // last: its presence says the set is complete
                created = true;
            }
            String operatorAnchors = c2pa == null || c2pa.trustAnchorsFile() == null
                    ? ""
                    : Files.readString(Path.of(c2pa.trustAnchorsFile()), StandardCharsets.US_ASCII);
            writePrivate(anchors, operatorAnchors + Files.readString(root, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo C2PA test CA under " + dir, e);
        }
        RedlineConfig.C2pa demo = new RedlineConfig.C2pa(
                chain.toString(),
                key.toString(),
                anchors.toString(),
                c2pa == null ? MediaLimits.C2PA_STORE_BYTES_MAX_DEFAULT : c2pa.storeBytesMax());
        RedlineConfig out = config.withMedia(
                new RedlineConfig.Media(media.producerId(), media.fileBytesMax(), media.pixelsMax(), demo));
        return new Applied(out, dir, created, false);
    }

    /** Written to a 0600 temporary file first, then moved into place: never readable by others, never half-written. */
    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        OwnerOnly.file(tmp);
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
