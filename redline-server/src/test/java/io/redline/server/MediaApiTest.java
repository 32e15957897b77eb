package io.redline.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.media.AigcLabel;
import io.redline.media.ImplicitLabelWriter;
import io.redline.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

class MediaApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(TestDatabases.sqliteConfig());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0x336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    HttpResponse<String> inspect(byte[] file, String query) {
        return server.send("POST", "/v1/media/inspect" + query, server.tokens.get(Role.CREATOR), file, Map.of("Content-Type", "image/png"));
    }

    @Test
    void anImplicitLabelMakesTheMarkConfirmed() throws Exception {
        byte[] labelled = ImplicitLabelWriter.write(png(32, 24), AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, "acme-gen", "job-77"));
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
        assertThat(TestServer.json(inspect(png(8, 8), "")).path("mark").asText()).isEqualTo("none");
        assertThat(TestServer.json(inspect(png(8, 8), "?aiGenerated=true")).path("mark").asText()).isEqualTo("possible");
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
