package io.redline.decision;

import io.redline.media.scan.CodeKind;
import io.redline.media.scan.FoundCode;
import io.redline.policy.AuthorFacts;
import io.redline.policy.HitFact;
import io.redline.policy.Policy;
import io.redline.policy.PolicyInput;
import io.redline.policy.Verdict;
import io.redline.text.Hit;
import io.redline.text.Screener;
import io.redline.text.Screening;
import io.redline.text.stream.CrossLineHit;
import io.redline.text.stream.LinePart;
import io.redline.text.stream.PriorLine;
import io.redline.text.stream.StreamScreening;
import io.redline.vocabulary.DetectorIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns content into a decision: screen every field, then evaluate a policy. Pure: no I/O, no
 * clock but a stopwatch for latency, thread-safe.
 *
 * <p>Title, text and each tag are screened separately, so a hit's span points into the field the
 * author wrote (the console highlights exactly that) and no match spans two fields by accident.
 */
public final class Decider {
    /** Detectors whose hits mean the content carries a link or an address to go elsewhere. */
    private static final List<String> LINK_DETECTORS = List.of(DetectorIds.URL, DetectorIds.EMAIL);

    /** The category of a picture whose text could not be read. */
    static final String NOT_SCANNED_CATEGORY = "not_scanned";

    private Decider() {}

    public static Assessment decide(ContentSnapshot content, AuthorFacts author, Policy policy, Screener screener) {
        return decide(content, author, false, policy, screener);
    }

    /** @param suspectedRepost whether the rights capability linked the content as a near-copy of another author's item */
    public static Assessment decide(
            ContentSnapshot content, AuthorFacts author, boolean suspectedRepost, Policy policy, Screener screener) {
        long t0 = System.nanoTime();
        ContentScreening screening = screen(content, screener);
        Verdict verdict = evaluate(content, screening, author, suspectedRepost, policy);
        return new Assessment(screening, verdict, (System.nanoTime() - t0) / 1_000);
    }

    public static ContentScreening screen(ContentSnapshot content, Screener screener) {
        long t0 = System.nanoTime();
        List<EvidenceHit> hits = new ArrayList<>();
        List<Hit> all = new ArrayList<>();
        if (content.title() != null && !content.title().isEmpty())
            collect("title", content.title(), screener, hits, all);
        collect("text", content.text(), screener, hits, all);
        if (!content.earlier().isEmpty()) acrossItems(content, screener, hits, all);
        List<String> tags = content.tags();
        for (int i = 0; i < tags.size(); i++) collect("tags[" + i + "]", tags.get(i), screener, hits, all);
        List<HitFact> facts = new ArrayList<>(hits.size());
        boolean links = false;
        for (Hit h : all) {
            facts.add(new HitFact(h.detector(), h.category(), h.severity(), h.term()));
            links |= LINK_DETECTORS.contains(h.detector());
        }
        for (PictureFindings p : content.pictures()) links |= pictures(p, hits, facts, all);
        String text = content.text();
        return new ContentScreening(
                hits,
                facts,
                Screening.riskScore(all),
                text.codePointCount(0, text.length()),
                links,
                screener.version(),
                System.nanoTime() - t0);
    }

    /** Evaluates a policy on a screening; AI signals come from the content ({@link ContentSnapshot#ai()}). */
    public static Verdict evaluate(
            ContentSnapshot content, ContentScreening screening, AuthorFacts author, Policy policy) {
        return evaluate(content, screening, author, false, policy);
    }

    /** {@link #evaluate(ContentSnapshot, ContentScreening, AuthorFacts, Policy)} with the repost fact. */
    public static Verdict evaluate(
            ContentSnapshot content,
            ContentScreening screening,
            AuthorFacts author,
            boolean suspectedRepost,
            Policy policy) {
        AiSignals ai = content.ai();
        PolicyInput input = new PolicyInput(
                content.surface(),
                screening.textLength(),
                screening.linksPresent(),
                ai.aiDeclared(),
                ai.aiMark(),
                screening.facts(),
                screening.riskScore(),
                author,
                suspectedRepost,
                ai.credentials());
        return policy.evaluate(input);
    }

    /**
     * A picture's findings as evidence of kind {@code image} and as policy hits: each code (detector
     * {@code qr_code}, term its kind), each text hit in its recognised text (the text engine's own
     * detector and category, so the text rules apply to it), or one {@code image_not_scanned} hit
     * when its text could not be read. Returns whether a code leads somewhere (a link).
     */
    private static boolean pictures(PictureFindings p, List<EvidenceHit> out, List<HitFact> facts, List<Hit> all) {
        String field = "images[" + p.index() + "]";
        boolean links = false;
        for (FoundCode c : p.codes()) {
            CodeKind k = c.kind();
            out.add(new EvidenceHit(
                    field,
                    DetectorIds.QR_CODE,
                    k.category(),
                    k.severity(),
                    0,
                    0,
                    k.wireName(),
                    c.payload(),
                    false,
                    p.index(),
                    c.box().toList(),
                    null));
            facts.add(new HitFact(DetectorIds.QR_CODE, k.category(), k.severity(), k.wireName()));
            links |= k != CodeKind.OTHER;
        }
        for (PictureFindings.TextHit t : p.hits()) {
            Hit h = t.hit();
            out.add(new EvidenceHit(
                    field,
                    h.detector(),
                    h.category(),
                    h.severity(),
                    h.start(),
                    h.end(),
                    h.term(),
                    h.normalized(),
                    false,
                    p.index(),
                    t.box().toList(),
                    Math.round(t.confidence() * 100) / 100.0));
            facts.add(new HitFact(h.detector(), h.category(), h.severity(), h.term()));
            all.add(h);
            links |= LINK_DETECTORS.contains(h.detector());
        }
        if (!p.scanned()) {
            out.add(new EvidenceHit(
                    field,
                    DetectorIds.IMAGE_NOT_SCANNED,
                    NOT_SCANNED_CATEGORY,
                    0,
                    0,
                    0,
                    "not_scanned",
                    p.notScannedBecause(),
                    false,
                    p.index(),
                    null,
                    null));
            facts.add(new HitFact(DetectorIds.IMAGE_NOT_SCANNED, NOT_SCANNED_CATEGORY, 0, "not_scanned"));
        }
        return links;
    }

    /**
     * Hits the text completes with the author's earlier items in the stream ({@code 加} / {@code 我}
     * / {@code V} / {@code abc} / {@code 123}), located in this text and naming the earlier items
     * they needed: those their span reaches into, and before them those the hit is not found
     * without (a cue such as {@code 加我V}: a contact detector's span covers the id, not its cue).
     * The text engine bounds each screening to a few hundred characters of each earlier item; a
     * cross-line hit (rare) screens again at most once per earlier item to find its cue.
     */
    private static void acrossItems(ContentSnapshot content, Screener screener, List<EvidenceHit> out, List<Hit> all) {
        String self = Long.toString(content.id());
        List<PriorLine> earlier = content.earlier();
        for (CrossLineHit x : StreamScreening.across(screener, earlier, self, content.text())) {
            Hit h = x.hit();
            List<LinePart> spanned = x.parts().subList(0, x.parts().size() - 1);
            int first = 0;
            while (!earlier.get(first).id().equals(spanned.getFirst().lineId())) first++;
            int needed = first;
            for (int k = 0; k < first; k++) {
                if (!found(screener, earlier.subList(k + 1, earlier.size()), self, content.text(), h)) {
                    needed = k;
                    break;
                }
            }
            List<EvidenceHit.EarlierPart> parts = new ArrayList<>(first - needed + spanned.size());
            for (int i = needed; i < first; i++)
                parts.add(new EvidenceHit.EarlierPart(earlier.get(i).id(), null, null));
            for (LinePart p : spanned) parts.add(new EvidenceHit.EarlierPart(p.lineId(), p.start(), p.end()));
            out.add(new EvidenceHit(
                    "text",
                    h.detector(),
                    h.category(),
                    h.severity(),
                    h.start(),
                    h.end(),
                    h.term(),
                    h.normalized(),
                    false,
                    null,
                    null,
                    null,
                    parts));
            all.add(h);
        }
    }

    /** Whether the same hit (detector, term, span in the text) is still assembled from {@code earlier}. */
    private static boolean found(Screener screener, List<PriorLine> earlier, String self, String text, Hit hit) {
        if (earlier.isEmpty()) return false;
        for (CrossLineHit x : StreamScreening.across(screener, earlier, self, text)) {
            Hit h = x.hit();
            if (h.start() == hit.start()
                    && h.end() == hit.end()
                    && h.detector().equals(hit.detector())
                    && java.util.Objects.equals(h.term(), hit.term())) return true;
        }
        return false;
    }

    private static void collect(String field, String value, Screener screener, List<EvidenceHit> out, List<Hit> all) {
        Screening s = screener.screen(value);
        for (Hit h : s.hits()) {
            out.add(new EvidenceHit(
                    field,
                    h.detector(),
                    h.category(),
                    h.severity(),
                    h.start(),
                    h.end(),
                    h.term(),
                    h.normalized(),
                    false));
            all.add(h);
        }
    }
}
