package io.redline.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redline.media.scan.Box;
import io.redline.media.scan.CodeKind;
import io.redline.media.scan.FoundCode;
import io.redline.media.scan.ImageScan;
import io.redline.media.scan.OcrText;
import io.redline.media.scan.OcrWord;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Scans of stored pictures, kept beside the pictures (one small JSON file per picture content,
 * named by the SHA-256 of its bytes), so a rescreen, a backtest or a second upload of the same
 * bytes reads the codes and the recognised text back instead of running ZXing and Tesseract
 * again (hundreds of milliseconds of a core per picture). A stored scan is reused only when it was
 * made by the same scanner version ({@link io.redline.media.scan.ImageScanner#version()}); the
 * screening of its text always runs again, so a lexicon or policy change still applies. Only
 * complete scans (text read) are kept: a picture scanned without OCR is scanned again once OCR is
 * there. What a scan holds is a few hundred bytes to a few KB; the files share the pictures'
 * directory and go with it.
 *
 * <p>A file that cannot be read or parsed is a miss, and a failed write loses only the saving:
 * neither fails a decision.
 */
public final class ScanCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Recognised text kept per picture; a poster of small print stays far below it. */
    static final int TEXT_CHARS_MAX = 64 * 1024;

    private final Path dir;

    /** @param dir where the scans live, e.g. the stored pictures' root + {@code /scans} */
    public ScanCache(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The stored scan of the picture whose bytes hash to {@code sha256}, if made by {@code version}. */
    public Optional<ImageScan> get(String sha256, String version) {
        Path file = fileOf(sha256);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (!version.equals(n.path("version").asText())) return Optional.empty();
            List<FoundCode> codes = new ArrayList<>();
            for (JsonNode c : n.path("codes")) {
                String payload = c.path("payload").asText();
                // The kind is looked up again: the kind table may change without the scanner.
                codes.add(new FoundCode(payload, c.path("format").asText(), CodeKind.of(payload), box(c.path("box"))));
            }
            List<OcrWord> words = new ArrayList<>();
            for (JsonNode w : n.path("words")) {
                words.add(new OcrWord(
                        w.path("text").asText(),
                        box(w.path("box")),
                        w.path("confidence").asDouble(),
                        w.path("start").asInt(),
                        w.path("end").asInt()));
            }
            return Optional.of(new ImageScan(
                    n.path("width").asInt(),
                    n.path("height").asInt(),
                    codes,
                    new OcrText(n.path("text").asText(), words),
                    null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or from an older shape: scan again
        }
    }

    /** Keeps a complete scan (text read); others are not kept. */
    public void put(String sha256, String version, ImageScan scan) {
        if (!scan.textScanned() || scan.text().text().length() > TEXT_CHARS_MAX) return;
        ObjectNode n = JSON.createObjectNode();
        n.put("version", version);
        n.put("width", scan.width());
        n.put("height", scan.height());
        ArrayNode codes = n.putArray("codes");
        for (FoundCode c : scan.codes()) {
            ObjectNode o = codes.addObject();
            o.put("payload", c.payload());
            o.put("format", c.format());
            box(o.putArray("box"), c.box());
        }
        n.put("text", scan.text().text());
        ArrayNode words = n.putArray("words");
        for (OcrWord w : scan.text().words()) {
            ObjectNode o = words.addObject();
            o.put("text", w.text());
            box(o.putArray("box"), w.box());
            o.put("confidence", w.confidence());
            o.put("start", w.start());
            o.put("end", w.end());
        }
        Path file = fileOf(sha256);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), sha256, ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), n);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // Only the saving is lost: the next screen of these bytes scans them again.
        }
    }

    /** The hex SHA-256 of a picture's bytes, the key of its stored scan. */
    public static String sha256(byte[] file) {
        try {
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(file));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Path fileOf(String sha256) {
        if (!SHA256.matcher(sha256).matches()) throw new IllegalArgumentException("not a hex SHA-256: " + sha256);
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256 + ".json");
    }

    private static Box box(JsonNode a) {
        return new Box(
                a.path(0).asInt(),
                a.path(1).asInt(),
                a.path(2).asInt(),
                a.path(3).asInt());
    }

    private static void box(ArrayNode a, Box b) {
        a.add(b.x()).add(b.y()).add(b.w()).add(b.h());
    }
}
