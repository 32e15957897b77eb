package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.media.AigcLabel;
import io.redline.media.ImplicitLabelWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MediaApiTest extends SharedServerTest {

    static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0x336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    HttpResponse<String> inspect(byte[] file, String query) {
        return server.send(
                "POST",
                "/v1/media/inspect" + query,
                server.tokens.get(Role.CREATOR),
                file,
                Map.of("Content-Type", "image/png"));
    }

    @Test
    void anImplicitLabelMakesTheMarkConfirmed() throws Exception {
        byte[] labelled = ImplicitLabelWriter.write(
                png(32, 24), AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, "acme-gen", "job-77"));
        HttpResponse<String> r = inspect(labelled, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = TestServer.json(r);
        assertThat(body.path("mark").asText()).isEqualTo("confirmed");
        assertThat(body.path("aigc").path("ContentProducer").asText()).isEqualTo("acme-gen");
        assertThat(body.path("aigc").path("ProduceID").asText()).isEqualTo("job-77");
        assertThat(body.path("width").asInt()).isEqualTo(32);
    }

    @Test
    void anUnlabelledImageIsNoneUnlessTheAuthorDeclaresIt() throws Exception {
        assertThat(TestServer.json(inspect(png(8, 8), "")).path("mark").asText())
                .isEqualTo("none");
        assertThat(TestServer.json(inspect(png(8, 8), "?aiGenerated=true"))
                        .path("mark")
                        .asText())
                .isEqualTo("possible");
    }

    @Test
    void contentWithAnUploadedImageCarriesTheMarkAndAServedLabelledCopy() throws Exception {
        byte[] generated = ImplicitLabelWriter.write(
                png(16, 16), AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, "acme-gen", "job-1"));
        String boundary = "----redline" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n"
                        + "{\"surface\":\"note\",\"authorId\":\"alice\",\"title\":\"AI 小猫\",\"text\":\"新模型画的\"}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"cat.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(generated);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = server.send(
                "POST",
                "/v1/contents",
                server.tokens.get(Role.CREATOR),
                body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode content = TestServer.json(r);
        assertThat(content.path("aiMark").asText()).isEqualTo("confirmed");
        assertThat(content.path("aiLabel").asText()).contains("AI");
        JsonNode upload = content.path("uploads").get(0);
        assertThat(upload.path("aigc").path("ContentPropagator").asText()).isEqualTo("redline");

        HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        server.url(upload.path("url").asText())))
                                .header("Authorization", "Bearer " + server.tokens.get(Role.CREATOR))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        var reread = io.redline.media.MediaInspector.inspect(file.body(), io.redline.media.MediaLimits.defaults());
        assertThat(reread.aigc().propagateId()).isEqualTo(content.path("id").asText());
        assertThat(reread.aigc().contentProducer()).isEqualTo("acme-gen");
        assertThat(server.get(upload.path("url").asText(), Role.SERVICE).statusCode())
                .isEqualTo(200);
    }

    @Test
    void brokenFilesAndBombsAreClientErrors() throws Exception {
        assertThat(inspect("not an image".getBytes(), "").statusCode()).isEqualTo(422);
        byte[] truncated = Arrays.copyOf(png(16, 16), 40);
        assertThat(inspect(truncated, "").statusCode()).isEqualTo(422);
        assertThat(inspect(new byte[0], "").statusCode()).isEqualTo(400);

        // A PNG whose header declares 100000 x 100000 pixels: refused from the header, never decoded.
        byte[] bomb = png(4, 4);
        ByteBuffer.wrap(bomb, 16, 8).putInt(100_000).putInt(100_000);
        CRC32 crc = new CRC32();
        crc.update(bomb, 12, 17);
        ByteBuffer.wrap(bomb, 29, 4).putInt((int) crc.getValue());
        HttpResponse<String> r = inspect(bomb, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(TestServer.json(r).path("detail").asText()).containsIgnoringCase("pixel");
        assertThat(server.get("/healthz", Role.ADMIN).statusCode()).isEqualTo(200);
    }
}
