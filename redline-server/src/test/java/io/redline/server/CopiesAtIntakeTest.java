package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.audit.AuditQuery;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Copies at intake, over real HTTP on SQLite and PostgreSQL: a near-copy of another author's
 * earlier note is linked ({@code copyOf} with the similarity), the default policy sends it to
 * review on notes (not on comments), it inherits the original's consent, the worker links what
 * nobody waited for, and a restarted server still knows every earlier item.
 */
class CopiesAtIntakeTest {
    static final String ORIGINAL = "周末去了城西那家新开的咖啡馆，手冲的耶加雪菲很惊艳。店里人不多，窗边的位置能晒到太阳。" + "老板说豆子每周现烘，推荐大家工作日下午去，环境安静适合看书。";
    /** The same note, lightly edited: punctuation changed, sentences reordered, a hashtag and an emoji added, traditional characters. */
    static final String REPOST =
            "老闆說豆子每周現烘，推薦大家工作日下午去，環境安靜適合看書!! 周末去了城西那家新开的咖啡馆…手冲的耶加雪菲很惊艳😍 " + "店里人不多，窗边的位置能晒到太阳 #探店#";

    static Stream<Named<Supplier<StoreConfig>>> stores() {
        return Stream.of(
                Named.of("sqlite", TestDatabases::sqliteConfig), Named.of("postgresql", TestDatabases::postgresConfig));
    }

    private static String token(TestServer s, String author) {
        return s.server()
                .tokens()
                .create(new TokenRequest(Role.CREATOR, author, author), "test")
                .secret();
    }

    private static JsonNode post(TestServer s, String token, String surface, String author, String text, boolean wait) {
        String body = TestServer.JSON
                .createObjectNode()
                .put("surface", surface)
                .put("authorId", author)
                .put("text", text)
                .toString();
        HttpResponse<String> r = s.send(
                "POST",
                "/v1/contents" + (wait ? "?wait=true" : ""),
                token,
                body.getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r);
    }

    private static JsonNode read(TestServer s, String token, String id) {
        HttpResponse<String> r = s.send("GET", "/v1/contents/" + id, token, null, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aNearCopyOfAnotherAuthorsNoteIsLinkedReviewedAndInheritsItsConsent(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            String alice = s.tokens.get(Role.CREATOR);
            String bob = token(s, "bob");
            String carol = token(s, "carol");
            JsonNode original = post(s, alice, "note", "alice", ORIGINAL, true);
            assertThat(original.path("decision").path("action").asText()).isNotEqualTo("review");
            String originalId = original.path("id").asText();

            JsonNode copy = post(s, bob, "note", "bob", REPOST, true);
            assertThat(copy.path("decision").path("action").asText()).isEqualTo("review");
            assertThat(copy.path("decision").path("reasonCode").asText()).isEqualTo("suspected_repost");
            String copyId = copy.path("id").asText();

            JsonNode seenByBob = read(s, bob, copyId).path("copyOf");
            assertThat(seenByBob.path("id").asText()).isEqualTo(originalId);
            assertThat(seenByBob.path("similarity").asDouble()).isBetween(0.6, 1.0);
            assertThat(seenByBob.path("authorId").isNull())
                    .as("a creator does not learn who wrote the original")
                    .isTrue();
            assertThat(read(s, s.tokens.get(Role.REVIEWER), copyId)
                            .path("copyOf")
                            .path("authorId")
                            .asText())
                    .isEqualTo("alice");
            assertThat(read(s, alice, originalId).path("copyOf").isNull()).isTrue();
            assertThat(s.send("GET", "/v1/contents/" + copyId, alice, null, Map.of())
                            .statusCode())
                    .as("alice cannot read bob's copy, nor its link")
                    .isEqualTo(404);

            // Bob allows training; his copy of alice's note (denied by default) still is not trainable.
            assertThat(s.send(
                                    "PUT",
                                    "/v1/rights/consent",
                                    bob,
                                    "{\"state\":\"platform_models\"}".getBytes(StandardCharsets.UTF_8),
                                    Map.of())
                            .statusCode())
                    .isEqualTo(200);
            JsonNode consent = TestServer.json(s.send("GET", "/v1/rights/consent/items/" + copyId, bob, null, Map.of()))
                    .path("consent");
            assertThat(consent.path("state").asText()).isEqualTo("denied");
            assertThat(consent.path("source").asText()).isEqualTo("original");

            // Alice reposting her own note is not a copy; a comment copying it is linked but not reviewed.
            JsonNode again = post(s, alice, "note", "alice", REPOST, true);
            assertThat(read(s, alice, again.path("id").asText()).path("copyOf").isNull())
                    .isTrue();
            assertThat(again.path("decision").path("reasonCode").asText()).isNotEqualTo("suspected_repost");
            JsonNode comment = post(s, carol, "comment", "carol", ORIGINAL, true);
            assertThat(comment.path("decision").path("action").asText()).isEqualTo("allow");
            assertThat(read(s, carol, comment.path("id").asText())
                            .path("copyOf")
                            .path("id")
                            .asText())
                    .isEqualTo(originalId);

            // Short common phrases are not reposts.
            post(s, alice, "note", "alice", "好看！求链接", true);
            JsonNode shortOne = post(s, bob, "note", "bob", "好看！求链接", true);
            assertThat(shortOne.path("decision").path("reasonCode").asText()).isNotEqualTo("suspected_repost");

            assertThat(s.server()
                            .audit()
                            .search(new AuditQuery("rights.copy.link", null, null, null, null, null, null, 50)))
                    .extracting(e -> e.event().target().id())
                    .containsExactlyInAnyOrder(copyId, comment.path("id").asText());
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theWorkerLinksCopiesNobodyWaitedForAndARestartedServerStillFindsEarlierNotes(Supplier<StoreConfig> store) {
        StoreConfig config = store.get();
        String originalId;
        try (TestServer s = new TestServer(config)) {
            originalId = post(s, s.tokens.get(Role.CREATOR), "note", "alice", ORIGINAL, false)
                    .path("id")
                    .asText();
            String copyId = post(s, token(s, "bob"), "note", "bob", REPOST, false)
                    .path("id")
                    .asText();
            String admin = s.tokens.get(Role.ADMIN);
            // A minute, not the default ten seconds: the worker polls, and on a loaded 2-core machine with PostgreSQL
            // it lags.
            JsonNode linked = io.redline.store.Eventually.get(
                    "the worker links the copy", java.time.Duration.ofMinutes(1), () -> {
                        JsonNode c = read(s, admin, copyId);
                        return c.path("copyOf").isObject() ? c : null;
                    });
            assertThat(linked.path("copyOf").path("id").asText()).isEqualTo(originalId);
        }
        try (TestServer s = new TestServer(config)) {
            JsonNode late = post(s, token(s, "dave"), "note", "dave", REPOST, true);
            assertThat(late.path("decision").path("reasonCode").asText()).isEqualTo("suspected_repost");
            String linkedTo = read(s, s.tokens.get(Role.ADMIN), late.path("id").asText())
                    .path("copyOf")
                    .path("id")
                    .asText();
            assertThat(linkedTo).as("an item indexed before the restart").isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aResizedCopyOfAnotherAuthorsPictureIsLinked(Supplier<StoreConfig> store) throws IOException {
        try (TestServer s = new TestServer(store.get())) {
            BufferedImage picture = picture(640, 480, 7);
            JsonNode original = upload(s, s.tokens.get(Role.CREATOR), "alice", "我的照片", png(picture));
            JsonNode copy = upload(s, token(s, "bob"), "bob", "随手拍", png(scaled(picture, 400, 300)));
            JsonNode unrelated = upload(s, token(s, "carol"), "carol", "另一张", png(picture(640, 480, 8)));
            String admin = s.tokens.get(Role.ADMIN);
            JsonNode link = read(s, admin, copy.path("id").asText()).path("copyOf");
            assertThat(link.path("id").asText()).isEqualTo(original.path("id").asText());
            assertThat(link.path("similarity").asDouble()).isGreaterThan(0.85);
            assertThat(copy.path("decision").path("reasonCode").asText()).isEqualTo("suspected_repost");
            assertThat(read(s, admin, unrelated.path("id").asText())
                            .path("copyOf")
                            .isNull())
                    .isTrue();
        }
    }

    private static JsonNode upload(TestServer s, String token, String author, String text, byte[] png)
            throws IOException {
        String boundary = "----redline" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n"
                        + "{\"surface\":\"note\",\"authorId\":\"" + author + "\",\"text\":\"" + text + "\"}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"p.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = s.send(
                "POST",
                "/v1/contents?wait=true",
                token,
                body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r);
    }

    /** A photo-like picture: a gradient with random shapes (the seed decides which). */
    static BufferedImage picture(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(
                0, 0, new Color(random.nextInt(1 << 24)), w, h, new Color(random.nextInt(1 << 24))));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 25; i++) {
            g.setColor(new Color(random.nextInt(1 << 24)));
            int x = random.nextInt(w), y = random.nextInt(h), s = 20 + random.nextInt(w / 3);
            if (random.nextBoolean()) g.fillOval(x - s / 2, y - s / 2, s, s);
            else g.fillRect(x - s / 2, y - s / 2, s, s / 2);
        }
        g.dispose();
        return img;
    }

    static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
