package io.redline.policy;

import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.CredentialStatus;
import io.redline.vocabulary.Surface;
import java.util.ArrayList;
import java.util.List;

/** Builds policy inputs in tests: {@code In.on(Surface.COMMENT).hit("phone", "drainage", 80).build()}. */
final class In {
    private final Surface surface;
    private int textLength = 120;
    private boolean linksPresent;
    private boolean aiDeclared;
    private AiMark aiMark = AiMark.NONE;
    private final List<HitFact> hits = new ArrayList<>();
    private int riskScore;
    private AuthorFacts author = new AuthorFacts(365, 5, 0, 0);
    private final List<CredentialFact> credentials = new ArrayList<>();

    private In(Surface surface) {
        this.surface = surface;
    }

    static In on(Surface surface) {
        return new In(surface);
    }

    In hit(String detector, String category, int severity) {
        hits.add(new HitFact(detector, category, severity, "term" + hits.size()));
        return this;
    }

    In length(int chars) {
        this.textLength = chars;
        return this;
    }

    In links() {
        this.linksPresent = true;
        return this;
    }

    In aiDeclared() {
        this.aiDeclared = true;
        return this;
    }

    In aiMark(AiMark mark) {
        this.aiMark = mark;
        return this;
    }

    In risk(int score) {
        this.riskScore = score;
        return this;
    }

    In author(int accountAgeDays, int trustLevel, int priorStrikes, int openReports) {
        this.author = new AuthorFacts(accountAgeDays, trustLevel, priorStrikes, openReports);
        return this;
    }

    /** An uploaded image with a Content Credential in this state declaring {@code sourceType} (or null). */
    In credential(CredentialStatus status, String sourceType) {
        credentials.add(new CredentialFact(status, sourceType));
        return this;
    }

    PolicyInput build() {
        return new PolicyInput(
                surface, textLength, linksPresent, aiDeclared, aiMark, hits, riskScore, author, false, credentials);
    }
}
