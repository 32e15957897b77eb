package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import io.redline.decision.PictureScreener;
import io.redline.media.C2paTrust;
import io.redline.media.Inspection;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import io.redline.text.Screener;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code POST /v1/media/inspect}: which AI-generation labels and traces an image carries (nothing is stored). */
public final class MediaEndpoints {
    private final MediaLimits limits;
    private final Bodies bodies;

    private final ComputePool screening;
    private PictureScreener pictures;
    private Supplier<Screener> screener;

    private final C2paTrust trust;

    public MediaEndpoints(MediaLimits limits, Bodies bodies, ComputePool screening) {
        this(limits, bodies, screening, C2paTrust.none());
    }

    /** @param trust C2PA trust anchors ({@code media.c2pa.trustAnchorsFile}) for the credential's validation */
    public MediaEndpoints(MediaLimits limits, Bodies bodies, ComputePool screening, C2paTrust trust) {
        this.limits = limits;
        this.bodies = bodies;
        this.screening = screening;
        this.trust = trust;
    }

    /** Also scan what the picture shows (codes, text screened by {@code screener}); answered as {@code scan}. */
    public MediaEndpoints withPictures(PictureScreener pictures, Supplier<Screener> screener) {
        this.pictures = pictures;
        this.screener = screener;
        return this;
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of(
                HandlerType.POST,
                "/v1/media/inspect",
                Endpoint.anyRole(),
                "Inspect an image's AI-generation labels (TC260 AIGC, C2PA, IPTC, generator traces)",
                this::inspect));
    }

    private void inspect(Context ctx) {
        byte[] file = upload(ctx);
        if (file.length == 0)
            throw ApiException.badRequest("the request body is empty: send the image bytes (PNG, JPEG or WebP)");
        // Parsing images is CPU work: on the screening pool, off the HTTP carriers.
        Inspection inspection = screening.call(HttpApi.principal(ctx).tokenId(), () -> {
            try {
                return MediaInspector.inspect(file, limits, trust);
            } catch (MediaFormatException e) {
                int status = e.kind() == MediaFormatException.Kind.LIMIT_EXCEEDED ? 413 : 422;
                throw new ApiException(
                        status, status == 413 ? "Content Too Large" : "Unprocessable Content", e.getMessage());
            }
        });
        boolean declared = "true".equals(ctx.queryParam("aiGenerated"));
        Map<String, Object> out =
                new LinkedHashMap<>(inspection.withAuthorDeclaration(declared).toMap());
        // The scan runs on the picture pool (PictureScreener), not on the screening threads.
        if (pictures != null)
            out.put("scan", pictures.screen(0, file, screener.get()).toMap());
        ctx.json(out);
    }

    /** Raw image bytes, or the first file of a multipart form. */
    private byte[] upload(Context ctx) {
        String type = ctx.contentType();
        if (type != null && type.startsWith("multipart/form-data")) {
            List<UploadedFile> files = Bodies.multipart(ctx::uploadedFiles, limits.fileBytesMax());
            if (files.isEmpty()) throw ApiException.badRequest("the multipart form has no file part");
            UploadedFile f = files.get(0);
            if (f.size() > limits.fileBytesMax()) {
                throw new ApiException(
                        413,
                        "Content Too Large",
                        "the file is " + f.size() + " bytes; the limit is " + limits.fileBytesMax()
                                + " bytes (media.fileBytesMax)");
            }
            try (InputStream in = f.content()) {
                return in.readNBytes((int) limits.fileBytesMax());
            } catch (IOException e) {
                throw ApiException.badRequest("could not read the uploaded file: " + e.getMessage());
            }
        }
        return bodies.bytes(ctx, limits.fileBytesMax(), "media.fileBytesMax");
    }
}
