package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.store.StoreConfig;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Human review end to end: a review decision becomes a task; a reviewer claims and decides it;
 * the author appeals. Runs on SQLite ({@link ReviewApiSqliteTest}) and on a real PostgreSQL
 * ({@link ReviewApiPostgresTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReviewApiContract {
    TestServer server;

    abstract StoreConfig store();

    @BeforeAll
    void start() {
        server = new TestServer(store());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Waits for the task sweeper to open a task for this content and returns its queue. */
    String queueOf(String contentId) {
        return TestServer.eventually("a review task for content " + contentId, () -> {
            for (JsonNode q : TestServer.json(server.get("/v1/review/queues", Role.REVIEWER))
                    .path("items")) {
                for (JsonNode t : TestServer.json(server.get(
                                "/v1/review/queues/" + q.path("queue").asText() + "/tasks", Role.REVIEWER))
                        .path("items")) {
                    if (t.path("contentId").asText().equals(contentId)
                            && t.path("open").asBoolean())
                        return q.path("queue").asText();
                }
            }
            return null;
        });
    }

    @Test
    void aReviewDecisionIsClaimedDecidedAndAppealedToAnotherReviewer() throws Exception {
        JsonNode created = TestServer.json(server.post(
                "/v1/contents?wait=true",
                Role.SERVICE,
                "{\"surface\":\"note\",\"authorId\":\"alice\",\"title\":\"周末\",\"text\":\"联系电话 138 0013 8000，全天在线\"}"));
        assertThat(created.path("decision").path("action").asText()).isEqualTo("review");
        String id = created.path("id").asText();
        String queue = queueOf(id);

        HttpResponse<String> claim = server.post("/v1/review/queues/" + queue + "/claim", Role.REVIEWER, "");
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(200);
        JsonNode task = TestServer.json(claim);
        assertThat(task.path("contentId").asText()).isEqualTo(id);
        String taskId = task.path("id").asText();

        // Someone else cannot decide a task leased to another reviewer.
        assertThat(server.post(
                                "/v1/review/tasks/" + taskId + "/decide",
                                Role.ADMIN,
                                "{\"verdict\":\"reject\",\"reasonCode\":\"off_platform_contact\"}")
                        .statusCode())
                .isIn(403, 409);
        assertThat(server.post(
                                "/v1/review/tasks/" + taskId + "/decide",
                                Role.REVIEWER,
                                "{\"verdict\":\"maybe\",\"reasonCode\":\"x\"}")
                        .statusCode())
                .isEqualTo(422);
        HttpResponse<String> decided = server.post(
                "/v1/review/tasks/" + taskId + "/decide",
                Role.REVIEWER,
                "{\"verdict\":\"reject\",\"reasonCode\":\"off_platform_contact\",\"note\":\"phone number in a note\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

        JsonNode asAuthor =
                TestServer.json(server.get("/v1/contents/" + id, Role.CREATOR)).path("decision");
        assertThat(asAuthor.path("action").asText()).isEqualTo("block");
        assertThat(asAuthor.path("reasonCode").asText()).isEqualTo("off_platform_contact");
        assertThat(TestServer.json(server.get("/v1/contents/" + id + "/decisions", Role.AUDITOR))
                        .path("items"))
                .extracting(d -> d.path("origin").asText())
                .containsExactly("sync", "review");

        HttpResponse<String> appeal =
                server.post("/v1/contents/" + id + "/appeals", Role.CREATOR, "{\"message\":\"这是我店铺的客服电话，已删除\"}");
        assertThat(appeal.statusCode()).as(appeal.body()).isEqualTo(201);
        assertThat(server.post("/v1/contents/" + id + "/appeals", Role.CREATOR, "{\"message\":\"again\"}")
                        .statusCode())
                .isEqualTo(409);

        // The reviewer who made the decision never gets its appeal; another one does.
        String appealsQueue = queueOf(id);
        HttpResponse<String> sameReviewer =
                server.post("/v1/review/queues/" + appealsQueue + "/claim", Role.REVIEWER, "");
        assertThat(sameReviewer.statusCode()).isEqualTo(204);
        String other = server.server()
                .tokenAdmin()
                .issue(
                        new TokenRequest(Role.REVIEWER, null, "second reviewer"),
                        io.redline.identity.Principal.system("test"))
                .secret();
        HttpResponse<String> claimed =
                server.send("POST", "/v1/review/queues/" + appealsQueue + "/claim", other, null, Map.of());
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        String appealTask = TestServer.json(claimed).path("id").asText();
        assertThat(server.send(
                                "POST",
                                "/v1/review/tasks/" + appealTask + "/decide",
                                other,
                                "{\"verdict\":\"approve\",\"reasonCode\":\"appeal_upheld\"}".getBytes(),
                                Map.of())
                        .statusCode())
                .isEqualTo(200);

        JsonNode appeals =
                TestServer.json(server.get("/v1/appeals", Role.CREATOR)).path("items");
        assertThat(appeals)
                .singleElement()
                .satisfies(a ->
                        assertThat(a.path("outcome").path("action").asText()).isEqualTo("ALLOW"));
        assertThat(TestServer.json(server.get("/v1/contents/" + id, Role.CREATOR))
                        .path("decision")
                        .path("action")
                        .asText())
                .isEqualTo("allow");
    }

    @Test
    void aBulkDecisionTakesEveryTaskOrNone() {
        String a = TestServer.json(server.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"note\",\"authorId\":\"bulk1\",\"text\":\"加我电话 138 1111 2222\"}"))
                .path("id")
                .asText();
        String b = TestServer.json(server.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"note\",\"authorId\":\"bulk2\",\"text\":\"加我电话 139 3333 4444\"}"))
                .path("id")
                .asText();
        String queue = queueOf(a);
        queueOf(b);
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (JsonNode t : TestServer.json(server.get("/v1/review/queues/" + queue + "/tasks", Role.REVIEWER))
                .path("items")) {
            if (t.path("contentId").asText().equals(a)
                    || t.path("contentId").asText().equals(b))
                ids.add(t.path("id").asText());
        }
        assertThat(ids).hasSize(2);
        String body = "{\"taskIds\":[\"" + ids.get(0) + "\",\"" + ids.get(1)
                + "\"],\"verdict\":\"reject\",\"reasonCode\":\"spam\"}";
        // Someone else holds one of them: nothing is decided.
        String other = server.server()
                .tokenAdmin()
                .issue(
                        new TokenRequest(Role.REVIEWER, null, "bulk other"),
                        io.redline.identity.Principal.system("test"))
                .secret();
        String held = null;
        while (held == null) {
            HttpResponse<String> c =
                    server.send("POST", "/v1/review/queues/" + queue + "/claim", other, null, Map.of());
            assertThat(c.statusCode())
                    .as("the other reviewer reaches one of the two tasks")
                    .isEqualTo(200);
            if (ids.contains(TestServer.json(c).path("id").asText()))
                held = TestServer.json(c).path("id").asText();
        }
        HttpResponse<String> refused = server.post("/v1/review/tasks/bulk-decide", Role.REVIEWER, body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains(held);
        assertThat(TestServer.json(server.get("/v1/contents/" + a, Role.AUDITOR))
                        .path("decision")
                        .path("action")
                        .asText())
                .isEqualTo("review");

        assertThat(server.send("POST", "/v1/review/tasks/" + held + "/release", other, null, Map.of())
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> done = server.post("/v1/review/tasks/bulk-decide", Role.REVIEWER, body);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(TestServer.json(done).path("items")).hasSize(2);
        for (String id : new String[] {a, b}) {
            assertThat(TestServer.json(server.get("/v1/contents/" + id, Role.AUDITOR))
                            .path("decision")
                            .path("action")
                            .asText())
                    .isEqualTo("block");
        }
        assertThat(server.post(
                                "/v1/review/tasks/bulk-decide",
                                Role.REVIEWER,
                                "{\"taskIds\":[],\"verdict\":\"reject\",\"reasonCode\":\"spam\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(server.post(
                                "/v1/review/tasks/bulk-decide",
                                Role.REVIEWER,
                                "{\"taskIds\":[\"x\"],\"verdict\":\"reject\",\"reasonCode\":\"spam\"}")
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void reviewersClaimingAtOnceNeverGetTheSameTask() throws Exception {
        java.util.Set<String> mine = new java.util.HashSet<>();
        String queue = null;
        for (int i = 0; i < 3; i++) {
            String id = TestServer.json(server.post(
                            "/v1/contents?wait=true",
                            Role.SERVICE,
                            "{\"surface\":\"note\",\"authorId\":\"race" + i + "\",\"text\":\"加我电话 136 000" + i
                                    + " 1234\"}"))
                    .path("id")
                    .asText();
            queue = queueOf(id);
        }
        String q = queue;
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(server.server()
                    .tokenAdmin()
                    .issue(
                            new TokenRequest(Role.REVIEWER, null, "racer " + i),
                            io.redline.identity.Principal.system("test"))
                    .secret());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<HttpResponse<String>>> claims = new java.util.ArrayList<>();
            for (String token : tokens) {
                claims.add(pool.submit(() -> {
                    go.await();
                    return server.send("POST", "/v1/review/queues/" + q + "/claim", token, null, Map.of());
                }));
            }
            go.countDown();
            java.util.List<String> won = new java.util.ArrayList<>();
            for (var c : claims) {
                HttpResponse<String> r = c.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isIn(200, 204);
                if (r.statusCode() == 200) won.add(TestServer.json(r).path("id").asText());
            }
            // Every claim that won holds a different task; the queue may hold other tests' tasks too.
            assertThat(won).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
            mine.addAll(won);
        } finally {
            pool.shutdownNow();
        }
        assertThat(mine).doesNotHaveDuplicates();
        // A task held by someone else cannot be decided by another reviewer.
        String held = mine.iterator().next();
        assertThat(server.post(
                                "/v1/review/tasks/" + held + "/decide",
                                Role.REVIEWER,
                                "{\"verdict\":\"approve\",\"reasonCode\":\"no_violation\"}")
                        .statusCode())
                .isEqualTo(409);
    }

    /** A fresh token of its own: a reporter with no track record yet. */
    String reporterToken(String name) {
        return server.server()
                .tokens()
                .create(new io.redline.identity.TokenRequest(Role.CREATOR, name, "reporter " + name), "test")
                .secret();
    }

    @Test
    void openReportsFromFiveDistinctReportersSendTheAuthorsNextPostToReview() {
        for (int i = 0; i < 5; i++) {
            String id = TestServer.json(server.post(
                            "/v1/contents?wait=true",
                            Role.SERVICE,
                            "{\"surface\":\"comment\",\"authorId\":\"carol\",\"text\":\"评论 " + i + "\"}"))
                    .path("id")
                    .asText();
            assertThat(server.send(
                                    "POST",
                                    "/v1/contents/" + id + "/reports",
                                    reporterToken("witness" + i),
                                    "{\"category\":\"harassment\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                    Map.of())
                            .statusCode())
                    .isEqualTo(201);
        }
        JsonNode next = TestServer.json(server.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"comment\",\"authorId\":\"carol\",\"text\":\"今天天气不错\"}"))
                .path("decision");
        assertThat(next.path("action").asText()).isEqualTo("review");
        assertThat(next.path("ruleId").asText()).isEqualTo("heavily-reported");
    }

    @Test
    void anyoneCanReportAndSeeTheirReports() {
        String id = TestServer.json(server.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"comment\",\"authorId\":\"bob\",\"text\":\"好看！\"}"))
                .path("id")
                .asText();
        HttpResponse<String> r = server.post(
                "/v1/contents/" + id + "/reports", Role.CREATOR, "{\"category\":\"harassment\",\"text\":\"骂人\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(server.post("/v1/contents/" + id + "/reports", Role.CREATOR, "{\"category\":\"Bad Category\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(server.post("/v1/contents/999/reports", Role.CREATOR, "{\"category\":\"fraud\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(TestServer.json(server.get("/v1/reports", Role.CREATOR)).path("items"))
                .isNotEmpty();
    }

    @Test
    void reportAndAppealIdsAreStringsAndUnpairedSurrogatesAreRefusedNotStoredAsQuestionMarks() {
        String id = TestServer.json(server.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"note\",\"authorId\":\"alice\",\"text\":\"今天的晚饭\"}"))
                .path("id")
                .asText();
        int reportsBefore = TestServer.json(server.get("/v1/reports", Role.REVIEWER))
                .path("items")
                .size();
        HttpResponse<String> badReport = server.post(
                "/v1/contents/" + id + "/reports",
                Role.REVIEWER,
                "{\"category\":\"fraud\",\"text\":\"half \\ud83d a pair\"}");
        assertThat(badReport.statusCode()).as(badReport.body()).isEqualTo(422);
        assertThat(TestServer.json(badReport).path("detail").asText())
                .contains("field 'text': contains an unpaired surrogate at index 5");
        assertThat(TestServer.json(server.get("/v1/reports", Role.REVIEWER)).path("items"))
                .hasSize(reportsBefore);

        HttpResponse<String> badAppeal =
                server.post("/v1/contents/" + id + "/appeals", Role.CREATOR, "{\"message\":\"\\udc00\"}");
        assertThat(badAppeal.statusCode()).as(badAppeal.body()).isEqualTo(422);
        assertThat(TestServer.json(server.get("/v1/appeals", Role.CREATOR))
                        .path("items")
                        .toString())
                .doesNotContain("\"" + id + "\"");

        // Every id is a JSON string: report and task ids grow past 2^53, where JavaScript numbers lose digits.
        JsonNode report = TestServer.json(server.post(
                "/v1/contents/" + id + "/reports",
                Role.REVIEWER,
                "{\"category\":\"fraud\",\"text\":\"ok \\ud83d\\ude00\"}"));
        assertThat(report.path("id").isTextual()).as(report.toString()).isTrue();
        assertThat(report.path("contentId").asText()).isEqualTo(id);
        assertThat(report.path("taskId").isTextual()).isTrue();
        assertThat(report.path("text").asText()).isEqualTo("ok 😀");
        JsonNode listed =
                TestServer.json(server.get("/v1/reports", Role.REVIEWER)).path("items");
        assertThat(listed)
                .allSatisfy(r -> assertThat(
                                r.path("id").isTextual() && r.path("taskId").isTextual())
                        .isTrue());
        JsonNode appeal =
                TestServer.json(server.post("/v1/contents/" + id + "/appeals", Role.CREATOR, "{\"message\":\"请复核\"}"));
        assertThat(appeal.path("taskId").isTextual()).as(appeal.toString()).isTrue();
        assertThat(appeal.path("contentId").asText()).isEqualTo(id);
        assertThat(TestServer.json(server.get("/v1/appeals", Role.CREATOR)).path("items"))
                .allSatisfy(a -> assertThat(a.path("taskId").isTextual()
                                && a.path("contentId").isTextual())
                        .isTrue());
    }

    @Test
    void theApiAcceptsExactlyTheLeasesTheWorkflowGrants() {
        // Both bounds come from the workflow: 1 s .. leaseMax (1 h). 7200 used to pass the API and fail as a 400 below
        // it.
        for (int seconds : new int[] {0, 3601, 7200}) {
            HttpResponse<String> r =
                    server.post("/v1/review/queues/reports/claim", Role.REVIEWER, "{\"leaseSeconds\":" + seconds + "}");
            assertThat(r.statusCode()).as(seconds + ": " + r.body()).isEqualTo(422);
            assertThat(TestServer.json(r).path("detail").asText()).isEqualTo("leaseSeconds must be 1..3600");
        }
        for (int seconds : new int[] {1, 3600}) {
            HttpResponse<String> r = server.post(
                    "/v1/review/queues/nothing_here/claim", Role.REVIEWER, "{\"leaseSeconds\":" + seconds + "}");
            assertThat(r.statusCode()).as(seconds + ": " + r.body()).isEqualTo(204);
        }
    }

    @Test
    void aQueueAValidPolicyRoutesToIsAQueueTheApiServes() {
        String policy = """
                schema: redline/policy-v1
                name: vip-routing
                defaults: {action: allow, reasonCode: ok}
                rules:
                  - id: vip-contact
                    when: {hits: {category: [drainage]}}
                    action: review
                    reasonCode: check_contact
                    review: {queue: vip-review, priority: 1, deadline: PT1H}
                """;
        HttpResponse<String> saved = server.send(
                "POST",
                "/v1/policies",
                server.tokens.get(Role.POLICY_EDITOR),
                policy.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/yaml"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        String version = TestServer.json(saved).path("version").asText();
        String previous = TestServer.json(server.get("/v1/policies", Role.POLICY_EDITOR))
                .path("active")
                .path("version")
                .asText();
        assertThat(server.post("/v1/policies/" + version + "/activate", Role.POLICY_EDITOR, "")
                        .statusCode())
                .isEqualTo(200);
        try {
            JsonNode created = TestServer.json(server.post(
                    "/v1/contents?wait=true",
                    Role.SERVICE,
                    "{\"surface\":\"comment\",\"authorId\":\"vip\",\"text\":\"加微信 xiaomei_8866 看更多\"}"));
            assertThat(created.path("decision").path("action").asText()).isEqualTo("review");
            String id = created.path("id").asText();
            assertThat(queueOf(id)).isEqualTo("vip-review");
            HttpResponse<String> listed = server.get("/v1/review/queues/vip-review/tasks", Role.REVIEWER);
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            HttpResponse<String> claimed = server.post("/v1/review/queues/vip-review/claim", Role.REVIEWER, "");
            assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
            assertThat(server.post(
                                    "/v1/review/tasks/"
                                            + TestServer.json(claimed)
                                                    .path("id")
                                                    .asText() + "/release",
                                    Role.REVIEWER,
                                    "")
                            .statusCode())
                    .isEqualTo(200);
            // And what the validator refuses, the API refuses with the same words.
            HttpResponse<String> bad = server.get("/v1/review/queues/VIP%20review/tasks", Role.REVIEWER);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(bad).path("detail").asText())
                    .contains(io.redline.policy.ReviewRouting.QUEUE_NAME_RULE);
        } finally {
            assertThat(server.post("/v1/policies/" + previous + "/activate", Role.POLICY_EDITOR, "")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void oneReporterCannotPushAnotherAuthorIntoReviewAndAFloodIsRefusedAndAudited() {
        String mallory = reporterToken("mallory");
        byte[] report = "{\"category\":\"harassment\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            String id = TestServer.json(server.post(
                            "/v1/contents?wait=true",
                            Role.SERVICE,
                            "{\"surface\":\"comment\",\"authorId\":\"dave\",\"text\":\"日常 " + i + "\"}"))
                    .path("id")
                    .asText();
            assertThat(server.send("POST", "/v1/contents/" + id + "/reports", mallory, report, Map.of())
                            .statusCode())
                    .isEqualTo(201);
        }
        JsonNode next = TestServer.json(server.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"comment\",\"authorId\":\"dave\",\"text\":\"今天天气不错\"}"))
                .path("decision");
        assertThat(next.path("action").asText())
                .as("five reports by one token are one voice")
                .isEqualTo("allow");

        // Past the quota the reporter is told to slow down, and the flood is audited once.
        int filed = 5;
        HttpResponse<String> refused = null;
        for (int i = 0; i < io.redline.review.tasks.ReviewTasks.REPORTS_PER_WINDOW_MAX + 2; i++) {
            String id = TestServer.json(server.post(
                            "/v1/contents?wait=true",
                            Role.SERVICE,
                            "{\"surface\":\"comment\",\"authorId\":\"erin\",\"text\":\"帖子 " + i + "\"}"))
                    .path("id")
                    .asText();
            HttpResponse<String> r = server.send("POST", "/v1/contents/" + id + "/reports", mallory, report, Map.of());
            if (r.statusCode() == 201) {
                filed++;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                refused = r;
            }
        }
        assertThat(filed).isEqualTo(io.redline.review.tasks.ReviewTasks.REPORTS_PER_WINDOW_MAX);
        assertThat(refused).isNotNull();
        assertThat(TestServer.json(refused).path("detail").asText()).contains("at most 30 reports an hour");
        var floods = server.server()
                .audit()
                .search(io.redline.audit.AuditQuery.latest().withActionPrefix("content.report_flood"));
        assertThat(floods).hasSize(1);
    }

    @Test
    void aReporterWhoseReportsReviewersDismissCountsLess() {
        byte[] report = "{\"category\":\"harassment\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String wolf = reporterToken("wolf");
        java.util.List<String> dismissed = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = TestServer.json(server.post(
                            "/v1/contents?wait=true",
                            Role.SERVICE,
                            "{\"surface\":\"comment\",\"authorId\":\"frank\",\"text\":\"晚安 " + i + "\"}"))
                    .path("id")
                    .asText();
            HttpResponse<String> r = server.send("POST", "/v1/contents/" + id + "/reports", wolf, report, Map.of());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            dismissed.add("\"" + TestServer.json(r).path("taskId").asText() + "\"");
        }
        HttpResponse<String> decided = server.post(
                "/v1/review/tasks/bulk-decide",
                Role.REVIEWER,
                "{\"taskIds\":" + dismissed + ",\"verdict\":\"approve\",\"reasonCode\":\"no_violation\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

        // Four new reporters and the wolf (weight (0 + 1) / (3 + 1)) make 4.25 voices: under the policy's 5.
        java.util.List<String> reporters = new java.util.ArrayList<>(java.util.List.of(wolf));
        for (int i = 0; i < 4; i++) reporters.add(reporterToken("neighbour" + i));
        for (String reporter : reporters) {
            String id = TestServer.json(server.post(
                            "/v1/contents?wait=true",
                            Role.SERVICE,
                            "{\"surface\":\"comment\",\"authorId\":\"gina\",\"text\":\"分享 " + reporter.hashCode()
                                    + "\"}"))
                    .path("id")
                    .asText();
            assertThat(server.send("POST", "/v1/contents/" + id + "/reports", reporter, report, Map.of())
                            .statusCode())
                    .isEqualTo(201);
        }
        assertThat(TestServer.json(server.post(
                                "/v1/contents?wait=true",
                                Role.SERVICE,
                                "{\"surface\":\"comment\",\"authorId\":\"gina\",\"text\":\"今天天气不错\"}"))
                        .path("decision")
                        .path("action")
                        .asText())
                .isEqualTo("allow");
        // One more reporter with a clean record tips it: 5.25.
        String id = TestServer.json(server.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"comment\",\"authorId\":\"gina\",\"text\":\"再分享\"}"))
                .path("id")
                .asText();
        assertThat(server.send("POST", "/v1/contents/" + id + "/reports", reporterToken("neighbour4"), report, Map.of())
                        .statusCode())
                .isEqualTo(201);
        JsonNode next = TestServer.json(server.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"comment\",\"authorId\":\"gina\",\"text\":\"明天见\"}"))
                .path("decision");
        assertThat(next.path("action").asText()).isEqualTo("review");
        assertThat(next.path("ruleId").asText()).isEqualTo("heavily-reported");
    }
}
