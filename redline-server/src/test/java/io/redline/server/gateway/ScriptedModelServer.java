package io.redline.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenAI-compatible model server for tests (the JDK's HTTP server on a free port): the
 * model name picks a script of output chunks, streamed as server-sent events or answered whole.
 * It records the prompts it was sent, and whether a streaming client (the gateway) hung up.
 */
public final class ScriptedModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Scripts: model name → chunks of output. */
    public static final Map<String, List<String>> SCRIPTS = Map.of(
            "clean", List.of("Hello", " there", ", have a ", "nice day."),
            // a violation split across two chunks
            "split", List.of("今天我们聊聊", "网上赌", "场的事情", "，还有很多内容可以说。"),
            // a noise-padded term cut at a chunk boundary inside its padding
            "padded", List.of("好的，你可以试试 百 * 家", " * 乐 今晚开始，", "祝你好运。"),
            "bad-request", List.of());

    /**
     * Scripts whose text goes beside the content: a tool call's arguments ({@code tool-*}) or the
     * reasoning ({@code reasoning-*}), chunk by chunk. The reasoning scripts answer "好的。" as content.
     */
    public static final Map<String, List<String>> SIDE_SCRIPTS = Map.of(
            "tool-clean", List.of("{\"title\": \"周末", "公园散步\", \"tags\": [\"", "户外\"]}"),
            // a violation split across two chunks of a tool call's arguments
            "tool-split", List.of("{\"text\": \"今天聊聊网上", "赌场的事情\"}"),
            "reasoning-split", List.of("用户想了解", "网上赌", "场，我来介绍一下。"));

    private final HttpServer http;
    public final List<String> prompts = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Counts down when the gateway closed an endless stream (a write to it failed). */
    public final CountDownLatch endlessClosed = new CountDownLatch(1);
    /** Chunks written to the endless stream before the gateway hung up. */
    public final AtomicInteger endlessChunks = new AtomicInteger();
    /** Holds "slow" requests until the test ends (never answers within the gateway's timeout). */
    private final CountDownLatch release = new CountDownLatch(1);

    public final Map<String, Integer> requestsByModel = new ConcurrentHashMap<>();
    /** Per model, the client port of each request in order: the same port twice is one connection used twice. */
    public final Map<String, List<Integer>> clientPortsByModel = new ConcurrentHashMap<>();

    private final byte[] png;

    public ScriptedModelServer(byte[] png) throws IOException {
        this.png = png;
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/v1/chat/completions", ex -> handle(ex, true));
        http.createContext("/v1/completions", ex -> handle(ex, false));
        http.createContext(
                "/v1/models",
                ex -> send(
                        ex,
                        200,
                        "{\"object\":\"list\",\"data\":[{\"id\":\"clean\",\"object\":\"model\",\"created\":0,\"owned_by\":\"scripted\"}]}"));
        http.createContext("/v1/images/generations", this::image);
        http.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange ex, boolean chat) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
        String model = req.path("model").asText();
        requestsByModel.merge(model, 1, Integer::sum);
        clientPortsByModel
                .computeIfAbsent(model, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(ex.getRemoteAddress().getPort());
        prompts.add(chat ? req.path("messages").toString() : req.path("prompt").toString());
        if (model.equals("slow")) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, "{}");
            return;
        }
        if (model.equals("bad-request")) {
            send(
                    ex,
                    400,
                    "{\"error\":{\"message\":\"temperature must be at most 2\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}");
            return;
        }
        boolean stream = req.path("stream").asBoolean(false);
        if (model.equals("endless")) {
            endless(ex, chat);
            return;
        }
        if (chat && SIDE_SCRIPTS.containsKey(model)) {
            sides(ex, model, stream);
            return;
        }
        List<String> script = SCRIPTS.getOrDefault(model, List.of("(" + model + ")"));
        if (!stream) {
            ObjectNode body = JSON.createObjectNode()
                    .put("id", "cmpl-1")
                    .put("object", chat ? "chat.completion" : "text_completion")
                    .put("created", 1_700_000_000L)
                    .put("model", model);
            ObjectNode c = body.putArray("choices").addObject().put("index", 0);
            if (chat) c.putObject("message").put("role", "assistant").put("content", String.join("", script));
            else c.put("text", String.join("", script));
            c.put("finish_reason", "stop");
            body.putObject("usage")
                    .put("prompt_tokens", 5)
                    .put("completion_tokens", 7)
                    .put("total_tokens", 12);
            send(ex, 200, body.toString());
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            if (chat) event(out, chunk(model, chat, null, "assistant", null));
            for (String part : script) event(out, chunk(model, chat, part, null, null));
            event(out, chunk(model, chat, null, null, "stop"));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void endless(HttpExchange ex, boolean chat) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            for (int i = 0; i < 1_000_000; i++) {
                event(out, chunk("endless", chat, "滴答" + i + " ", null, null));
                endlessChunks.incrementAndGet();
            }
        } catch (IOException closed) {
            endlessClosed.countDown();
        } finally {
            try {
                out.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** A tool call (its arguments from the script) or a reasoning text (then "好的。"), whole or streamed. */
    private void sides(HttpExchange ex, String model, boolean stream) throws IOException {
        List<String> parts = SIDE_SCRIPTS.get(model);
        boolean tool = model.startsWith("tool-");
        if (!stream) {
            ObjectNode body = JSON.createObjectNode()
                    .put("id", "cmpl-1")
                    .put("object", "chat.completion")
                    .put("created", 1_700_000_000L)
                    .put("model", model);
            ObjectNode c = body.putArray("choices").addObject().put("index", 0);
            ObjectNode m = c.putObject("message").put("role", "assistant");
            if (tool) {
                m.putNull("content");
                toolCall(m.putArray("tool_calls").addObject(), String.join("", parts), true);
            } else {
                m.put("content", "好的。").put("reasoning_content", String.join("", parts));
            }
            c.put("finish_reason", tool ? "tool_calls" : "stop");
            send(ex, 200, body.toString());
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < parts.size(); i++) {
                ObjectNode n = JSON.createObjectNode()
                        .put("id", "chunk-1")
                        .put("object", "chat.completion.chunk")
                        .put("created", 1_700_000_000L)
                        .put("model", model);
                ObjectNode c = n.putArray("choices").addObject().put("index", 0);
                ObjectNode d = c.putObject("delta");
                if (i == 0) d.put("role", "assistant");
                if (tool) toolCall(d.putArray("tool_calls").addObject().put("index", 0), parts.get(i), i == 0);
                else d.put("reasoning_content", parts.get(i));
                c.putNull("finish_reason");
                event(out, n.toString());
            }
            if (!tool) event(out, chunk(model, true, "好的。", null, null));
            ObjectNode end = JSON.createObjectNode()
                    .put("id", "chunk-1")
                    .put("object", "chat.completion.chunk")
                    .put("created", 1_700_000_000L)
                    .put("model", model);
            ObjectNode c = end.putArray("choices").addObject().put("index", 0);
            c.putObject("delta");
            c.put("finish_reason", tool ? "tool_calls" : "stop");
            event(out, end.toString());
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void toolCall(ObjectNode call, String arguments, boolean first) {
        if (first) call.put("id", "call_1").put("type", "function");
        ObjectNode f = call.putObject("function");
        if (first) f.put("name", "post_note");
        f.put("arguments", arguments);
    }

    private void image(HttpExchange ex) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
        prompts.add(req.path("prompt").asText());
        ObjectNode body = JSON.createObjectNode().put("created", 1_700_000_000L);
        body.putArray("data")
                .addObject()
                .put("b64_json", java.util.Base64.getEncoder().encodeToString(png));
        send(ex, 200, body.toString());
    }

    private static String chunk(String model, boolean chat, String content, String role, String finish) {
        ObjectNode n = JSON.createObjectNode()
                .put("id", "chunk-1")
                .put("object", chat ? "chat.completion.chunk" : "text_completion")
                .put("created", 1_700_000_000L)
                .put("model", model);
        ObjectNode c = n.putArray("choices").addObject().put("index", 0);
        if (chat) {
            ObjectNode d = c.putObject("delta");
            if (role != null) d.put("role", role);
            if (content != null) d.put("content", content);
            if (role != null && content == null) d.put("content", "");
        } else {
            c.put("text", content == null ? "" : content);
        }
        if (finish == null) c.putNull("finish_reason");
        else c.put("finish_reason", finish);
        return n.toString();
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        release.countDown();
        http.stop(0);
    }
}
