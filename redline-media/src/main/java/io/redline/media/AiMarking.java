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
 *  a VALID (trusted) C2PA credential whose active manifest declares
 *    trainedAlgorithmicMedia or compositeWithTrainedAlgorithmicMedia CONFIRMED
 *  author declared AI use                                          POSSIBLE
 *  implicit label with Label "2"                                   POSSIBLE
 *  implicit label with Label "3", another value, or unparseable    SUSPECTED
 *  the active C2PA manifest's actions with a generative
 *    digitalSourceType (whatever its validation), or its claim
 *    generator naming a known generator                            SUSPECTED
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
    static final Set<String> GENERATIVE_SOURCE_TYPES =
            Set.of("trainedalgorithmicmedia", "compositewithtrainedalgorithmicmedia", "compositesynthetic");

    /**
     * Decision (docs/aigc-labels.md, "algorithmicMedia"): IPTC defines {@code algorithmicMedia}
     * as "created purely by an algorithm not based on any sampled training data" — procedural
     * art, fractals, rendered charts. That is synthetic but not generative AI, which is what the
     * labelling rules are about, so it is reported in the evidence and raises no mark by itself.
     */
    static final String ALGORITHMIC_MEDIA = "algorithmicmedia";

    /**
     * Source types for which a <em>valid, trusted</em> C2PA credential is as strong as the
     * producer's own implicit label: the signer states that a model made (part of) the pixels.
     */
    static final Set<String> TRAINED_SOURCE_TYPES =
            Set.of("trainedalgorithmicmedia", "compositewithtrainedalgorithmicmedia");

    /** Whether an IPTC/C2PA digital source type code or URI denotes generated media. */
    public static boolean isGenerativeSourceType(String codeOrUri) {
        return GENERATIVE_SOURCE_TYPES.contains(code(codeOrUri));
    }

    /** Whether the code is IPTC {@code algorithmicMedia} (synthetic, no trained model). */
    public static boolean isAlgorithmicMedia(String codeOrUri) {
        return ALGORITHMIC_MEDIA.equals(code(codeOrUri));
    }

    private static String code(String codeOrUri) {
        if (codeOrUri == null || codeOrUri.isBlank()) {
            return "";
        }
        String s = codeOrUri.strip();
        return s.substring(s.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /** The mark for an inspected file and whether its author declared AI use. */
    public static AiMark decide(Inspection inspection, boolean authorDeclared) {
        AigcLabel label = inspection.aigc();
        if (label != null && label.kind() == AigcLabel.Kind.AI_GENERATED) {
            return AiMark.CONFIRMED;
        }
        C2paInfo c2pa = inspection.c2pa();
        // Only a credential that is intact, correctly signed and chained to a configured trust
        // anchor speaks as strongly as an implicit label; a tampered, unsigned or untrusted one is
        // at most a suspicion (anyone can write a manifest that says "trained model").
        if (c2pa != null
                && c2pa.validation().trusted()
                && TRAINED_SOURCE_TYPES.contains(code(c2pa.digitalSourceType()))) {
            return AiMark.CONFIRMED;
        }
        if (authorDeclared) {
            return AiMark.POSSIBLE;
        }
        if (label != null) {
            return label.kind() == AigcLabel.Kind.POSSIBLY_AI_GENERATED ? AiMark.POSSIBLE : AiMark.SUSPECTED;
        }
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
