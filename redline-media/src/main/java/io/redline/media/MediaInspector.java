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
        return interpret(carriers(file, limits));
    }

    /** Like {@link #inspect} but never throws for bad input: returns an unreadable result. */
    public static Inspection inspectOrUnreadable(byte[] file, MediaLimits limits) {
        try {
            return inspect(file, limits);
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
        return switch (format) {
            case PNG -> PngContainer.parse(file, limits).carriers(limits);
            case JPEG -> JpegContainer.parse(file, limits).carriers(limits);
            case WEBP -> WebpContainer.parse(file, limits).carriers(limits);
        };
    }

    static MediaFormatException unsupported(byte[] file) {
        String head = HexFormat.ofDelimiter(" ").formatHex(file, 0, Math.min(8, file.length));
        return new MediaFormatException(
                MediaFormatException.Kind.UNSUPPORTED_FORMAT,
                "not a PNG, JPEG or WebP file (first bytes: " + (head.isEmpty() ? "none" : head) + ")");
    }

    static Inspection interpret(Carriers c) throws MediaFormatException {
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
                        + (AiMarking.isGenerativeSourceType(iptc) ? " (generative)" : " (not generative)"));
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
            String sw = KnownGenerators.name(f.software());
            if (sw != null) {
                traces.add(new GeneratorTrace(
                        "EXIF Software in " + e.where(), "Software \"" + clip(f.software()) + "\" names " + sw));
            }
        }
        C2paInfo c2pa = null;
        for (Carriers.Jumbf j : c.c2pa) {
            C2paInfo info = C2paStore.read(j, warnings);
            evidence.add("C2PA manifest store (" + info.storeBytes() + " bytes) in " + j.where()
                    + (info.claimGenerator() != null ? ", claim generator \"" + clip(info.claimGenerator()) + "\"" : "")
                    + (info.digitalSourceType() != null ? ", digitalSourceType " + info.digitalSourceType() : "")
                    + info.trainingMining().stream()
                            .map(t -> ", " + t.label() + " " + t.uses())
                            .reduce("", String::concat));
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
