package io.redline.policy;

import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.Surface;
import java.util.List;
import java.util.Objects;

/**
 * Everything a policy may look at for one piece of content. Built by the caller from the text
 * engine's screening result, the media engine's AI mark and the author's account facts.
 *
 * @param surface      where the content appears
 * @param textLength   length of the text in characters (code points or chars, as the caller counts)
 * @param linksPresent whether the content carries links
 * @param aiDeclared   whether the author declared the content AI-generated
 * @param aiMark       the media engine's AI mark; {@link AiMark#NONE} when nothing was found
 * @param hits         detector hits in the engine's order
 * @param riskScore    the text engine's overall risk, 0..100
 * @param author       the author's account facts
 * @param suspectedRepost whether the content is linked as a near-copy of an earlier item by another author
 * @param credentials the Content Credentials of the content's uploaded images (empty when none carries one)
 */
public record PolicyInput(
        Surface surface,
        int textLength,
        boolean linksPresent,
        boolean aiDeclared,
        AiMark aiMark,
        List<HitFact> hits,
        int riskScore,
        AuthorFacts author,
        boolean suspectedRepost,
        List<CredentialFact> credentials) {

    /** Content whose images carry no Content Credentials. */
    public PolicyInput(
            Surface surface,
            int textLength,
            boolean linksPresent,
            boolean aiDeclared,
            AiMark aiMark,
            List<HitFact> hits,
            int riskScore,
            AuthorFacts author,
            boolean suspectedRepost) {
        this(
                surface,
                textLength,
                linksPresent,
                aiDeclared,
                aiMark,
                hits,
                riskScore,
                author,
                suspectedRepost,
                List.of());
    }

    /** Content that is not a suspected repost (callers without a copy index). */
    public PolicyInput(
            Surface surface,
            int textLength,
            boolean linksPresent,
            boolean aiDeclared,
            AiMark aiMark,
            List<HitFact> hits,
            int riskScore,
            AuthorFacts author) {
        this(surface, textLength, linksPresent, aiDeclared, aiMark, hits, riskScore, author, false);
    }

    public PolicyInput {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(aiMark, "aiMark");
        Objects.requireNonNull(author, "author");
        hits = List.copyOf(hits);
        credentials = List.copyOf(credentials);
        if (textLength < 0) {
            throw new IllegalArgumentException("textLength must be >= 0, got " + textLength);
        }
        if (riskScore < 0 || riskScore > 100) {
            throw new IllegalArgumentException("riskScore must be 0..100, got " + riskScore);
        }
    }
}
