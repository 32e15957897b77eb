package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.audit.AuditEntry;
import io.redline.audit.AuditQuery;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.store.TestDatabases;
import io.redline.vocabulary.Actor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every capability records the same principal as the same actor: internal jobs (CLI, bootstrap,
 * workers, sweeps) as {@code system:<name>} in role {@code system}, people and services by token
 * id in their role. Before one place built actors, the server recorded internal principals in
 * role {@code admin} while decisions and review recorded them in role {@code system}.
 */
class AuditActorTest {

    @Test
    void theOneRuleNamesInternalJobsAsSystemAndTokensByIdAndRole() {
        assertThat(Principal.system("cli").actor()).isEqualTo(new Actor("system:cli", "system"));
        assertThat(Principal.system(" ").actor()).isEqualTo(new Actor("system:redline", "system"));
        assertThat(new Principal("tok_9", Role.REVIEWER, null, "anna").actor())
                .isEqualTo(new Actor("tok_9", "reviewer"));
        assertThat(new Principal("tok_c", Role.CREATOR, "alice", "alice").actor())
                .isEqualTo(new Actor("tok_c", "creator"));
    }

    @Test
    void serverDecisionAndReviewRecordAnInternalPrincipalTheSameWay() {
        try (TestServer s = new TestServer(TestDatabases.sqliteConfig())) {
            RedlineServer server = s.server();
            // The server (token administration), as the CLI does it.
            server.tokenAdmin().issue(new TokenRequest(Role.SERVICE, null, "platform"), Principal.system("cli"));
            // The decision capability: the policy bootstrap and the worker.
            s.post(
                    "/v1/contents",
                    Role.SERVICE,
                    "{\"surface\":\"comment\",\"authorId\":\"u1\",\"text\":\"加 微 信 xiaomei_8866\"}");
            TestServer.eventually("the worker decides", () -> server.decisions().pendingCount() == 0 ? true : null);

            Map<String, String> roleByActor = new java.util.TreeMap<>();
            List<AuditEntry> entries = server.audit().search(AuditQuery.latest().withLimit(AuditQuery.LIMIT_MAX));
            for (AuditEntry e : entries) {
                if (e.event().actor().id().startsWith("system:"))
                    roleByActor.put(e.event().actor().id(), e.event().actor().role());
            }
            assertThat(roleByActor)
                    .containsEntry("system:cli", "system")
                    .containsEntry("system:policy-bootstrap", "system")
                    .containsEntry("system:decision-worker", "system");
            assertThat(roleByActor.values()).containsOnly("system");
        }
    }
}
