package io.redline.intake;

import io.redline.media.ImplicitLabelWriter;
import io.redline.media.Inspection;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import io.redline.vocabulary.AiMark;
import java.util.List;

/**
 * The platform's labelling duties on intake (docs/aigc-labels.md): read the labels an uploaded
 * image carries, combine them with the author's declaration into a mark, and write the platform's
 * propagation fields (ContentPropagator, PropagateID) into the copy it stores, keeping the
 * producer's fields.
 *
 * @param propagatorId the platform's code for ContentPropagator ({@code media.producerId})
 */
public record Labelling(ImageFiles files, MediaLimits limits, String propagatorId) {

    /** An inspected upload, ready to store. */
    record Labelled(Inspection inspection, byte[] storedBytes) {}

    Labelled label(ImageUpload upload, boolean declared, long contentId, String field) {
        try {
            Inspection inspection =
                    MediaInspector.inspect(upload.bytes(), limits).withAuthorDeclaration(declared);
            byte[] stored = inspection.mark() == AiMark.NONE
                    ? upload.bytes()
                    : ImplicitLabelWriter.propagate(
                            upload.bytes(), inspection.mark(), propagatorId, Long.toString(contentId), limits);
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
