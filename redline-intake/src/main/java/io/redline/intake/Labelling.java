package io.redline.intake;

import io.redline.media.C2paTrust;
import io.redline.media.ImplicitLabelWriter;
import io.redline.media.Inspection;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import io.redline.media.Provenance;
import io.redline.vocabulary.AiMark;
import java.util.List;

/**
 * The platform's labelling duties on intake (docs/aigc-labels.md): read the labels an uploaded
 * image carries, combine them with the author's declaration into a mark, and write the platform's
 * propagation fields (ContentPropagator, PropagateID) into the copy it stores, keeping the
 * producer's fields.
 *
 * @param propagatorId the platform's code for ContentPropagator ({@code media.producerId})
 * @param provenance what labelling does to an upload's C2PA credential: re-sign it with the
 *     platform's key ({@code media.c2pa.keyFile}), or refuse the upload when no key is configured
 * @param trust the C2PA trust anchors: only a valid credential from a trusted signer can confirm a mark
 */
public record Labelling(
        ImageFiles files, MediaLimits limits, String propagatorId, Provenance provenance, C2paTrust trust) {

    /** No signing key and no trust anchors: signed uploads that need a label are refused. */
    public Labelling(ImageFiles files, MediaLimits limits, String propagatorId) {
        this(files, limits, propagatorId, Provenance.refuse(), C2paTrust.none());
    }

    /** An inspected upload, ready to store. */
    record Labelled(Inspection inspection, byte[] storedBytes) {}

    Labelled label(ImageUpload upload, boolean declared, long contentId, String field) {
        try {
            Inspection inspection =
                    MediaInspector.inspect(upload.bytes(), limits, trust).withAuthorDeclaration(declared);
            byte[] stored = inspection.mark() == AiMark.NONE
                    ? upload.bytes()
                    : ImplicitLabelWriter.propagate(
                            upload.bytes(),
                            inspection.mark(),
                            propagatorId,
                            Long.toString(contentId),
                            limits,
                            provenance);
            return new Labelled(inspection, stored);
        } catch (MediaFormatException e) {
            throw new IntakeException.Invalid(List.of(new FieldError(field, e.getMessage())));
        }
    }

    /** The content's mark: the strongest of its images' marks and the author's declaration. */
    static AiMark contentMark(boolean declared, List<Labelled> images) {
        AiMark mark = declared ? AiMark.POSSIBLE : AiMark.NONE;
        for (Labelled l : images) mark = AiMark.strongest(mark, l.inspection().mark());
        return mark;
    }
}
