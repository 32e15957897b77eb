package io.redline.media;

import io.redline.vocabulary.AiMark;
import java.util.Locale;
import java.util.Set;

/**
 * How an inspected file earns its {@link AiMark} (the mark itself, with its strength order, is
 * shared vocabulary). The decision table
 * (docs/aigc-labels.md has the rationale):
 *
 * <pre>
 *  signal (strongest that applies wins)                            mark
 *  implicit label with Label "1"                                   CONFIRMED
 *  author declared AI use                                          POSSIBLE
 *  implicit label with Label "2"                                   POSSIBLE
 *  implicit label with Label "3", another value, or unparseable    SUSPECTED
 *  C2PA actions with a generative digitalSourceType, or a C2PA
 *    claim generator naming a known generator                      SUSPECTED
 *  IPTC DigitalSourceType generative (trainedAlgorithmicMedia, …)  SUSPECTED
 *  generator traces (SD parameters, ComfyUI graph, Software, …)    SUSPECTED
 *  nothing of the above (or an unreadable file, undeclared)        NONE
 * </pre>
 */
public final class AiMarking {
    private AiMarking() {}

    /**
     * IPTC digital source type codes that mean the pixels came (wholly or partly) from a model or
     * an algorithm rather than a capture. Codes are matched by their last path segment, so both
     * the full IPTC URI and the bare code work.
     */
    static final Set<String> GENERATIVE_SOURCE_TYPES = Set.of(
            "trainedalgorithmicmedia",
            "compositewithtrainedalgorithmicmedia",
            "algorithmicmedia",
            "compositesynthetic");

    /** Whether an IPTC/C2PA digital source type code or URI denotes generated media. */
    public static boolean isGenerativeSourceType(String codeOrUri) {
        if (codeOrUri == null || codeOrUri.isBlank()) {
            return false;
        }
        String s = codeOrUri.strip();
        String code = s.substring(s.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return GENERATIVE_SOURCE_TYPES.contains(code);
    }

    /** The mark for an inspected file and whether its author declared AI use. */
    public static AiMark decide(Inspection inspection, boolean authorDeclared) {
        AigcLabel label = inspection.aigc();
        if (label != null && label.kind() == AigcLabel.Kind.AI_GENERATED) {
            return AiMark.CONFIRMED;
        }
        if (authorDeclared) {
            return AiMark.POSSIBLE;
        }
        if (label != null) {
            return label.kind() == AigcLabel.Kind.POSSIBLY_AI_GENERATED ? AiMark.POSSIBLE : AiMark.SUSPECTED;
        }
        C2paInfo c2pa = inspection.c2pa();
        boolean c2paAi = c2pa != null
                && (isGenerativeSourceType(c2pa.digitalSourceType())
                        || KnownGenerators.name(c2pa.claimGenerator()) != null);
        if (c2paAi
                || isGenerativeSourceType(inspection.iptcDigitalSourceType())
                || !inspection.generatorTraces().isEmpty()) {
            return AiMark.SUSPECTED;
        }
        return AiMark.NONE;
    }
}
