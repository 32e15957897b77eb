package io.redline.gateway;

import io.redline.media.AigcLabel;
import io.redline.media.C2paSigner;
import io.redline.media.ExplicitLabel;
import io.redline.media.ImplicitLabelWriter;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaLimits;
import io.redline.media.Provenance;

/**
 * The labels on what models make: the visible notice on text (GB 45438, per language), the
 * implicit label (the TC260 {@code AIGC} JSON, also sent as a response field and header), and
 * both on generated images through the label library (redline-media).
 */
final class AiLabels {
    static final String HEADER = "X-Redline-AIGC";
    private final String producerId;
    private final MediaLimits limits;
    private final Provenance provenance;

    /**
     * @param signerOrNull the platform's C2PA signing identity: an upstream image's Content
     *     Credentials are kept as the parent of a manifest we sign recording our labels; without
     *     one they are removed (the labels change the file, which would leave a broken credential,
     *     and refusing would refuse the model's answer)
     */
    AiLabels(String producerId, MediaLimits limits, C2paSigner signerOrNull) {
        this.producerId = producerId;
        this.limits = limits;
        this.provenance = signerOrNull == null ? Provenance.drop() : new Provenance.Sign(signerOrNull);
    }

    /** The implicit label of one exchange's output: AI-generated, produced by us, ProduceID = the exchange id. */
    AigcLabel implicit(long exchangeId) {
        return AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, producerId, Long.toString(exchangeId));
    }

    /**
     * A generated image with the implicit label in its metadata and the visible mark drawn on it,
     * in the order and with the provenance handling of labelling an upload ({@code redline media
     * label}): each step that changes a signed file adds a manifest recording it.
     */
    byte[] image(byte[] file, GatewayConfig.Label label, AigcLabel aigc) throws MediaFormatException {
        byte[] labelled = ImplicitLabelWriter.write(file, aigc, limits, provenance);
        try {
            return ExplicitLabel.render(
                    labelled, label.imageText(), ExplicitLabel.Corner.BOTTOM_RIGHT, limits, provenance);
        } catch (MediaFormatException e) {
            if (e.kind() != MediaFormatException.Kind.UNSUPPORTED_FORMAT) throw e;
            return labelled; // WebP: the JDK cannot draw on it; the implicit label is in
        }
    }
}
