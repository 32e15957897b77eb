package io.redline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.audit.AuditQuery;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.server.RedlineServer;
import io.redline.server.config.RedlineConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code redline rights backfill} against a data directory whose content predates copy detection
 * (its signature rows and links are removed, as before the upgrade): a bounded run, then the rest,
 * and the repost is linked to its original again.
 */
class BackfillCliTest {
    static final String NOTE = "周末去了城西那家新开的咖啡馆，手冲的耶加雪菲很惊艳。店里人不多，窗边的位置能晒到太阳。";

    @Test
    void aBoundedRunContinuesWhereItStoppedAndLinksTheOldRepost() throws Exception {
        Path dir = Files.createTempDirectory("redline-backfill-cli-");
        String original, repost;
        RedlineConfig config = RedlineConfig.defaults()
                .withEnvironment(Map.of("REDLINE_DATA_DIR", dir.toString(), "REDLINE_PORT", "0"));
        try (RedlineServer server = new RedlineServer(config).start()) {
            String token = server.tokens()
                    .create(new TokenRequest(Role.SERVICE, null, "loader"), "test")
                    .secret();
            original = post(server, token, "alice", NOTE);
            post(server, token, "carol", "Three weeks of sourdough experiments: hydration, starter age and the oven.");
            repost = post(server, token, "bob", NOTE + " #探店# 😍");
            assertThat(server.consent().copyOf(repost)).as("linked at intake").isPresent();
            // Back to how content stored before copy detection looks: no signatures, no links.
            server.database().jdbi().useHandle(h -> {
                h.execute("DELETE FROM rights_text_signatures");
                h.execute("DELETE FROM rights_copies");
            });
        }
        String[] bounded = {"rights", "backfill", "--batch", "1", "--max-items", "2", "--data-dir", dir.toString()};
        CliTest.Run first = CliTest.run("", bounded);
        assertThat(first.exit()).as(first.err()).isEqualTo(3);
        assertThat(first.out()).contains("copy backfill continues").contains("2 items looked at");

        CliTest.Run rest = CliTest.run("", "rights", "backfill", "--data-dir", dir.toString());
        assertThat(rest.exit()).as(rest.err()).isZero();
        assertThat(rest.out())
                .contains("copy backfill finished")
                .contains("3 items looked at")
                .contains("1 linked");

        CliTest.Run bad = CliTest.run("", "rights", "backfill", "--batch", "0", "--data-dir", dir.toString());
        assertThat(bad.exit()).isEqualTo(2);

        try (RedlineServer server = new RedlineServer(config)) {
            assertThat(server.consent().copyOf(repost))
                    .as("bob's repost is alice's note's copy again")
                    .hasValueSatisfying(l -> assertThat(l.originalId()).isEqualTo(original));
            assertThat(server.audit()
                            .search(new AuditQuery("rights.copy.backfill", null, null, null, null, null, null, 10)))
                    .hasSize(3);
        }
    }

    private static String post(RedlineServer server, String token, String author, String text) throws Exception {
        String body = "{\"surface\":\"note\",\"authorId\":\"" + author + "\",\"text\":"
                + io.redline.server.TestServer.JSON.writeValueAsString(text) + "}";
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/contents?wait=true"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return io.redline.server.TestServer.JSON.readTree(r.body()).path("id").asText();
    }
}
