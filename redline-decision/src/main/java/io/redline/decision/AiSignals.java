package io.redline.decision;

import io.redline.policy.CredentialFact;
import io.redline.vocabulary.AiMark;
import java.util.List;
import java.util.Objects;

/**
 * What is known about whether content is AI-generated and where it came from: the author's
 * declaration and the mark intake derived from it and from uploaded images' labels (intake's
 * {@code Content#aiDeclared} and {@code Content#aiMark}), and the Content Credentials the
 * images carried ({@code ContentImage#credential}); {@link #NONE} when none says anything.
 */
public record AiSignals(boolean aiDeclared, AiMark aiMark, List<CredentialFact> credentials) {
    public static final AiSignals NONE = new AiSignals(false, AiMark.NONE, List.of());

    /** Signals without Content Credentials. */
    public AiSignals(boolean aiDeclared, AiMark aiMark) {
        this(aiDeclared, aiMark, List.of());
    }

    public AiSignals {
        Objects.requireNonNull(aiMark, "aiMark");
        credentials = List.copyOf(credentials);
    }
}
