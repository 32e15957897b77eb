package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import io.redline.decision.DecidedIntake;
import io.redline.decision.Decision;
import io.redline.decision.Decisions;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.intake.Content;
import io.redline.intake.ContentImage;
import io.redline.intake.ContentPage;
import io.redline.intake.ContentQuery;
import io.redline.intake.ImageUpload;
import io.redline.intake.Intake;
import io.redline.intake.Receipt;
import io.redline.intake.SubmissionBody;
import io.redline.media.TextLabel;
import io.redline.vocabulary.AsciiDecimal;
import io.redline.vocabulary.Surface;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v1/contents}: submit, batch-submit, read and list content. */
public final class ContentEndpoints {
    static final Set<Role> SUBMITTERS = EnumSet.of(Role.ADMIN, Role.SERVICE, Role.CREATOR);
    static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.SERVICE, Role.CREATOR, Role.REVIEWER, Role.AUDITOR);
    static final Set<Role> STAFF =
            EnumSet.of(Role.ADMIN, Role.SERVICE, Role.REVIEWER, Role.AUDITOR, Role.POLICY_EDITOR);
    static final int PAGE_SIZE_DEFAULT = 50;

    private final Intake intake;
    private final DecidedIntake decidedIntake;
    private final Decisions decisions;
    private final Bodies bodies;
    private final long mediaBytesMax;
    /** Copy links (redline-rights), read for {@code copyOf}; null when the rights capability is not wired. */
    private final io.redline.rights.consent.ConsentRegistry rights;

    public ContentEndpoints(
            Intake intake, DecidedIntake decidedIntake, Decisions decisions, Bodies bodies, long mediaBytesMax) {
        this(intake, decidedIntake, decisions, bodies, mediaBytesMax, null);
    }

    /** @param rights where copy links are read, so {@code GET /v1/contents/{id}} shows {@code copyOf} */
    public ContentEndpoints(
            Intake intake,
            DecidedIntake decidedIntake,
            Decisions decisions,
            Bodies bodies,
            long mediaBytesMax,
            io.redline.rights.consent.ConsentRegistry rights) {
        this.rights = rights;
        this.intake = intake;
        this.decidedIntake = decidedIntake;
        this.decisions = decisions;
        this.bodies = bodies;
        this.mediaBytesMax = mediaBytesMax;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HandlerType.POST, "/v1/contents", SUBMITTERS, "Submit one content item", this::submit),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/contents:batch",
                        SUBMITTERS,
                        "Submit a batch of content items (all or nothing)",
                        this::submitBatch),
                Endpoint.of(HandlerType.GET, "/v1/contents/{id}", READERS, "Read one content item", this::get),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/contents/{id}/decisions",
                        STAFF,
                        "Decision history of a content item, oldest first",
                        this::history),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/contents/{id}/uploads/{index}",
                        READERS,
                        "Download an uploaded image as stored (with the platform's AIGC propagation label)",
                        this::upload),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/contents",
                        READERS,
                        "List content items, newest first, with a cursor",
                        this::list));
    }

    /** A batch's JSON body: items as a single submission's body ({@link SubmissionBody}, shared with Kafka). */
    record BatchBody(List<SubmissionBody> items) {}

    /**
     * @param aiLabel the notice to show beside AI-generated content (null when the mark is none): the
     *                explicit text label the rules require, as a structured field
     */
    record ContentView(
            String id,
            String surface,
            String authorId,
            String externalId,
            String streamId,
            String title,
            String text,
            List<String> tags,
            List<String> images,
            String createdAt,
            boolean aiDeclared,
            String aiMark,
            String aiLabel,
            List<UploadView> uploads,
            String status,
            DecisionView decision,
            CopyOfView copyOf) {
        static ContentView of(Content c) {
            return of(c, null, false);
        }

        /** With the current decision; an author sees only its outcome, staff see its evidence. */
        static ContentView of(Content c, Decision d, boolean forCreator) {
            return new ContentView(
                    Long.toString(c.id()),
                    c.surface().wireName(),
                    c.authorId(),
                    c.externalId(),
                    c.streamId(),
                    c.title(),
                    c.text(),
                    c.tags(),
                    c.images(),
                    c.createdAt().toString(),
                    c.aiDeclared(),
                    c.aiMark(),
                    "none".equals(c.aiMark()) ? null : TextLabel.DEFAULT.prefix(),
                    c.uploaded().stream().map(UploadView::of).toList(),
                    d == null ? "pending" : "decided",
                    d == null ? null : forCreator ? DecisionView.forCreator(d) : DecisionView.full(d),
                    null);
        }

        ContentView withCopyOf(CopyOfView copy) {
            return new ContentView(
                    id,
                    surface,
                    authorId,
                    externalId,
                    streamId,
                    title,
                    text,
                    tags,
                    images,
                    createdAt,
                    aiDeclared,
                    aiMark,
                    aiLabel,
                    uploads,
                    status,
                    decision,
                    copy);
        }
    }

    /**
     * The earlier item this one nearly copies (linked at intake by redline-rights). A creator sees
     * the original's id and the similarity, not who wrote it: that is the other creator's data.
     */
    record CopyOfView(String id, double similarity, String authorId, String linkedAt) {
        static CopyOfView of(io.redline.rights.consent.CopyLink l, boolean forCreator) {
            return new CopyOfView(
                    l.originalId(),
                    Math.round(l.similarity() * 1000) / 1000.0,
                    forCreator ? null : l.originalAuthorId(),
                    l.linkedAt().toString());
        }
    }

    record UploadView(
            int index,
            String url,
            String mediaType,
            int width,
            int height,
            long bytes,
            String sha256,
            String aiMark,
            List<String> evidence,
            Map<String, String> aigc) {
        static UploadView of(ContentImage i) {
            return new UploadView(
                    i.index(),
                    "/v1/contents/" + i.contentId() + "/uploads/" + i.index(),
                    i.mediaType(),
                    i.width(),
                    i.height(),
                    i.bytes(),
                    i.sha256(),
                    i.aiMark(),
                    i.evidence(),
                    i.aigc());
        }
    }

    record BatchView(List<ContentView> items, boolean replayed) {}

    record PageView(List<ContentView> items, String nextCursor) {}

    private void submit(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        boolean wait = waitRequested(ctx);
        SubmissionBody body;
        List<ImageUpload> uploads = new ArrayList<>();
        String type = ctx.contentType();
        if (type != null && type.startsWith("multipart/form-data")) {
            body = bodies.json(
                    Bodies.multipart(() -> ctx.formParam("item"), mediaBytesMax),
                    SubmissionBody.class,
                    "form field 'item'");
            for (UploadedFile f : Bodies.multipart(() -> ctx.uploadedFiles("images"), mediaBytesMax)) {
                uploads.add(new ImageUpload(fileName(f.filename()), uploadBytes(f)));
            }
        } else {
            body = bodies.json(ctx, SubmissionBody.class);
        }
        // With ?wait=true the first decision commits with the content: one transaction, one fsync.
        DecidedIntake.Submitted s =
                decidedIntake.submit(who, body.toSubmission(), uploads, ctx.header("Idempotency-Key"), wait);
        Receipt r = s.receipts().get(0);
        ctx.header("Location", "/v1/contents/" + r.content().id());
        if (r.replayed()) ctx.header("Idempotent-Replayed", "true");
        ctx.status(r.replayed() ? 200 : 201);
        bodies.reply(ctx, ContentView.of(r.content(), s.decisionOf(r), who.role() == Role.CREATOR));
    }

    private void submitBatch(Context ctx) {
        BatchBody body = bodies.json(ctx, BatchBody.class);
        if (body.items() == null)
            throw ApiException.unprocessable("field 'items' is required: an array of content items");
        if (body.items().stream().anyMatch(java.util.Objects::isNull))
            throw ApiException.unprocessable("batch items must be objects, not null");
        Principal who = HttpApi.principal(ctx);
        boolean wait = waitRequested(ctx);
        DecidedIntake.Submitted s = decidedIntake.submitBatch(
                who,
                body.items().stream().map(SubmissionBody::toSubmission).toList(),
                ctx.header("Idempotency-Key"),
                wait);
        boolean replayed = s.receipts().stream().allMatch(Receipt::replayed);
        if (replayed) ctx.header("Idempotent-Replayed", "true");
        boolean creator = who.role() == Role.CREATOR;
        ctx.status(replayed ? 200 : 201)
                .json(new BatchView(
                        s.receipts().stream()
                                .map(r -> ContentView.of(r.content(), s.decisionOf(r), creator))
                                .toList(),
                        replayed));
    }

    private void get(Context ctx) {
        long id = parseId(ctx.pathParam("id"));
        Principal who = HttpApi.principal(ctx);
        Content c = intake.find(who, id).orElseThrow(() -> ApiException.notFound("no content with id " + id));
        boolean creator = who.role() == Role.CREATOR;
        ContentView view = ContentView.of(c, decisions.current(id).orElse(null), creator);
        if (rights != null) {
            var link = rights.copyOf(Long.toString(id));
            if (link.isPresent()) view = view.withCopyOf(CopyOfView.of(link.get(), creator));
        }
        ctx.json(view);
    }

    private void history(Context ctx) {
        long id = parseId(ctx.pathParam("id"));
        if (intake.find(id).isEmpty()) throw ApiException.notFound("no content with id " + id);
        ctx.json(Map.of(
                "items", decisions.history(id).stream().map(DecisionView::full).toList()));
    }

    /** {@code ?wait=true}: decide before answering and return the decision. */
    private static boolean waitRequested(Context ctx) {
        String wait = ctx.queryParam("wait");
        if (wait == null || wait.equals("false")) return false;
        if (wait.equals("true")) return true;
        throw ApiException.badRequest("wait must be true or false");
    }

    /** A file name is shown to reviewers and stored: no control characters, no unpaired surrogates, at most 255 characters. */
    static String fileName(String name) {
        if (name == null) return null;
        if (name.length() > 255)
            throw ApiException.unprocessable("an uploaded file name is longer than 255 characters");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                throw ApiException.unprocessable(
                        "an uploaded file name contains a control character or an unpaired surrogate at index " + i);
            }
        }
        return name;
    }

    private byte[] uploadBytes(UploadedFile f) {
        if (f.size() > mediaBytesMax) {
            throw new ApiException(
                    413,
                    "Content Too Large",
                    "image '" + f.filename() + "' is " + f.size() + " bytes; the limit is " + mediaBytesMax
                            + " bytes (media.fileBytesMax)");
        }
        try (InputStream in = f.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw ApiException.badRequest("could not read image '" + f.filename() + "': " + e.getMessage());
        }
    }

    private void upload(Context ctx) {
        long id = parseId(ctx.pathParam("id"));
        long parsed = AsciiDecimal.parse(ctx.pathParam("index")).orElse(-1);
        if (parsed < 0 || parsed > Integer.MAX_VALUE)
            throw ApiException.badRequest("image index must be a number from 0 (the first upload)");
        int index = (int) parsed;
        Intake.StoredImage img = intake.image(HttpApi.principal(ctx), id, index)
                .orElseThrow(() -> ApiException.notFound("no uploaded image " + index + " on content " + id));
        ctx.contentType(img.image().mediaType())
                .header("Cache-Control", "private, max-age=86400")
                .header("X-Content-Type-Options", "nosniff")
                .result(img.bytes());
    }

    private void list(Context ctx) {
        String surfaceParam = ctx.queryParam("surface");
        Surface surface = surfaceParam == null
                ? null
                : Surface.parse(surfaceParam)
                        .orElseThrow(() -> ApiException.badRequest(
                                "unknown surface '" + surfaceParam + "': expected one of " + Surface.EXPECTED));
        int limit = QueryParams.limit(ctx, PAGE_SIZE_DEFAULT, ContentQuery.LIMIT_MAX);
        String cursor = ctx.queryParam("cursor");
        Principal who = HttpApi.principal(ctx);
        ContentPage page = intake.list(
                who,
                new ContentQuery(
                        ctx.queryParam("authorId"), surface, cursor == null ? null : decodeCursor(cursor), limit));
        Map<Long, Decision> decided =
                decisions.currentOf(page.items().stream().map(Content::id).toList());
        boolean creator = who.role() == Role.CREATOR;
        ctx.json(new PageView(
                page.items().stream()
                        .map(c -> ContentView.of(c, decided.get(c.id()), creator))
                        .toList(),
                page.nextBeforeId() == null ? null : encodeCursor(page.nextBeforeId())));
    }

    static long parseId(String raw) {
        long id = AsciiDecimal.parse(raw).orElse(0);
        if (id > 0) return id;
        throw ApiException.badRequest("'" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw)
                + "' is not a content id; ids are positive decimal numbers sent as strings");
    }

    /** Cursors are opaque to clients (base64url of the last id) so we may change their meaning later. */
    static String encodeCursor(long beforeId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(ByteBuffer.allocate(8).putLong(beforeId).array());
    }

    static long decodeCursor(String cursor) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            if (raw.length == 8) return ByteBuffer.wrap(raw).getLong();
        } catch (IllegalArgumentException ignored) {
            // fall through to the client error
        }
        throw ApiException.badRequest("invalid cursor: pass the nextCursor value of the previous page unchanged");
    }
}
