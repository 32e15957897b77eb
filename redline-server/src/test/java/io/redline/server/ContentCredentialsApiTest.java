package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.media.C2paValidation;
import io.redline.media.CredentialFixtures;
import io.redline.media.TestCa;
import io.redline.server.config.RedlineConfig;
import io.redline.server.demo.DemoCredentials;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Content Credentials (C2PA) at intake, over real HTTP on SQLite and PostgreSQL: the demo's own
 * test CA signs the manifest added when an upload carrying C2PA is labelled; without a key such
 * an upload is refused naming the settings; and the default policy sends a picture whose
 * credential claims a camera capture but was changed after signing to review.
 */
class ContentCredentialsApiTest {

    static Stream<Named<Supplier<StoreConfig>>> stores() {
        return Stream.of(
                Named.of("sqlite", TestDatabases::sqliteConfig), Named.of("postgresql", TestDatabases::postgresConfig));
    }

    private static HttpResponse<String> postNote(TestServer s, String text, String fileName, String type, byte[] file) {
        String boundary = "----redline" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n"
                        + "{\"surface\":\"note\",\"authorId\":\"alice\",\"title\":\"照片\",\"text\":\"" + text
                        + "\"}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: " + type + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return s.send(
                "POST",
                "/v1/contents?wait=true",
                s.tokens.get(Role.CREATOR),
                body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    private static byte[] download(TestServer s, JsonNode content) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(s.url(content.path("uploads")
                                        .get(0)
                                        .path("url")
                                        .asText())))
                                .header("Authorization", "Bearer " + s.tokens.get(Role.CREATOR))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void theDemoMakesItsTestCaOnceInPrivateFilesAndKeepsAnOperatorsKey(@TempDir Path dir) throws Exception {
        RedlineConfig base = RedlineConfig.defaults().withDataDir(dir.toString());
        DemoCredentials.Applied first = DemoCredentials.apply(base);
        assertThat(first.created()).isTrue();
        Path ca = dir.resolve(DemoCredentials.DIR);
        String key = Files.readString(ca.resolve("key.pem"));
        for (String f : new String[] {"key.pem", "chain.pem", "root.pem", "trust-anchors.pem"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.resolve(f))))
                    .as(f)
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca)))
                .isEqualTo("rwx------");
        assertThat(Files.readString(ca.resolve("root.pem"))).isNotBlank();
        assertThat(first.config()
                        .media()
                        .c2paSigner()
                        .chain()
                        .getFirst()
                        .getSubjectX500Principal()
                        .getName())
                .contains("TEST ONLY")
                .contains("not trusted anywhere else");
        assertThat(first.config().media().c2paTrust().anchors()).hasSize(1);

        DemoCredentials.Applied second = DemoCredentials.apply(base);
        assertThat(second.created()).isFalse();
        assertThat(Files.readString(ca.resolve("key.pem"))).as("made once").isEqualTo(key);

        // An operator's own key wins; the demo makes nothing then.
        TestCa own = TestCa.create("Operator");
        Path chain = Files.writeString(dir.resolve("own-chain.pem"), own.chainPem());
        Path ownKey = Files.writeString(dir.resolve("own-key.pem"), own.keyPem());
        RedlineConfig.Media m = base.media();
        RedlineConfig configured = base.withMedia(new RedlineConfig.Media(
                m.producerId(),
                m.fileBytesMax(),
                m.pixelsMax(),
                new RedlineConfig.C2pa(chain.toString(), ownKey.toString(), null, 32 << 20)));
        DemoCredentials.Applied kept = DemoCredentials.apply(configured);
        assertThat(kept.operatorKey()).isTrue();
        assertThat(kept.config()).isSameAs(configured);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theDemoKeySignsWhatWeLabelAndWithoutAKeyTheUploadIsRefusedNamingTheSettings(Supplier<StoreConfig> store)
            throws Exception {
        Path data = Files.createTempDirectory("redline-c2pa-demo-");
        RedlineConfig demo = DemoCredentials.apply(RedlineConfig.defaults().withDataDir(data.toString()))
                .config();
        byte[] photoshop = CredentialFixtures.photoshopAiComposite();
        try (TestServer s = new TestServer(store.get(), demo)) {
            HttpResponse<String> r = postNote(s, "合成图", "ocsp.jpg", "image/jpeg", photoshop);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode content = TestServer.json(r);
            // Adobe's signer is not among the demo's anchors: the AI source type only suggests.
            assertThat(content.path("aiMark").asText()).isEqualTo("suspected");
            byte[] stored = download(s, content);
            C2paValidation v =
                    CredentialFixtures.validation(stored, demo.media().c2paTrust());
            assertThat(v.status()).as(v.findings().toString()).isEqualTo(C2paValidation.Status.VALID);
            assertThat(v.signer()).contains("Redline demo").contains("TEST ONLY");
        }
        try (TestServer s = new TestServer(store.get())) {
            HttpResponse<String> r = postNote(s, "合成图", "ocsp.jpg", "image/jpeg", photoshop);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(r.body())
                    .contains("C2PA credential")
                    .contains("media.c2pa.keyFile")
                    .contains("media.c2pa.certChainFile");
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aTamperedCredentialClaimingACameraCaptureGoesToReview(Supplier<StoreConfig> store) throws Exception {
        TestCa camera = TestCa.create("Camera maker");
        byte[] capture = CredentialFixtures.signedCapture(camera);
        byte[] tampered = CredentialFixtures.tamperedPng(capture);
        assertThat(CredentialFixtures.validation(tampered, camera.trust()).status())
                .isEqualTo(C2paValidation.Status.TAMPERED);
        try (TestServer s = new TestServer(store.get())) {
            JsonNode intact = TestServer.json(postNote(s, "街拍", "capture.png", "image/png", capture));
            assertThat(intact.path("aiMark").asText()).isEqualTo("none");
            assertThat(intact.path("decision").path("reasonCode").asText()).isNotEqualTo("tampered_credential");

            HttpResponse<String> r = postNote(s, "街拍", "capture.png", "image/png", tampered);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode decided = TestServer.json(r);
            assertThat(decided.path("decision").path("action").asText())
                    .as(decided.toString())
                    .isEqualTo("review");
            assertThat(decided.path("decision").path("reasonCode").asText())
                    .as(decided.toString())
                    .isEqualTo("tampered_credential");
            // The status is stored with the picture, so a rescreen or a later policy sees it too.
            assertThat(s.server()
                            .intake()
                            .find(decided.path("id").asLong())
                            .orElseThrow()
                            .uploaded()
                            .getFirst()
                            .credential())
                    .isEqualTo("tampered");
        }
    }
}
