package io.redline.gateway;

import io.redline.media.AigcLabel;
import io.redline.media.ExplicitLabel;
import io.redline.media.ImplicitLabelWriter;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaLimits;

/**
 * The labels on what models make: the visible notice on text (GB 45438, per language), the
 * implicit label (the TC260 {@code AIGC} JSON, also sent as a response field and header), and
 * both on generated images through the label library (redline-media).
 */
final class AiLabels {
    static final String HEADER = "X-Redline-AIGC";
    private final String producerId;
    private final MediaLimits limits;

    AiLabels(String producerId, MediaLimits limits) {
        this.producerId = producerId;
        this.limits = limits;
    }

    /** The implicit label of one exchange's output: AI-generated, produced by us, ProduceID = the exchange id. */
    AigcLabel implicit(long exchangeId) {
        return AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, producerId, Long.toString(exchangeId));
    }

    /** A generated image with the visible mark drawn on it and the implicit label in its metadata. */
    byte[] image(byte[] file, GatewayConfig.Label label, AigcLabel aigc) throws MediaFormatException {
        byte[] marked;
        try {
            marked = ExplicitLabel.render(file, label.imageText(), ExplicitLabel.Corner.BOTTOM_RIGHT, limits);
        } catch (MediaFormatException e) {
            if (e.kind() != MediaFormatException.Kind.UNSUPPORTED_FORMAT) throw e;
            marked = file; // WebP: the JDK cannot draw on it; the implicit label still goes in
        }
        return ImplicitLabelWriter.write(marked, aigc, limits);
    }
}
