package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.ConsoleSessions;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /v1/users}: admins manage the people who sign in to the web console; every change is audited without secrets. */
class UserApiTest extends SharedServerTest {

    private static JsonNode auditOf(String userId) {
        return TestServer.json(server.get("/v1/audit?action=user.&targetType=user&targetId=" + userId, Role.AUDITOR))
                .path("items");
    }

    @Test
    void anAdminCreatesAUserAndGetsTheGeneratedPasswordOnce() {
        HttpResponse<String> r = server.post(
                "/v1/users",
                Role.ADMIN,
                "{\"username\":\"Night.Reviewer\",\"role\":\"reviewer\",\"displayName\":\"Night shift\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = TestServer.json(r);
        JsonNode user = body.path("user");
        String id = user.path("id").asText();
        String password = body.path("password").asText();
        assertThat(id).startsWith("usr_");
        assertThat(user.path("username").asText()).isEqualTo("night.reviewer");
        assertThat(user.path("role").asText()).isEqualTo("reviewer");
        assertThat(user.path("displayName").asText()).isEqualTo("Night shift");
        assertThat(user.path("disabledAt").isNull()).isTrue();
        assertThat(user.path("createdBy").asText()).startsWith("tok_");
        assertThat(password).hasSize(24);
        assertThat(server.server().users().authenticate("night.reviewer", password.toCharArray()))
                .get()
                .extracting(Principal::tokenId, Principal::role)
                .containsExactly(id, Role.REVIEWER);

        JsonNode listed = TestServer.json(server.get("/v1/users", Role.ADMIN));
        assertThat(listed).anySatisfy(u -> assertThat(u.path("id").asText()).isEqualTo(id));
        assertThat(listed.toString())
                .doesNotContain(password)
                .doesNotContain("pbkdf2")
                .doesNotContain("password");

        JsonNode audit = auditOf(id);
        assertThat(audit).extracting(e -> e.path("action").asText()).containsExactly("user.create");
        assertThat(audit.get(0).path("details").path("username").asText()).isEqualTo("night.reviewer");
        assertThat(audit.toString()).doesNotContain(password).doesNotContain("pbkdf2");
    }

    @Test
    void aChosenPasswordIsNotEchoedAndMustBeTwelveCharacters() {
        HttpResponse<String> shortOne = server.post(
                "/v1/users",
                Role.ADMIN,
                "{\"username\":\"editor1\",\"role\":\"policy_editor\",\"password\":\"elevenchars\"}");
        assertThat(shortOne.statusCode()).isEqualTo(422);
        assertThat(shortOne.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(TestServer.json(shortOne).path("detail").asText()).contains("shorter than 12");
        assertThat(server.server().users().findByUsername("editor1"))
                .as("nothing stored")
                .isEmpty();

        HttpResponse<String> ok = server.post(
                "/v1/users",
                Role.ADMIN,
                "{\"username\":\"editor1\",\"role\":\"policy_editor\",\"password\":\"twelve chars\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(TestServer.json(ok).has("password")).isFalse();
        assertThat(ok.body()).doesNotContain("twelve chars");
        assertThat(server.server().users().authenticate("EDITOR1", "twelve chars".toCharArray()))
                .isPresent();
    }

    @Test
    void badRequestsAreProblemsThatSayWhatToFix() {
        Map<String, String> cases = Map.of(
                "{\"username\":\"creator1\",\"role\":\"creator\"}", "creator user must be bound to an authorId",
                "{\"username\":\"rev1\",\"role\":\"reviewer\",\"authorId\":\"u1\"}", "only creator users",
                "{\"username\":\"no spaces\",\"role\":\"reviewer\"}", "3 to 64",
                "{\"username\":\"rev1\",\"role\":\"root\"}", "unknown role 'root'",
                "{\"username\":\"rev1\"}", "role is required",
                "{\"username\":\"rev1\",\"role\":\"reviewer\",\"admin\":true}", "unknown field 'admin'",
                "{\"username\":\"rev1\",\"role\":\"reviewer\",\"password\":123456789012345}",
                        "field 'password' has the wrong type");
        cases.forEach((json, detail) -> {
            HttpResponse<String> r = server.post("/v1/users", Role.ADMIN, json);
            assertThat(r.statusCode()).as(json).isEqualTo(422);
            assertThat(TestServer.json(r).path("detail").asText()).as(json).contains(detail);
        });
        assertThat(server.post("/v1/users", Role.ADMIN, "{\"username\":").statusCode())
                .isEqualTo(400);
        assertThat(server.post("/v1/users", Role.ADMIN, "").statusCode()).isEqualTo(400);

        assertThat(server.post("/v1/users", Role.ADMIN, "{\"username\":\"taken\",\"role\":\"auditor\"}")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> again =
                server.post("/v1/users", Role.ADMIN, "{\"username\":\"TAKEN\",\"role\":\"reviewer\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(TestServer.json(again).path("detail").asText()).contains("'taken' is already taken");
    }

    @Test
    void disablingAUserEndsTheirSessionsAndIsAudited() {
        JsonNode created = TestServer.json(server.post(
                "/v1/users", Role.ADMIN, "{\"username\":\"alice\",\"role\":\"creator\",\"authorId\":\"alice\"}"));
        String id = created.path("user").path("id").asText();
        Principal alice = server.server()
                .users()
                .authenticate("alice", created.path("password").asText().toCharArray())
                .orElseThrow();
        assertThat(alice.authorId()).isEqualTo("alice");
        ConsoleSessions sessions = server.server().consoleSessions();
        String secret = sessions.create(alice).secret();
        assertThat(sessions.find(secret)).isPresent();

        HttpResponse<String> disabled =
                server.send("POST", "/v1/users/" + id + "/disable", server.tokens.get(Role.ADMIN), null, Map.of());
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(TestServer.json(disabled).path("disabledAt").asText()).isNotBlank();
        assertThat(sessions.find(secret)).isEmpty();
        assertThat(server.server().users().principal(id)).isEmpty();

        HttpResponse<String> again =
                server.send("POST", "/v1/users/" + id + "/disable", server.tokens.get(Role.ADMIN), null, Map.of());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(again).path("detail").asText()).contains("no active user with id " + id);

        JsonNode audit = auditOf(id);
        assertThat(audit).extracting(e -> e.path("action").asText()).containsExactly("user.disable", "user.create");
        assertThat(audit.get(0).path("details").path("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(audit.get(0).path("actorId").asText()).startsWith("tok_");
    }

    @Test
    void aPasswordResetIsAuditedWithoutThePasswordAndSignsTheUserOut() {
        JsonNode created = TestServer.json(
                server.post("/v1/users", Role.ADMIN, "{\"username\":\"auditor7\",\"role\":\"auditor\"}"));
        String id = created.path("user").path("id").asText();
        String old = created.path("password").asText();
        var users = server.server().users();
        String secret = server.server()
                .consoleSessions()
                .create(users.authenticate("auditor7", old.toCharArray()).orElseThrow())
                .secret();

        String fresh = "a completely new passphrase";
        assertThat(server.server().userAdmin().setPassword(id, fresh.toCharArray(), Principal.system("test")))
                .isTrue();

        assertThat(users.authenticate("auditor7", old.toCharArray())).isEmpty();
        assertThat(users.authenticate("auditor7", fresh.toCharArray())).isPresent();
        assertThat(server.server().consoleSessions().find(secret))
                .as("sessions of the old password end")
                .isEmpty();
        JsonNode audit = auditOf(id);
        assertThat(audit).extracting(e -> e.path("action").asText()).containsExactly("user.password", "user.create");
        assertThat(audit.get(0).path("actorId").asText()).isEqualTo("system:test");
        assertThat(audit.toString()).doesNotContain(fresh).doesNotContain(old).doesNotContain("pbkdf2");
        assertThat(TestServer.json(server.get("/v1/audit/verify", Role.AUDITOR))
                        .path("ok")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aConsoleSessionCanAlsoBeOpenedWithAnApiToken() {
        Principal reviewer = server.server()
                .tokens()
                .authenticate(server.tokens.get(Role.REVIEWER))
                .orElseThrow();
        ConsoleSessions.Issued issued = server.server().consoleSessions().create(reviewer);
        assertThat(server.server().consoleSessions().find(issued.secret()))
                .get()
                .satisfies(s -> assertThat(s.principal()).isEqualTo(reviewer));
        server.server().consoleSessions().end(issued.secret());
        assertThat(server.server().consoleSessions().find(issued.secret())).isEmpty();
    }
}
