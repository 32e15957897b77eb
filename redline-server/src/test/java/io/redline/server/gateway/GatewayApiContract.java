package io.redline.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.models.Model;
import io.redline.audit.AuditEntry;
import io.redline.audit.AuditQuery;
import io.redline.gateway.ExchangeLog;
import io.redline.gateway.GatewayConfig;
import io.redline.gateway.GatewayRetention;
import io.redline.identity.Role;
import io.redline.intake.Content;
import io.redline.media.Inspection;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import io.redline.policy.Action;
import io.redline.server.TestServer;
import io.redline.server.config.RedlineConfig;
import io.redline.store.StoreConfig;
import io.redline.store.TestClock;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The AI gateway end to end: the official OpenAI Java SDK talks to a real Redline server whose
 * gateway fronts a real scripted model server over HTTP. Runs on SQLite
 * ({@link GatewaySqliteTest}) and on a real PostgreSQL ({@link GatewayPostgresTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // retention runs last: it expires every exchange before it
abstract class GatewayApiContract {
    static final String SAFE_ZH = GatewayConfig.defaults().labels().getFirst().safeMessage();
    static final String PREFIX_ZH = GatewayConfig.defaults().labels().getFirst().prefix();

    TestServer server;
    ScriptedModelServer model;
    OpenAIClient client;

    abstract StoreConfig store();

    @BeforeAll
    void start() throws Exception {
        model = new ScriptedModelServer(png());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens here once closed: connections are refused
        }
        GatewayConfig d = GatewayConfig.defaults();
        GatewayConfig gw = new GatewayConfig(
                List.of(
                        new GatewayConfig.Upstream(
                                "dead",
                                "http://127.0.0.1:" + closedPort + "/v1",
                                null,
                                null,
                                List.of("clean", "down-only"),
                                2_000),
                        new GatewayConfig.Upstream(
                                "dead-too",
                                "http://127.0.0.1:" + closedPort + "/v1",
                                null,
                                null,
                                List.of("down-only"),
                                2_000),
                        new GatewayConfig.Upstream("slow", model.baseUrl(), null, null, List.of("slow"), 400),
                        new GatewayConfig.Upstream(
                                "scripted",
                                model.baseUrl(),
                                null,
                                null,
                                List.of(
                                        "clean",
                                        "split",
                                        "padded",
                                        "endless",
                                        "bad-request",
                                        "img",
                                        "tool-clean",
                                        "tool-split",
                                        "reasoning-split"),
                                5_000),
                        new GatewayConfig.Upstream("catalog", model.baseUrl(), null, null, List.of("*"), 5_000)),
                "redline-test",
                true,
                "zh",
                d.labels(),
                new GatewayConfig.Limits(5, 0, 0, 200_000, 64),
                new GatewayConfig.Minors("X-Redline-Minor", List.of("registered-minor"), 2),
                null);
        server = new TestServer(store(), RedlineConfig.defaults().withGateway(gw));
        client = client(server.tokens.get(Role.SERVICE));
    }

    OpenAIClient client(String token) {
        return OpenAIOkHttpClient.builder()
                .apiKey(token)
                .baseUrl(server.url("/ai/v1"))
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterAll
    void stop() {
        if (client != null) client.close();
        if (server != null) server.close();
        if (model != null) model.close();
    }

    static ChatCompletionCreateParams chat(String model, String prompt, String user) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage(prompt)
                .user(user)
                .build();
    }

    /** The streamed text and the last finish reason. */
    record Streamed(String text, String finishReason, int chunks) {}

    Streamed stream(ChatCompletionCreateParams params) {
        StringBuilder text = new StringBuilder();
        String finish = null;
        int n = 0;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
            for (Iterator<ChatCompletionChunk> it = s.stream().iterator(); it.hasNext(); ) {
                ChatCompletionChunk c = it.next();
                n++;
                for (ChatCompletionChunk.Choice ch : c.choices()) {
                    ch.delta().content().ifPresent(text::append);
                    if (ch.finishReason().isPresent())
                        finish = ch.finishReason().get().asString();
                }
            }
        }
        return new Streamed(text.toString(), finish, n);
    }

    ExchangeLog.Row exchangeOf(String user) {
        return TestServer.eventually("the exchange of " + user + " stored", () -> {
            List<ExchangeLog.Row> rows = server.server().exchanges().recent(user, 10);
            return rows.isEmpty() ? null : rows.getFirst();
        });
    }

    // ---------------------------------------------------------------- retention

    GatewayRetention retentionAt(java.time.Instant at) {
        return new GatewayRetention(
                server.server().exchanges(),
                server.server().gatewayRecords(),
                GatewayConfig.Retention.DEFAULT, // texts 180 days, rows 365
                TestClock.fixed(at));
    }

    List<AuditEntry> auditOf(String action) {
        return server.server()
                .audit()
                .search(new AuditQuery(action, null, null, null, null, null, null, AuditQuery.LIMIT_MAX));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void fullTextsBecomeTheirHashesAfterTheirRetentionAndExchangeRowsGoAfterTheirs() {
        client.chat().completions().create(chat("clean", "a prompt to forget", "u-retention"));
        ExchangeLog.Row row = exchangeOf("u-retention");
        java.time.Instant at = row.at();

        retentionAt(at.plus(Duration.ofDays(179))).step();
        assertThat(server.server()
                        .intake()
                        .find(row.promptContentId())
                        .orElseThrow()
                        .text())
                .isEqualTo("a prompt to forget");

        GatewayRetention afterTexts = retentionAt(at.plus(Duration.ofDays(181)));
        while (afterTexts.step() >= GatewayRetention.BATCH_MAX) {} // every exchange of this class is as old
        assertThat(server.server()
                        .intake()
                        .find(row.promptContentId())
                        .orElseThrow()
                        .text())
                .isEqualTo("sha256:" + ExchangeLog.sha256("a prompt to forget"));
        assertThat(server.server()
                        .intake()
                        .find(row.outputContentId())
                        .orElseThrow()
                        .text())
                .isEqualTo("sha256:" + ExchangeLog.sha256("Hello there, have a nice day."));
        assertThat(server.server().exchanges().recent("u-retention", 10))
                .singleElement()
                .satisfies(r -> assertThat(r.promptSha256()).isEqualTo(ExchangeLog.sha256("a prompt to forget")));
        List<AuditEntry> redactions = auditOf("content.redact");
        assertThat(redactions).isNotEmpty();
        assertThat(redactions.getFirst().event().actor().id()).isEqualTo("system:gateway-retention");

        assertThat(afterTexts.step())
                .as("a second pass finds nothing left to do")
                .isZero();
        assertThat(auditOf("content.redact")).hasSameSizeAs(redactions);

        GatewayRetention afterRows = retentionAt(at.plus(Duration.ofDays(366)));
        while (afterRows.step() >= GatewayRetention.BATCH_MAX) {}
        assertThat(server.server().exchanges().recent("u-retention", 10)).isEmpty();
        assertThat(server.server().intake().find(row.promptContentId()))
                .as("the content and its decision stay: they follow their own retention")
                .isPresent();
        assertThat(auditOf("gateway.log_purge")).isNotEmpty();
    }

    // ---------------------------------------------------------------- tool calls and reasoning

    /** A streamed tool call's arguments as the SDK's client reassembles them, and the last finish reason. */
    record StreamedTool(String arguments, String name, String finishReason) {}

    StreamedTool streamTool(ChatCompletionCreateParams params) {
        StringBuilder args = new StringBuilder();
        String name = null;
        String finish = null;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
            for (Iterator<ChatCompletionChunk> it = s.stream().iterator(); it.hasNext(); ) {
                for (ChatCompletionChunk.Choice ch : it.next().choices()) {
                    for (ChatCompletionChunk.Choice.Delta.ToolCall t :
                            ch.delta().toolCalls().orElse(List.of())) {
                        t.function().flatMap(f -> f.arguments()).ifPresent(args::append);
                        if (t.function().flatMap(f -> f.name()).isPresent())
                            name = t.function().get().name().get();
                    }
                    if (ch.finishReason().isPresent())
                        finish = ch.finishReason().get().asString();
                }
            }
        }
        return new StreamedTool(args.toString(), name, finish);
    }

    @Test
    void aCleanToolCallStreamsThroughWithItsArgumentsIntact() {
        StreamedTool t = streamTool(chat("tool-clean", "写一篇笔记", "u-tool"));
        assertThat(t.arguments()).isEqualTo(String.join("", ScriptedModelServer.SIDE_SCRIPTS.get("tool-clean")));
        assertThat(t.name()).isEqualTo("post_note");
        assertThat(t.finishReason()).isEqualTo("tool_calls");

        ChatCompletion whole = client.chat().completions().create(chat("tool-clean", "写一篇笔记", "u-tool-whole"));
        assertThat(whole.choices()
                        .getFirst()
                        .message()
                        .toolCalls()
                        .orElseThrow()
                        .getFirst()
                        .asFunction()
                        .function()
                        .arguments())
                .isEqualTo(String.join("", ScriptedModelServer.SIDE_SCRIPTS.get("tool-clean")));
    }

    @Test
    void everyStoppedStreamEndsWithItsContentFilterChunk() {
        // Stopping aborts the upstream connection while its body is closed; when the abort won
        // that race, the close threw and the stream ended without its last chunk (1 run in 6).
        for (int i = 0; i < 40; i++) {
            StreamedTool t = streamTool(chat("tool-split", "写一篇笔记", "u-tool-race-" + i));
            assertThat(t.finishReason()).as("stream %d", i).isEqualTo("content_filter");
            assertThat(t.arguments()).doesNotContain("赌");
        }
    }

    @Test
    void aViolationInAToolCallsArgumentsStopsTheStreamAndIsNeverSent() {
        StreamedTool t = streamTool(chat("tool-split", "写一篇笔记", "u-tool-split"));
        assertThat(t.finishReason()).isEqualTo("content_filter");
        assertThat(t.arguments()).doesNotContain("赌");
        ExchangeLog.Row row = exchangeOf("u-tool-split");
        assertThat(row.outcome()).isEqualTo("output_stopped");
        assertThat(row.evidenceJson()).contains("gambling");

        ChatCompletion whole = client.chat().completions().create(chat("tool-split", "写一篇笔记", "u-tool-whole-split"));
        ChatCompletion.Choice c = whole.choices().getFirst();
        assertThat(c.finishReason().asString()).isEqualTo("content_filter");
        assertThat(c.message().toolCalls().orElse(List.of())).isEmpty();
        assertThat(c.message().content().orElseThrow()).contains("抱歉");
    }

    @Test
    void aViolationInTheReasoningStopsTheStreamAndIsNeverSent() {
        StringBuilder reasoning = new StringBuilder();
        String finish = null;
        try (StreamResponse<ChatCompletionChunk> s =
                client.chat().completions().createStreaming(chat("reasoning-split", "网上有什么好玩的", "u-reasoning"))) {
            for (Iterator<ChatCompletionChunk> it = s.stream().iterator(); it.hasNext(); ) {
                for (ChatCompletionChunk.Choice ch : it.next().choices()) {
                    JsonValue r = ch.delta()._additionalProperties().get("reasoning_content");
                    if (r != null) reasoning.append(r.asString().orElse(""));
                    if (ch.finishReason().isPresent())
                        finish = ch.finishReason().get().asString();
                }
            }
        }
        assertThat(finish).isEqualTo("content_filter");
        assertThat(reasoning.toString()).doesNotContain("赌");

        ChatCompletion whole =
                client.chat().completions().create(chat("reasoning-split", "网上有什么好玩的", "u-reasoning-whole"));
        assertThat(whole.choices().getFirst().finishReason().asString()).isEqualTo("content_filter");
        assertThat(whole.choices().getFirst().message()._additionalProperties()).doesNotContainKey("reasoning_content");
    }

    // ---------------------------------------------------------------- answers

    @Test
    void aWholeAnswerIsLabelledVisiblyAndImplicitlyAfterRetryingPastADeadUpstream() {
        ChatCompletion c = client.chat().completions().create(chat("clean", "say hello", "u-whole"));
        assertThat(c.choices().getFirst().message().content()).contains(PREFIX_ZH + "Hello there, have a nice day.");
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        JsonValue redline = c._additionalProperties().get("redline");
        assertThat(redline.toString()).contains("Label=1", "ContentProducer=redline-test");
        // "dead" comes first for model "clean": refused, so the call was retried on "scripted"
        assertThat(model.requestsByModel.get("clean")).isPositive();

        ExchangeLog.Row row = exchangeOf("u-whole");
        assertThat(row.outcome()).isEqualTo("completed");
        assertThat(row.upstream()).isEqualTo("scripted");
        assertThat(row.promptSha256()).isEqualTo(ExchangeLog.sha256("say hello"));
        Content prompt = server.server().intake().find(row.promptContentId()).orElseThrow();
        Content output = server.server().intake().find(row.outputContentId()).orElseThrow();
        assertThat(prompt.surface().wireName()).isEqualTo("prompt");
        assertThat(prompt.authorId()).isEqualTo("u-whole");
        assertThat(prompt.text()).isEqualTo("say hello");
        assertThat(output.surface().wireName()).isEqualTo("output");
        assertThat(output.authorId()).isEqualTo("u-whole");
        assertThat(output.text()).isEqualTo("Hello there, have a nice day.");
        assertThat(output.aiDeclared()).isTrue();
        assertThat(server.server()
                        .decisions()
                        .current(output.id())
                        .orElseThrow()
                        .labels())
                .contains("ai_generated");
        assertThat(server.server().decisions().current(prompt.id())).isPresent();
    }

    @Test
    void aCleanStreamArrivesWholeAndLabelled() {
        Streamed s = stream(chat("clean", "say hello", "u-stream"));
        assertThat(s.text()).isEqualTo(PREFIX_ZH + "Hello there, have a nice day.");
        assertThat(s.finishReason()).isEqualTo("stop");
        assertThat(exchangeOf("u-stream").outcome()).isEqualTo("completed");
    }

    @Test
    void aFinishedStreamLeavesItsUpstreamConnectionToTheNextCall() {
        stream(chat("clean", "say hello", "u-reuse-1"));
        exchangeOf("u-reuse-1"); // stored once the upstream's answer was read to its end
        stream(chat("clean", "say hello", "u-reuse-2"));
        List<Integer> ports = model.clientPortsByModel.get("clean");
        assertThat(ports.getLast())
                .as("the second stream came over the first one's connection, not a new one")
                .isEqualTo(ports.get(ports.size() - 2));
    }

    @Test
    void theGatewaysDoorRefusesUnknownRoutesAndOversizedBodiesInTheOpenAiShapeAndTimesEveryRequest() throws Exception {
        String token = server.tokens.get(Role.SERVICE);
        var missing = server.send("POST", "/ai/v1/embeddings", token, "{}".getBytes(), java.util.Map.of());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(missing).path("error").path("code").asText()).isEqualTo("not_found");

        // A declared length beyond the limit is refused before any of the body is read.
        long max = RedlineConfig.defaults().server().bodyBytesMax();
        String head;
        try (java.net.Socket s =
                new java.net.Socket("127.0.0.1", server.server().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write(("POST /ai/v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                    + token + "\r\nContent-Type: application/json\r\nContent-Length: " + (max + 1)
                                    + "\r\n\r\n{") // Jetty dispatches once some of the body has come
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            // Read up to the end of the error body (the connection may stay open waiting for the body).
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            java.io.InputStream in = s.getInputStream();
            for (int b; !got.toString(java.nio.charset.StandardCharsets.UTF_8).endsWith("}}") && (b = in.read()) >= 0; )
                got.write(b);
            head = got.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(head).startsWith("HTTP/1.1 413").contains("\"error\"").contains("larger than the server accepts");

        String metrics = server.get("/metrics", Role.ADMIN).body();
        assertThat(metrics)
                .contains("route=\"/ai/v1/chat/completions\",status=\"200\"")
                .contains("route=\"unmatched\",status=\"404\"");
    }

    @Test
    void legacyCompletionsAreProxiedAndLabelled() {
        Completion c = client.completions()
                .create(CompletionCreateParams.builder()
                        .model("clean")
                        .prompt("say hello")
                        .user("u-legacy")
                        .build());
        assertThat(c.choices().getFirst().text()).isEqualTo(PREFIX_ZH + "Hello there, have a nice day.");
    }

    @Test
    void theModelListNamesConfiguredModelsAndThoseOfUpstreamsServingAny() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).contains("clean", "down-only", "slow");
    }

    // ---------------------------------------------------------------- screening

    @Test
    void aBlockedPromptIsRefusedAndNeverReachesTheModel() {
        String prompt = "帮我写一段网上赌场百家乐的推广文案";
        assertThatThrownBy(() -> client.chat().completions().create(chat("clean", prompt, "u-prompt")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.code()).contains("content_filter");
                    assertThat(e.getMessage()).contains("prompt_not_allowed");
                });
        assertThat(model.prompts).noneMatch(p -> p.contains("网上赌场"));
        ExchangeLog.Row row = exchangeOf("u-prompt");
        assertThat(row.outcome()).isEqualTo("prompt_blocked");
        assertThat(row.outputContentId()).isNull();
        assertThat(server.server()
                        .decisions()
                        .current(row.promptContentId())
                        .orElseThrow()
                        .action())
                .isEqualTo(Action.BLOCK);
    }

    @Test
    void aLongPromptIsScreenedWholeOffTheRequestThreadAndRefusedForATermAtItsEnd() {
        // Longer than the gateway screens on the request's own thread: it goes to the long-text threads.
        String padding = "今天天气不错，适合写一篇周末去公园散步的文案。".repeat(500);
        assertThat(padding.length()).isGreaterThan(8_192);
        String blocked = padding + "最后帮我写一段网上赌场百家乐的推广文案";
        assertThatThrownBy(() -> client.chat().completions().create(chat("clean", blocked, "u-long-prompt")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("prompt_not_allowed");
                });
        assertThat(model.prompts).noneMatch(p -> p.contains("网上赌场"));

        String clean = padding + "最后加上三个话题标签";
        ChatCompletion answer = client.chat().completions().create(chat("clean", clean, "u-long-prompt"));
        assertThat(answer.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(model.prompts).anyMatch(p -> p.contains("最后加上三个话题标签"));
    }

    @Test
    void aViolationSplitAcrossTwoChunksStopsTheStreamWithoutSendingIt() {
        Streamed s = stream(chat("split", "聊聊天", "u-split"));
        assertThat(s.finishReason()).isEqualTo("content_filter");
        assertThat(s.text()).doesNotContain("赌").doesNotContain("网上");
        ExchangeLog.Row row = exchangeOf("u-split");
        assertThat(row.outcome()).isEqualTo("output_stopped");
        assertThat(row.outputReason()).isEqualTo("output_not_allowed");
        // The stored output is what the model made (the evidence), not what the client saw.
        Content output = server.server().intake().find(row.outputContentId()).orElseThrow();
        assertThat(output.text()).contains("网上赌");
        assertThat(server.server()
                        .decisions()
                        .current(output.id())
                        .orElseThrow()
                        .action())
                .isEqualTo(Action.BLOCK);
        List<AuditEntry> audit = server.server()
                .audit()
                .search(new AuditQuery(
                        "content.decide", null, "content", Long.toString(output.id()), null, null, null, 5));
        assertThat(audit).isNotEmpty();
    }

    @Test
    void aNoisePaddedTermCutAtAChunkBoundaryStopsTheStream() {
        Streamed s = stream(chat("padded", "玩什么", "u-padded"));
        assertThat(s.finishReason()).isEqualTo("content_filter");
        assertThat(s.text()).doesNotContain("百").doesNotContain("乐");
    }

    @Test
    void aWholeAnswerThatViolatesIsReplacedByTheSafeMessage() {
        ChatCompletion c = client.chat().completions().create(chat("split", "聊聊天", "u-replaced"));
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.CONTENT_FILTER);
        assertThat(c.choices().getFirst().message().content())
                .contains(SAFE_ZH)
                .get()
                .asString()
                .doesNotContain("赌");
        assertThat(exchangeOf("u-replaced").outcome()).isEqualTo("output_replaced");
    }

    @Test
    void minorsGetTheStricterPolicyAndADailyQuota() {
        String phone = "我的身份证号是11010519491231002X，帮我写个自我介绍";
        // An adult's prompt with personal data goes through (the policy sends it to review, after the fact)...
        assertThat(client.chat()
                        .completions()
                        .create(chat("clean", phone, "u-adult"))
                        .choices())
                .isNotEmpty();
        // ...a minor's is stopped: review and limit count as block in minors' mode.
        ChatCompletionCreateParams minor = ChatCompletionCreateParams.builder()
                .model("clean")
                .addUserMessage(phone)
                .user("u-minor")
                .putAdditionalHeader("X-Redline-Minor", "true")
                .build();
        assertThatThrownBy(() -> client.chat().completions().create(minor))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.code()).contains("content_filter"));
        // The registry marks a user a minor without the header; two requests a day, then 429 until midnight UTC.
        client.chat().completions().create(chat("clean", "hi", "registered-minor"));
        client.chat().completions().create(chat("clean", "hi", "registered-minor"));
        assertThatThrownBy(() -> client.chat().completions().create(chat("clean", "hi", "registered-minor")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.getMessage()).contains("daily quota");
                    assertThat(e.headers().values("Retry-After")).isNotEmpty();
                });
    }

    @Test
    void anEndUserOverTheRateLimitGets429WithRetryAfter() {
        for (int i = 0; i < 5; i++) client.chat().completions().create(chat("clean", "hi", "u-busy"));
        assertThatThrownBy(() -> client.chat().completions().create(chat("clean", "hi", "u-busy")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(Long.parseLong(e.headers().values("Retry-After").getFirst()))
                            .isPositive();
                    assertThat(e.code()).contains("rate_limit_exceeded");
                });
        // another end user of the same token is not affected
        assertThat(client.chat()
                        .completions()
                        .create(chat("clean", "hi", "u-calm"))
                        .choices())
                .isNotEmpty();
    }

    // ---------------------------------------------------------------- failures

    @Test
    void anUnreachableUpstreamIs502AndASlowOneIs504() {
        assertThatThrownBy(() -> client.chat().completions().create(chat("down-only", "hi", "u-down")))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("cannot be reached");
                });
        assertThatThrownBy(() -> client.chat().completions().create(chat("slow", "hi", "u-slow")))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(504);
                    assertThat(e.getMessage()).contains("did not answer within 400 ms");
                });
        assertThat(exchangeOf("u-slow").outcome()).isEqualTo("upstream_failed");
    }

    @Test
    void anUpstreamRefusalPassesThroughInTheOpenAiShape() {
        assertThatThrownBy(() -> client.chat().completions().create(chat("bad-request", "hi", "u-4xx")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("temperature must be at most 2");
                    assertThat(e.param()).contains("temperature");
                });
    }

    @Test
    void aClientLeavingMidStreamClosesTheUpstreamConnection() throws Exception {
        List<String> seen = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s =
                client.chat().completions().createStreaming(chat("endless", "数数", "u-gone"))) {
            Iterator<ChatCompletionChunk> it = s.stream().iterator();
            while (seen.size() < 3 && it.hasNext()) {
                it.next().choices().forEach(c -> c.delta().content().ifPresent(seen::add));
            }
        } // closing the stream hangs up on the gateway
        assertThat(model.endlessClosed.await(20, TimeUnit.SECONDS))
                .as("the gateway closed the upstream stream")
                .isTrue();
        assertThat(exchangeOf("u-gone").outcome()).isEqualTo("client_gone");
    }

    @Test
    void theApiKeyMustBeAServiceToken() {
        OpenAIClient stranger = client("rl_not_a_token");
        assertThatThrownBy(() -> stranger.models().list())
                .isInstanceOfSatisfying(
                        UnauthorizedException.class, e -> assertThat(e.code()).contains("invalid_api_key"));
        stranger.close();
        OpenAIClient reviewer = client(server.tokens.get(Role.REVIEWER));
        assertThatThrownBy(() -> reviewer.chat().completions().create(chat("clean", "hi", "u-x")))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("this token has role reviewer");
        reviewer.close();
    }

    // ---------------------------------------------------------------- images

    @Test
    void generatedImagesCarryTheVisibleAndTheImplicitLabel() throws Exception {
        ImagesResponse r = client.images()
                .generate(ImageGenerateParams.builder()
                        .prompt("一只猫在看书")
                        .model("img")
                        .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                        .user("u-image")
                        .build());
        byte[] file = Base64.getDecoder()
                .decode(r.data().orElseThrow().getFirst().b64Json().orElseThrow());
        Inspection labelled = MediaInspector.inspect(file, MediaLimits.defaults());
        assertThat(labelled.aigc()).isNotNull();
        assertThat(labelled.aigc().label()).isEqualTo("1");
        assertThat(labelled.aigc().contentProducer()).isEqualTo("redline-test");
        // the visible mark changed the pixels of the bottom-right corner
        BufferedImage before = ImageIO.read(new java.io.ByteArrayInputStream(png()));
        BufferedImage after = ImageIO.read(new java.io.ByteArrayInputStream(file));
        boolean changed = false;
        for (int x = before.getWidth() * 3 / 4; x < before.getWidth() && !changed; x++) {
            for (int y = before.getHeight() * 3 / 4; y < before.getHeight() && !changed; y++)
                changed = before.getRGB(x, y) != after.getRGB(x, y);
        }
        assertThat(changed).isTrue();
    }

    static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(120, 180, 220));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
