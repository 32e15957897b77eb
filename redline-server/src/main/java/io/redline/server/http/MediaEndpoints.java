package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import io.redline.media.Inspection;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** {@code POST /v1/media/inspect}: which AI-generation labels and traces an image carries (nothing is stored). */
public final class MediaEndpoints {
    private final MediaLimits limits;
    private final Bodies bodies;

    private final ComputePool screening;

    public MediaEndpoints(MediaLimits limits, Bodies bodies, ComputePool screening) {
        this.limits = limits;
        this.bodies = bodies;
        this.screening = screening;
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
                return MediaInspector.inspect(file, limits);
            } catch (MediaFormatException e) {
                int status = e.kind() == MediaFormatException.Kind.LIMIT_EXCEEDED ? 413 : 422;
                throw new ApiException(
                        status, status == 413 ? "Content Too Large" : "Unprocessable Content", e.getMessage());
            }
        });
        boolean declared = "true".equals(ctx.queryParam("aiGenerated"));
        ctx.json(inspection.withAuthorDeclaration(declared).toMap());
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
