package io.redline.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.redline.vocabulary.Surface;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of content as a client submits it.
 *
 * @param surface    wire name of the {@link Surface} (validated here, so a bad value is a field error)
 * @param externalId  the host platform's own id, unique per surface, optional
 * @param images      references to images hosted elsewhere (uploaded images travel separately)
 * @param aiGenerated the author declares the content AI-generated
 * @param streamId    the live room or comment thread the item belongs to (surfaces {@code live} and
 *     {@code comment} only), or null: decisions screen it with the same author's earlier items in
 *     that stream (docs/decisions.md, "Streams")
 */
public record Submission(
        String surface,
        String authorId,
        String externalId,
        String title,
        String text,
        List<String> tags,
        List<String> images,
        boolean aiGenerated,
        // Left out of the JSON when absent, so the request hash of an item without one (an
        // Idempotency-Key replay across this version) is what it was before the field existed.
        @JsonInclude(JsonInclude.Include.NON_NULL) String streamId) {

    public Submission {
        tags = tags == null ? List.of() : List.copyOf(tags);
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** A submission outside any stream. */
    public Submission(
            String surface,
            String authorId,
            String externalId,
            String title,
            String text,
            List<String> tags,
            List<String> images,
            boolean aiGenerated) {
        this(surface, authorId, externalId, title, text, tags, images, aiGenerated, null);
    }

    /** A submission without an AI declaration. */
    public Submission(
            String surface,
            String authorId,
            String externalId,
            String title,
            String text,
            List<String> tags,
            List<String> images) {
        this(surface, authorId, externalId, title, text, tags, images, false, null);
    }

    /** Every problem with this submission (empty when acceptable); {@code prefix} names it inside a batch. */
    public List<FieldError> validate(IntakeLimits limits, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        Surface s = surface == null ? null : Surface.parse(surface).orElse(null);
        if (surface == null) {
            errors.add(new FieldError(prefix + "surface", "surface is required: one of " + Surface.EXPECTED));
        } else if (s == null) {
            errors.add(new FieldError(
                    prefix + "surface",
                    "unknown surface '" + clip(surface) + "': expected one of " + Surface.EXPECTED));
        }
        identifier(errors, prefix + "authorId", authorId, true, limits.idCharsMax());
        identifier(errors, prefix + "externalId", externalId, false, limits.idCharsMax());
        if (streamId != null) {
            if (s != null && !s.acceptsStream()) {
                errors.add(new FieldError(
                        prefix + "streamId",
                        "streamId is only accepted on surfaces live and comment (a live room or a comment thread)"));
            }
            streamIdentifier(errors, prefix + "streamId", streamId, limits.idCharsMax());
        }
        if (text == null) {
            errors.add(
                    new FieldError(prefix + "text", "text is required (it may be empty only when a note has a title)"));
        } else {
            textField(errors, prefix + "text", text, limits.textCharsMax());
        }
        if (title != null) {
            if (s != null && !s.acceptsTitle()) {
                errors.add(new FieldError(prefix + "title", "title is only accepted on surface 'note'"));
            }
            textField(errors, prefix + "title", title, limits.titleCharsMax());
        }
        if (text != null && text.isBlank() && (title == null || title.isBlank())) {
            errors.add(new FieldError(prefix + "text", "text is empty: submit some text (or a title for a note)"));
        }
        if (!tags.isEmpty() && s != null && !s.acceptsTitle()) {
            errors.add(new FieldError(prefix + "tags", "tags are only accepted on surface 'note'"));
        }
        if (tags.size() > limits.tagsMax()) {
            errors.add(new FieldError(prefix + "tags", "at most " + limits.tagsMax() + " tags, got " + tags.size()));
        }
        for (int i = 0; i < tags.size() && i < limits.tagsMax(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.isBlank())
                errors.add(new FieldError(prefix + "tags[" + i + "]", "tags must be non-empty strings"));
            else textField(errors, prefix + "tags[" + i + "]", tag, limits.tagCharsMax());
        }
        if (!images.isEmpty() && s != null && !s.acceptsImages()) {
            errors.add(
                    new FieldError(prefix + "images", "images are only accepted on surfaces note, profile and output"));
        }
        if (images.size() > limits.imagesMax()) {
            errors.add(new FieldError(
                    prefix + "images", "at most " + limits.imagesMax() + " images, got " + images.size()));
        }
        for (int i = 0; i < images.size() && i < limits.imagesMax(); i++) {
            String ref = images.get(i);
            if (ref == null || ref.isBlank())
                errors.add(new FieldError(prefix + "images[" + i + "]", "image references must be non-empty strings"));
            else textField(errors, prefix + "images[" + i + "]", ref, limits.imageRefCharsMax());
        }
        return errors;
    }

    private static void identifier(
            List<FieldError> errors, String field, String value, boolean required, int charsMax) {
        if (value == null) {
            if (required)
                errors.add(new FieldError(field, field.substring(field.lastIndexOf('.') + 1) + " is required"));
            return;
        }
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (value.length() > charsMax) {
            errors.add(new FieldError(field, "is " + value.length() + " characters; the limit is " + charsMax));
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c))) {
            errors.add(new FieldError(field, "must not contain control characters or unpaired surrogates"));
        }
    }

    /**
     * A stream id is matched exactly, so it must be printable: no control, format (zero-width),
     * private-use, unassigned or separator characters but the space, which would make two ids
     * that look alike name different streams.
     */
    private static void streamIdentifier(List<FieldError> errors, String field, String value, int charsMax) {
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return;
        }
        if (value.length() > charsMax) {
            errors.add(new FieldError(field, "is " + value.length() + " characters; the limit is " + charsMax));
            return;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            boolean printable = switch (Character.getType(cp)) {
                case Character.CONTROL,
                        Character.FORMAT,
                        Character.SURROGATE,
                        Character.PRIVATE_USE,
                        Character.UNASSIGNED,
                        Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR -> false;
                case Character.SPACE_SEPARATOR -> cp == ' ';
                default -> true;
            };
            if (!printable) {
                errors.add(new FieldError(
                        field,
                        String.format(
                                "must be printable: U+%04X at index %d is a control, format or separator character",
                                cp, i)));
                return;
            }
            i += Character.charCount(cp);
        }
    }

    private static void textField(List<FieldError> errors, String field, String value, int charsMax) {
        if (value.length() > charsMax) {
            errors.add(new FieldError(field, "is " + value.length() + " characters; the limit is " + charsMax));
            return;
        }
        // PostgreSQL cannot store U+0000 in text, and a lone surrogate is not a character: both
        // would otherwise fail deep in storage instead of here with a useful message.
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                errors.add(new FieldError(field, "contains a NUL character (U+0000) at index " + i));
                return;
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                errors.add(new FieldError(field, "contains an unpaired surrogate at index " + i));
                return;
            }
        }
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
