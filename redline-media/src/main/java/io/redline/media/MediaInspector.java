package io.redline.media;

import io.redline.vocabulary.AiMark;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads every label and trace a PNG, JPEG or WebP file carries, without decoding pixels.
 *
 * <p>Error contract: a file whose container cannot be parsed (wrong magic, truncation, lying
 * lengths, CRC mismatch, a limit exceeded, XMP with a DOCTYPE/entities) raises
 * {@link MediaFormatException} — an upload to refuse with 422 (413 for limits). Metadata that
 * is merely malformed (bad EXIF, non-well-formed XMP, broken compressed text, undecodable C2PA)
 * does not: it is skipped and reported in {@link Inspection#warnings()}, because it is common
 * in real photos and says nothing about AI. {@link #inspectOrUnreadable} turns the exception
 * into an {@link Inspection} with {@code readable=false} for callers that store anyway.
 */
public final class MediaInspector {

    private MediaInspector() {}

    public static Inspection inspect(byte[] file, MediaLimits limits) throws MediaFormatException {
        return inspect(file, limits, C2paTrust.none());
    }

    /**
     * Inspects a file, validating its C2PA credential against these trust anchors (a correctly
     * signed credential whose chain ends elsewhere is UNTRUSTED, never VALID).
     */
    public static Inspection inspect(byte[] file, MediaLimits limits, C2paTrust trust) throws MediaFormatException {
        return interpret(carriers(file, limits), trust);
    }

    /** Like {@link #inspect} but never throws for bad input: returns an unreadable result. */
    public static Inspection inspectOrUnreadable(byte[] file, MediaLimits limits) {
        return inspectOrUnreadable(file, limits, C2paTrust.none());
    }

    /** Like {@link #inspect(byte[], MediaLimits, C2paTrust)} but never throws for bad input. */
    public static Inspection inspectOrUnreadable(byte[] file, MediaLimits limits, C2paTrust trust) {
        try {
            return inspect(file, limits, trust);
        } catch (MediaFormatException e) {
            return Inspection.unreadable(MediaFormat.sniff(file), e.getMessage());
        }
    }

    static Carriers carriers(byte[] file, MediaLimits limits) throws MediaFormatException {
        limits.checkFile(file);
        MediaFormat format = MediaFormat.sniff(file);
        if (format == null) {
            throw unsupported(file);
        }
        Carriers c = switch (format) {
            case PNG -> PngContainer.parse(file, limits).carriers(limits);
            case JPEG -> JpegContainer.parse(file, limits).carriers(limits);
            case WEBP -> WebpContainer.parse(file, limits).carriers(limits);
        };
        c.file = file;
        return c;
    }

    static MediaFormatException unsupported(byte[] file) {
        String head = HexFormat.ofDelimiter(" ").formatHex(file, 0, Math.min(8, file.length));
        if (file.length >= 2 && (file[0] & 0xFF) == 0xFF && (file[1] & 0xFF) == 0xD8) {
            // It starts like a JPEG (SOI), so "not a JPEG" would send the user looking in the wrong place.
            return new MediaFormatException(
                    MediaFormatException.Kind.CORRUPT,
                    file.length == 2
                            ? "JPEG ends right after its start-of-image marker FF D8 (first bytes: " + head + ")"
                            : String.format(
                                    "JPEG is corrupt: the start-of-image marker FF D8 must be followed by a segment"
                                            + " marker starting with FF, found %02X at byte 2 (first bytes: %s)",
                                    file[2] & 0xFF, head));
        }
        return new MediaFormatException(
                MediaFormatException.Kind.UNSUPPORTED_FORMAT,
                "not a PNG, JPEG or WebP file (first bytes: " + (head.isEmpty() ? "none" : head) + ")");
    }

    static Inspection interpret(Carriers c) throws MediaFormatException {
        return interpret(c, C2paTrust.none());
    }

    static Inspection interpret(Carriers c, C2paTrust trust) throws MediaFormatException {
        List<String> evidence = new ArrayList<>();
        List<String> warnings = new ArrayList<>(c.warnings);
        List<GeneratorTrace> traces = new ArrayList<>();
        Found found = new Found();
        String iptc = null;

        for (Carriers.Block x : c.xmp) {
            XmpPacket.Facts f;
            try {
                f = XmpPacket.read(x.bytes());
            } catch (MediaFormatException e) {
                if (e.kind() == MediaFormatException.Kind.UNSAFE_METADATA) {
                    throw new MediaFormatException(e.kind(), x.where() + ": " + e.getMessage(), e);
                }
                warnings.add(x.where() + ": " + e.getMessage());
                continue;
            }
            if (f.aigc() != null) {
                found.label(
                        f.aigc(), "XMP TC260:AIGC (" + f.aigcForm() + ") in " + x.where(), evidence, warnings, traces);
            }
            if (f.iptcDigitalSourceType() != null && iptc == null) {
                iptc = f.iptcDigitalSourceType();
                evidence.add("IPTC DigitalSourceType " + iptc + " in XMP in " + x.where()
                        + (AiMarking.isGenerativeSourceType(iptc)
                                ? " (generative)"
                                : AiMarking.isAlgorithmicMedia(iptc)
                                        ? " (algorithmic, no trained model: not counted as AI-generated)"
                                        : " (not generative)"));
            }
            String tool = KnownGenerators.name(f.creatorTool());
            if (tool != null) {
                traces.add(new GeneratorTrace(
                        "XMP xmp:CreatorTool in " + x.where(),
                        "CreatorTool \"" + clip(f.creatorTool()) + "\" names " + tool));
            }
        }
        for (Carriers.Text t : c.texts) {
            if (t.keyword().equals(JpegContainer.AIGC_BLOB_KEYWORD)) {
                embeddedLabel(t.text(), t.where(), found, evidence, warnings, traces);
            } else if (t.keyword().equalsIgnoreCase("AIGC")) {
                found.label(t.text(), t.where(), evidence, warnings, traces);
            } else {
                traces.addAll(KnownGenerators.fromText(t));
            }
        }
        for (Carriers.Block e : c.exif) {
            ExifFacts f;
            try {
                f = ExifFacts.read(e.bytes());
            } catch (ExifFacts.Malformed m) {
                warnings.add(e.where() + ": " + m.getMessage());
                continue;
            }
            String uc = f.userComment();
            if (uc != null && !uc.isEmpty()) {
                if (!embeddedLabel(uc, "EXIF UserComment in " + e.where(), found, evidence, warnings, traces)
                        && KnownGenerators.looksLikeSdParameters(uc)) {
                    traces.add(new GeneratorTrace(
                            "EXIF UserComment in " + e.where(), "Stable Diffusion generation parameters"));
                }
            }
            // Some services put the AIGC JSON in ImageDescription instead.
            String desc = f.imageDescription();
            if (desc != null && desc.contains("AIGC")) {
                embeddedLabel(desc, "EXIF ImageDescription in " + e.where(), found, evidence, warnings, traces);
            }
            // ComfyUI's WebP writer stores its graphs as "workflow:{…}" in Make and "prompt:{…}" in
            // Model (further extra-info keys count down from ImageDescription the same way).
            for (String[] field :
                    new String[][] {{"Make", f.make()}, {"Model", f.model()}, {"ImageDescription", f.imageDescription()}
                    }) {
                String v = field[1];
                if (v != null && (v.startsWith("workflow:{") || v.startsWith("prompt:{"))) {
                    String graph = v.substring(0, v.indexOf(':'));
                    traces.add(
                            new GeneratorTrace("EXIF " + field[0] + " in " + e.where(), "ComfyUI " + graph + " graph"));
                }
            }
            String sw = KnownGenerators.name(f.software());
            if (sw != null) {
                traces.add(new GeneratorTrace(
                        "EXIF Software in " + e.where(), "Software \"" + clip(f.software()) + "\" names " + sw));
            }
        }
        C2paInfo c2pa = null;
        for (Carriers.Jumbf j : c.c2pa) {
            C2paInfo info = C2paStore.read(j, c.file, trust, warnings);
            evidence.add("C2PA manifest store (" + info.storeBytes() + " bytes) in " + j.where()
                    + (info.activeManifest() != null ? ", active manifest " + clip(info.activeManifest()) : "")
                    + (info.claimGenerator() != null ? ", claim generator \"" + clip(info.claimGenerator()) + "\"" : "")
                    + (info.digitalSourceType() != null ? ", digitalSourceType " + info.digitalSourceType() : "")
                    + info.trainingMining().stream()
                            .map(t -> ", " + t.label() + " " + t.uses())
                            .reduce("", String::concat)
                    + ", credential " + info.validation().status().name().toLowerCase(java.util.Locale.ROOT)
                    + (info.validation().findings().isEmpty()
                            ? ""
                            : " (" + String.join("; ", info.validation().findings()) + ")"));
            for (C2paInfo.Ingredient ing : info.ingredients()) {
                evidence.add("C2PA ingredient manifest " + clip(ing.manifest())
                        + (ing.claimGenerator() != null
                                ? ", claim generator \"" + clip(ing.claimGenerator()) + "\""
                                : "")
                        + (ing.digitalSourceType() != null ? ", digitalSourceType " + ing.digitalSourceType() : "")
                        + " (an ingredient's credential; the active manifest decides the mark)");
            }
            if (c2pa == null) {
                c2pa = info;
            }
        }
        for (GeneratorTrace t : traces) {
            evidence.add("generator trace: " + t.generator() + " (" + t.where() + ")");
        }
        Inspection partial = new Inspection(
                c.format,
                c.width,
                c.height,
                found.label,
                c2pa,
                iptc,
                traces,
                AiMark.NONE,
                evidence,
                warnings,
                true,
                null);
        return partial.withMark(AiMarking.decide(partial, false));
    }

    /**
     * A label inside free text (an EXIF comment, a raw APP segment): the first balanced JSON
     * object, when the text mentions a label key at all. Returns whether a label was attempted.
     */
    private static boolean embeddedLabel(
            String text,
            String where,
            Found found,
            List<String> evidence,
            List<String> warnings,
            List<GeneratorTrace> traces) {
        // Free text is anyone's: only an AIGC mention or two of the label's own keys make a JSON
        // object in it a label, so a camera app's {"Label":"Holiday"} stays a comment.
        if (!text.contains("AIGC") && !(text.contains("\"Label\"") && text.contains("\"ContentProducer\""))) {
            return false;
        }
        String json = AigcJson.firstObject(text);
        if (json == null) {
            return false;
        }
        found.label(json, where, evidence, warnings, traces);
        return true;
    }

    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    /** The first parseable label wins (XMP, then PNG text, then EXIF); disagreements are warned. */
    private static final class Found {
        AigcLabel label;
        String where;

        void label(String json, String at, List<String> evidence, List<String> warnings, List<GeneratorTrace> traces) {
            AigcLabel parsed;
            try {
                parsed = AigcLabel.parse(json);
            } catch (MediaFormatException e) {
                warnings.add(at + ": " + e.getMessage());
                traces.add(new GeneratorTrace(at, "an AIGC label that could not be parsed"));
                return;
            }
            evidence.add("implicit label Label=" + parsed.label()
                    + (parsed.contentProducer().isEmpty() ? "" : " ContentProducer=" + parsed.contentProducer())
                    + (parsed.contentPropagator().isEmpty() ? "" : " ContentPropagator=" + parsed.contentPropagator())
                    + " in " + at);
            if (label == null) {
                label = parsed;
                where = at;
            } else if (!label.equals(parsed)) {
                warnings.add("labels disagree: " + where + " says " + label.toJson() + ", " + at + " says "
                        + parsed.toJson() + "; the first is used");
            }
        }
    }
}
