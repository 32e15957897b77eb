package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Role;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reads whose cost grows with the data (verifying the whole audit chain) run on the bounded
 * replay pool, not on the HTTP server's carrier threads: when the pool is full they are refused
 * with the documented 503 and Retry-After, and light reads still answer.
 */
class HeavyReadsOnPoolsTest extends SharedServerTest {

    @Test
    void auditVerificationIsAdmittedByTheReplayPool() throws Exception {
        var replay = server.server().replayWork();
        CountDownLatch hold = new CountDownLatch(1);
        ExecutorService occupants = Executors.newFixedThreadPool(2);
        try {
            // One running, one waiting: the replay pool (1 + 1) is full.
            for (int i = 0; i < 2; i++) occupants.submit(() -> replay.run(() -> await(hold)));
            TestServer.eventually(
                    "the replay pool full", () -> replay.running() == 1 && replay.queued() == 1 ? true : null);

            HttpResponse<String> refused = server.get("/v1/audit/verify", Role.AUDITOR);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(TestServer.json(refused).path("detail").asText()).contains("replay");
            assertThat(server.get("/v1/me", Role.AUDITOR).statusCode()).isEqualTo(200);
        } finally {
            hold.countDown();
            occupants.shutdown();
            assertThat(occupants.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        HttpResponse<String> verified = server.get("/v1/audit/verify", Role.AUDITOR);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(TestServer.json(verified).path("ok").asBoolean()).isTrue();
    }

    @Test
    void policyYamlIsParsedOnTheBoundedPolicyPool() throws Exception {
        var parsing = server.server().policyWork();
        CountDownLatch hold = new CountDownLatch(1);
        ExecutorService occupants = Executors.newFixedThreadPool(5);
        String yaml = "{\"source\":\"version: p1\\nrules: []\\n\"}";
        try {
            for (int i = 0; i < 5; i++) occupants.submit(() -> parsing.run(() -> await(hold)));
            TestServer.eventually(
                    "the policy pool full", () -> parsing.running() == 1 && parsing.queued() == 4 ? true : null);
            HttpResponse<String> refused = server.post("/v1/policies:validate", Role.POLICY_EDITOR, yaml);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(server.send("GET", "/healthz", null, null, java.util.Map.of())
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            hold.countDown();
            occupants.shutdown();
            assertThat(occupants.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        HttpResponse<String> validated = server.post("/v1/policies:validate", Role.POLICY_EDITOR, yaml);
        assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
