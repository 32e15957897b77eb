package io.redline.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.redline.gateway.Exchange.Outcome;
import io.redline.media.AigcLabel;
import io.redline.media.C2paSigner;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaLimits;
import io.redline.store.Ids;
import io.redline.text.Hit;
import io.redline.text.Screener;
import io.redline.vocabulary.Surface;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible proxy engine: screens the prompt, calls an upstream, screens the output
 * (whole, or while it streams, through an {@link OutputGuard}), labels it and logs the exchange.
 * Knows no HTTP framework: the server hands it a {@link Call} and a {@link Reply}.
 *
 * <p>Order of work per call: parse and validate, rate limits, prompt screening (a blocked prompt
 * never reaches an upstream), routing, the upstream call, output screening and labelling, the
 * answer; then the exchange is stored off the request path (bounded: callers wait when
 * {@link GatewayConfig.Limits#inFlightRecordsMax} exchanges are still being stored).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String USER_HEADER = "X-Redline-User";
    public static final String EXCHANGE_HEADER = "X-Redline-Exchange";
    /** Longest end-user id accepted (intake's author id limit). */
    static final int USER_CHARS_MAX = 128;

    /**
     * How long the end of an upstream's answer may take after its {@code [DONE]} before its
     * connection is closed (at the first tick of the deadlines after it, see {@link Deadlines}).
     */
    static final long DRAIN_MS_MAX = 200;

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final GatewayConfig config;
    private final Supplier<Screener> screener;
    private final GatewayRecords records;
    private final Judges judges;
    private final Upstreams upstreams;
    private final RateLimits limits;
    private final AiLabels labels;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Ids ids;
    private final Set<String> minorIds;
    private final ExecutorService recorder = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore recordSlots;
    private final LongTexts longTexts = new LongTexts();
    private volatile HoldBack holdBack;
    private volatile Screener holdBackFor;

    /** Without a C2PA signing identity: an upstream image's Content Credentials are removed when labelled. */
    public Gateway(
            GatewayConfig config,
            Supplier<Screener> screener,
            GatewayRecords records,
            MeterRegistry registry,
            Clock clock,
            Ids ids,
            MediaLimits mediaLimits) {
        this(config, screener, records, registry, clock, ids, mediaLimits, null);
    }

    /** @param c2paSignerOrNull signs a manifest over a labelled upstream image that had Content Credentials, keeping them as its parent */
    public Gateway(
            GatewayConfig config,
            Supplier<Screener> screener,
            GatewayRecords records,
            MeterRegistry registry,
            Clock clock,
            Ids ids,
            MediaLimits mediaLimits,
            C2paSigner c2paSignerOrNull) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        this.config = config;
        this.screener = screener;
        this.records = records;
        this.judges = new Judges(records::policy);
        this.upstreams = new Upstreams(config.upstreams());
        this.limits = new RateLimits(config.limits(), config.minors(), clock);
        this.labels = new AiLabels(config.producerId(), mediaLimits, c2paSignerOrNull);
        this.metrics = new GatewayMetrics(registry);
        this.clock = clock;
        this.ids = ids;
        this.minorIds = Set.copyOf(config.minors().userIds());
        this.recordSlots = new Semaphore(config.limits().inFlightRecordsMax());
    }

    /** The hold-back window for the screener in force (recomputed when the lexicon is reloaded). */
    public HoldBack holdBack() {
        Screener s = screener.get();
        HoldBack h = holdBack;
        if (h == null || holdBackFor != s) {
            h = HoldBack.of(s, config.limits().streamStepChars());
            holdBack = h;
            holdBackFor = s;
        }
        return h;
    }

    public GatewayConfig config() {
        return config;
    }

    /** Answers one call. Errors are answered in the OpenAI shape; only a client that went away ends it silently. */
    public void handle(Call call, Reply reply) throws IOException {
        long t0 = System.nanoTime();
        try {
            switch (call.operation()) {
                case MODELS -> models(reply);
                case CHAT, COMPLETIONS -> text(call, reply, t0);
                case IMAGES -> images(call, reply, t0);
            }
        } catch (OpenAiError e) {
            error(reply, e);
        }
    }

    static void error(Reply reply, OpenAiError e) throws IOException {
        Map<String, String> headers =
                e.retryAfterSeconds() > 0 ? Map.of("Retry-After", Long.toString(e.retryAfterSeconds())) : Map.of();
        reply.send(e.status(), headers, "application/json", e.bodyBytes());
    }

    // ------------------------------------------------------------------ models

    private void models(Reply reply) throws IOException {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (GatewayConfig.Upstream u : upstreams.all()) {
            List<String> names = u.servesAny() ? upstreams.listModels(u) : u.models();
            for (String m : names) {
                if (m.equals("*")) continue;
                byId.computeIfAbsent(m, k -> {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("id", k).put("object", "model").put("created", 0).put("owned_by", u.name());
                    return n;
                });
            }
        }
        ObjectNode body = JSON.createObjectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        byId.values().forEach(data::add);
        reply.send(200, Map.of(), "application/json", bytes(body));
    }

    // ------------------------------------------------------------------ chat and completions

    /** What every text call knows once its request is understood. */
    private record Asked(
            Call call,
            ObjectNode body,
            String model,
            String prompt,
            String user,
            boolean minor,
            GatewayConfig.Label label,
            long exchangeId,
            List<Hit> promptHits,
            Judgement promptJudgement) {}

    private Asked ask(Call call, String prompt, ObjectNode body, String model) {
        String user = endUser(call, body);
        boolean minor = isMinor(call, user);
        limits.take(call.caller().tokenId(), user, minor);
        GatewayConfig.Label label = config.label(call.header("Accept-Language"));
        List<Hit> hits = longTexts.screen(screener.get(), prompt, true);
        Judgement j = judges.judge(Surface.PROMPT, hits, prompt.codePointCount(0, prompt.length()), minor);
        return new Asked(call, body, model, prompt, user, minor, label, ids.next(), hits, j);
    }

    private void text(Call call, Reply reply, long t0) throws IOException {
        ObjectNode body = object(call.body());
        String model = requiredText(body, "model");
        String prompt = call.operation() == Operation.CHAT ? chatPrompt(body) : completionPrompt(body);
        Asked a = ask(call, prompt, body, model);
        if (a.promptJudgement().stops()) {
            refusePrompt(a, t0);
        }
        if (upstreams.forModel(model).isEmpty()) throw OpenAiError.modelNotFound(model);
        if (body.path("stream").asBoolean(false)) stream(a, reply, t0);
        else whole(a, reply, t0);
    }

    private void refusePrompt(Asked a, long t0) {
        metrics.promptBlocked(a.promptJudgement().reasonCode());
        record(a, null, Outcome.PROMPT_BLOCKED, 400, null, null, List.of(), 0, t0);
        throw OpenAiError.contentFilter(a.promptJudgement().reasonCode());
    }

    private Upstreams.Answer call(Asked a, boolean stream, long t0) {
        try {
            return upstreams.post(
                    a.model(), a.call().operation().path(), a.call().body(), stream);
        } catch (OpenAiError e) {
            metrics.upstreamFailed(e.code());
            record(a, null, Outcome.UPSTREAM_FAILED, e.status(), null, null, List.of(), System.nanoTime() - t0, t0);
            throw e;
        }
    }

    /** An upstream's 4xx passes through (in the OpenAI shape when it was not already); 5xx becomes 502. */
    private void upstreamRefused(Asked a, Upstreams.Answer ans, Reply reply, long t0) throws IOException {
        record(a, ans.upstream().name(), Outcome.UPSTREAM_FAILED, ans.status(), null, null, List.of(), ans.nanos(), t0);
        metrics.upstreamFailed(Integer.toString(ans.status()));
        if (ans.status() >= 400 && ans.status() < 500) {
            byte[] b = ans.body() == null ? new byte[0] : ans.body();
            if (isOpenAiError(b)) {
                reply.send(ans.status(), Map.of(), "application/json", b);
            } else {
                error(
                        reply,
                        OpenAiError.ofStatus(
                                ans.status(),
                                "upstream '" + ans.upstream().name() + "' refused the request: "
                                        + clip(new String(b, StandardCharsets.UTF_8))));
            }
            return;
        }
        error(reply, OpenAiError.badGateway("upstream '" + ans.upstream().name() + "' answered " + ans.status()));
    }

    private void whole(Asked a, Reply reply, long t0) throws IOException {
        Upstreams.Answer ans = call(a, false, t0);
        if (!ans.ok()) {
            upstreamRefused(a, ans, reply, t0);
            return;
        }
        ObjectNode out;
        try {
            out = object(ans.body());
        } catch (OpenAiError e) {
            record(a, ans.upstream().name(), Outcome.UPSTREAM_FAILED, 502, null, null, List.of(), ans.nanos(), t0);
            throw OpenAiError.badGateway(
                    "upstream '" + ans.upstream().name() + "' answered something that is not JSON");
        }
        boolean chat = a.call().operation() == Operation.CHAT;
        StringBuilder all = new StringBuilder();
        List<Hit> allHits = new ArrayList<>();
        Judgement worst = null;
        boolean replaced = false;
        Screener s = screener.get();
        for (JsonNode choice : out.path("choices")) {
            if (!(choice instanceof ObjectNode c)) continue;
            ObjectNode holder = chat ? (c.path("message") instanceof ObjectNode m ? m : null) : c;
            String field = chat ? "content" : "text";
            if (holder == null) continue;
            String text = holder.path(field).isTextual() ? holder.path(field).asText() : null;
            // What the model said, then what it reasoned and the arguments it passed to tools: all are screened.
            List<Map.Entry<String, String>> texts = new ArrayList<>();
            if (text != null) texts.add(Map.entry(field, text));
            if (chat) texts.addAll(Sides.of(holder));
            Judgement stop = null;
            for (Map.Entry<String, String> t : texts) {
                if (!all.isEmpty()) all.append('\n');
                int offset = all.length();
                all.append(t.getValue());
                List<Hit> hits = longTexts.screen(s, t.getValue(), false);
                for (Hit h : hits) allHits.add(shifted(h, offset));
                Judgement j = hits.isEmpty()
                        ? null
                        : judges.judge(
                                Surface.OUTPUT,
                                hits,
                                t.getValue().codePointCount(0, t.getValue().length()),
                                a.minor());
                if (j != null && (worst == null || j.stops())) worst = j;
                if (j != null && j.stops() && stop == null) stop = j;
            }
            if (stop != null) {
                holder.put(field, a.label().safeMessage());
                Sides.removeAll(holder);
                c.put("finish_reason", "content_filter");
                replaced = true;
                metrics.streamStopped(stop.reasonCode()); // a whole answer stopped counts like a stream stopped
            } else if (text != null) {
                holder.put(field, applyLabel(a.label(), text));
            }
        }
        AigcLabel aigc = labels.implicit(a.exchangeId());
        out.set("redline", redlineField(a, aigc));
        byte[] bytes = bytes(out);
        reply.send(200, labelHeaders(a, aigc), "application/json", bytes);
        record(
                a,
                ans.upstream().name(),
                replaced ? Outcome.OUTPUT_REPLACED : Outcome.COMPLETED,
                200,
                all.toString(),
                worst,
                allHits,
                ans.nanos(),
                t0);
    }

    private static Hit shifted(Hit h, int offset) {
        return new Hit(
                h.detector(),
                h.category(),
                h.severity(),
                h.start() + offset,
                h.end() + offset,
                h.normalized(),
                h.term());
    }

    /** Per choice index while streaming: the content's guard, and one per side text (reasoning, each tool call's arguments). */
    private static final class Lane {
        final OutputGuard guard;
        final Map<String, OutputGuard> sides = new LinkedHashMap<>();
        boolean labelled;
        boolean finished;

        Lane(OutputGuard guard) {
            this.guard = guard;
        }
    }

    private void stream(Asked a, Reply reply, long t0) throws IOException {
        Upstreams.Answer ans = call(a, true, t0);
        if (!ans.ok()) {
            upstreamRefused(a, ans, reply, t0);
            return;
        }
        boolean chat = a.call().operation() == Operation.CHAT;
        HoldBack window = holdBack();
        Screener s = screener.get();
        OutputGuard.Judge judge = judges.forOutput(a.minor());
        Map<Integer, Lane> lanes = new TreeMap<>();
        AigcLabel aigc = labels.implicit(a.exchangeId());
        long upstreamNanos = ans.nanos();
        long answeredNanos = 0;
        Outcome outcome = Outcome.COMPLETED;
        Judgement stop = null;
        ObjectNode lastChunk = null;
        IdleWatch idle = new IdleWatch(ans.stream(), ans.upstream().timeoutMs());
        OutputStream out = null;
        try (InputStream upstream = ans.stream()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(upstream, StandardCharsets.UTF_8));
            out = reply.stream(labelHeaders(a, aigc));
            boolean done = false;
            boolean unflushed = false;
            boolean sawDone = false;
            while (!done) {
                // Chunks the upstream sent together go out together: flush only when the next read would wait.
                if (unflushed && !ready(in)) {
                    flush(out);
                    unflushed = false;
                }
                long w0 = System.nanoTime();
                String line;
                try {
                    line = in.readLine();
                } catch (IOException e) {
                    upstreamNanos += System.nanoTime() - w0;
                    outcome = Outcome.UPSTREAM_FAILED;
                    OpenAiError err = idle.fired()
                            ? OpenAiError.gatewayTimeout(
                                    "upstream '" + ans.upstream().name() + "' sent nothing for "
                                            + ans.upstream().timeoutMs() + " ms")
                            : OpenAiError.badGateway(
                                    "upstream '" + ans.upstream().name() + "' broke off the stream: " + e.getMessage());
                    metrics.upstreamFailed(err.code());
                    write(out, ("data: " + err.body() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.write(DONE);
                    out.flush();
                    break;
                }
                long c0 = System.nanoTime();
                upstreamNanos += c0 - w0;
                idle.touch();
                if (line == null) break; // ended without [DONE]: finish below
                if (!line.startsWith("data:")) continue; // blank separators, comments, event names
                String data = line.substring(5).trim();
                if (data.equals("[DONE]")) {
                    sawDone = true;
                    break;
                }
                ObjectNode chunk;
                try {
                    chunk = object(data.getBytes(StandardCharsets.UTF_8));
                } catch (OpenAiError e) {
                    continue; // not a chunk we understand; nothing of it reaches the client unscreened
                }
                if (chunk.has("error")) { // the upstream's own error event passes through
                    write(out, ("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                    outcome = Outcome.UPSTREAM_FAILED;
                    break;
                }
                lastChunk = chunk;
                boolean emit = !chunk.path("choices").isArray()
                        || chunk.path("choices").isEmpty();
                for (JsonNode node : chunk.path("choices")) {
                    if (!(node instanceof ObjectNode c)) continue;
                    int index = c.path("index").asInt(0);
                    Lane lane = lanes.computeIfAbsent(
                            index,
                            k -> new Lane(new OutputGuard(
                                    s, window, judge, config.limits().outputCharsMax())));
                    ObjectNode holder = chat ? (c.path("delta") instanceof ObjectNode d ? d : c.putObject("delta")) : c;
                    String field = chat ? "content" : "text";
                    String delta =
                            holder.path(field).isTextual() ? holder.path(field).asText() : "";
                    OutputGuard.Step step = lane.guard.append(delta);
                    StringBuilder release = new StringBuilder(step.released());
                    boolean finishing = c.hasNonNull("finish_reason");
                    if (!step.stopped() && finishing) {
                        step = lane.guard.finish();
                        release.append(step.released());
                    }
                    if (!step.stopped() && chat) {
                        OutputGuard.Step side = sides(lane, holder, finishing, s, window, judge);
                        if (side != null) step = side;
                        emit |= holder.has("tool_calls") || Sides.has(holder);
                    }
                    if (step.stopped()) {
                        stop = step.stop();
                        break;
                    }
                    if (!release.isEmpty() && !lane.labelled) {
                        release.insert(0, prefix(a.label()));
                        lane.labelled = true;
                    }
                    if (finishing) {
                        lane.finished = true;
                        release.append(suffix(a.label()));
                        chunk.set("redline", redlineField(a, aigc));
                    }
                    if (holder.path(field).isTextual() || !release.isEmpty()) holder.put(field, release.toString());
                    emit |= !release.isEmpty() || finishing || (chat && holder.size() > (holder.has(field) ? 1 : 0));
                }
                if (stop != null) break;
                if (emit) {
                    writeHeld(out, ("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                    unflushed = true;
                }
                metrics.chunk(System.nanoTime() - c0);
            }
            if (stop != null) {
                upstream.close(); // stop generation: the upstream sees its connection closed
                outcome = Outcome.OUTPUT_STOPPED;
                metrics.streamStopped(stop.reasonCode());
                for (Map.Entry<Integer, Lane> e : lanes.entrySet()) {
                    if (e.getValue().finished) continue;
                    write(
                            out,
                            ("data: " + finalChunk(lastChunk, e.getKey(), chat, stop.finishReason(), a, aigc) + "\n\n")
                                    .getBytes(StandardCharsets.UTF_8));
                }
                out.write(DONE);
                out.flush();
            } else if (outcome == Outcome.COMPLETED) {
                // The upstream ended: release what is still held (screened first) for lanes that never said
                // finish_reason.
                for (Map.Entry<Integer, Lane> e : lanes.entrySet()) {
                    Lane lane = e.getValue();
                    if (lane.finished) continue;
                    OutputGuard.Step step = lane.guard.finish();
                    if (step.stopped()) {
                        stop = step.stop();
                        outcome = Outcome.OUTPUT_STOPPED;
                        metrics.streamStopped(stop.reasonCode());
                        write(
                                out,
                                ("data: " + finalChunk(lastChunk, e.getKey(), chat, stop.finishReason(), a, aigc)
                                                + "\n\n")
                                        .getBytes(StandardCharsets.UTF_8));
                        continue;
                    }
                    ObjectNode tail = finalChunk(lastChunk, e.getKey(), chat, null, a, aigc);
                    ObjectNode c = (ObjectNode) tail.path("choices").get(0);
                    if (chat) {
                        OutputGuard.Step side = sides(lane, (ObjectNode) c.path("delta"), true, s, window, judge);
                        if (side != null && side.stopped()) {
                            stop = side.stop();
                            outcome = Outcome.OUTPUT_STOPPED;
                            metrics.streamStopped(stop.reasonCode());
                            write(
                                    out,
                                    ("data: "
                                                    + finalChunk(
                                                            lastChunk, e.getKey(), chat, stop.finishReason(), a, aigc)
                                                    + "\n\n")
                                            .getBytes(StandardCharsets.UTF_8));
                            continue;
                        }
                    }
                    String rest = (lane.labelled || step.released().isEmpty() ? "" : prefix(a.label()))
                            + step.released()
                            + suffix(a.label());
                    if (chat) ((ObjectNode) c.path("delta")).put("content", rest);
                    else c.put("text", rest);
                    write(out, ("data: " + tail + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(DONE);
                close(out); // the client's answer is complete now, before the upstream's end is read
                answeredNanos = System.nanoTime();
                if (sawDone) drainQuickly(upstream);
            } else {
                out.write(DONE);
                out.flush();
            }
        } catch (ClientGone e) {
            outcome = Outcome.CLIENT_GONE; // the try-with-resources closed the upstream connection
        } finally {
            idle.cancel();
            StringBuilder text = new StringBuilder();
            List<Hit> hits = new ArrayList<>();
            Judgement worst = stop;
            for (Lane lane : lanes.values()) {
                List<OutputGuard> guards = new ArrayList<>();
                guards.add(lane.guard);
                guards.addAll(lane.sides.values());
                for (OutputGuard g : guards) {
                    if (g != lane.guard && g.text().isEmpty()) continue;
                    if (!text.isEmpty()) text.append('\n');
                    int offset = text.length();
                    text.append(g.text());
                    for (Hit h : g.hits()) hits.add(shifted(h, offset));
                    if (worst == null) worst = g.judgement();
                }
            }
            record(
                    a,
                    ans.upstream().name(),
                    outcome,
                    200,
                    text.toString(),
                    worst,
                    hits,
                    upstreamNanos,
                    t0,
                    answeredNanos == 0 ? System.nanoTime() : answeredNanos);
        }
    }

    /**
     * Reads the upstream's answer to its end after its {@code [DONE]}, so its connection is reused
     * rather than aborted; an upstream that does not end its answer within {@link #DRAIN_MS_MAX}
     * has its connection closed.
     */
    private void drainQuickly(InputStream upstream) {
        Deadlines.Registration giveUp =
                upstreams.deadlines().after(DRAIN_MS_MAX, () -> Upstreams.closeQuietly(upstream));
        try {
            Upstreams.drain(upstream);
        } finally {
            giveUp.cancel();
        }
    }

    /**
     * Screens the side texts of one streamed delta (reasoning, tool-call arguments) through their
     * own guards and puts back only what each guard released; when {@code finishing}, every side
     * guard of the lane is finished and its rest put into this delta. Returns the step that
     * stopped, or null when none did.
     */
    private OutputGuard.Step sides(
            Lane lane, ObjectNode delta, boolean finishing, Screener s, HoldBack window, OutputGuard.Judge judge) {
        for (Map.Entry<String, String> t : Sides.of(delta)) {
            OutputGuard g = lane.sides.computeIfAbsent(
                    t.getKey(),
                    k -> new OutputGuard(s, window, judge, config.limits().outputCharsMax()));
            OutputGuard.Step step = g.append(t.getValue());
            if (step.stopped()) return step;
            Sides.put(delta, t.getKey(), step.released());
        }
        if (!finishing) return null;
        for (Map.Entry<String, OutputGuard> e : lane.sides.entrySet()) {
            OutputGuard.Step step = e.getValue().finish();
            if (step.stopped()) return step;
            if (!step.released().isEmpty())
                Sides.put(delta, e.getKey(), Sides.get(delta, e.getKey()) + step.released());
        }
        return null;
    }

    /** The client went away: a write to it failed. */
    private static final class ClientGone extends IOException {
        ClientGone(IOException cause) {
            super(cause);
        }
    }

    private static void write(OutputStream out, byte[] b) throws ClientGone {
        writeHeld(out, b);
        flush(out);
    }

    /** Writes without flushing; the stream loop flushes when the upstream has nothing more buffered. */
    private static void writeHeld(OutputStream out, byte[] b) throws ClientGone {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    private static void flush(OutputStream out) throws ClientGone {
        try {
            out.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    private static void close(OutputStream out) throws ClientGone {
        try {
            out.close();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Whether the upstream has more already received, so reading it will not wait. */
    private static boolean ready(BufferedReader in) {
        try {
            return in.ready();
        } catch (IOException e) {
            return false; // the next read will say what is wrong
        }
    }

    /** The last chunk of a stream for one choice: no content, the given finish_reason and the implicit label. */
    private ObjectNode finalChunk(
            ObjectNode like, int index, boolean chat, String finishReason, Asked a, AigcLabel aigc) {
        ObjectNode n = JSON.createObjectNode();
        n.put(
                "id",
                like == null ? "chatcmpl-" + a.exchangeId() : like.path("id").asText("chatcmpl-" + a.exchangeId()));
        n.put("object", chat ? "chat.completion.chunk" : "text_completion");
        n.put(
                "created",
                like == null ? clock.millis() / 1000 : like.path("created").asLong(clock.millis() / 1000));
        n.put("model", like == null ? a.model() : like.path("model").asText(a.model()));
        ObjectNode c = n.putArray("choices").addObject();
        c.put("index", index);
        if (chat) c.putObject("delta");
        else c.put("text", "");
        if (finishReason == null) c.put("finish_reason", "stop");
        else c.put("finish_reason", finishReason);
        n.set("redline", redlineField(a, aigc));
        return n;
    }

    /**
     * Closes the upstream body when it stays silent longer than its timeout (a streaming read has
     * no timeout of its own); checked at the deadlines' tick, so it fires up to one tick late.
     */
    private final class IdleWatch implements Deadlines.Watch {
        private final InputStream stream;
        private final long timeoutNanos;
        private volatile long lastNanos = System.nanoTime();
        private volatile boolean fired;
        private final Deadlines.Registration registration;

        IdleWatch(InputStream stream, long timeoutMs) {
            this.stream = stream;
            this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            this.registration = upstreams.deadlines().watch(this);
        }

        @Override
        public boolean overdue(long nowNanos) {
            return nowNanos - lastNanos > timeoutNanos;
        }

        @Override
        public void expire() {
            fired = true;
            Upstreams.closeQuietly(stream);
        }

        void touch() {
            lastNanos = System.nanoTime();
        }

        boolean fired() {
            return fired;
        }

        void cancel() {
            registration.cancel();
        }
    }

    // ------------------------------------------------------------------ images

    private void images(Call call, Reply reply, long t0) throws IOException {
        ObjectNode body = object(call.body());
        String prompt = requiredText(body, "prompt");
        String model = body.path("model").asText("");
        Asked a = ask(call, prompt, body, model);
        if (a.promptJudgement().stops()) refusePrompt(a, t0);
        if (upstreams.forModel(model).isEmpty()) throw OpenAiError.modelNotFound(model);
        Upstreams.Answer ans = call(a, false, t0);
        if (!ans.ok()) {
            upstreamRefused(a, ans, reply, t0);
            return;
        }
        ObjectNode out = object(ans.body());
        AigcLabel aigc = labels.implicit(a.exchangeId());
        StringBuilder made = new StringBuilder();
        int n = 0;
        for (JsonNode item : out.path("data")) {
            if (!(item instanceof ObjectNode o) || !o.path("b64_json").isTextual()) continue;
            byte[] file;
            try {
                file = Base64.getDecoder().decode(o.path("b64_json").asText());
            } catch (IllegalArgumentException e) {
                throw OpenAiError.badGateway(
                        "upstream '" + ans.upstream().name() + "' sent an image that is not base64");
            }
            try {
                byte[] labelled = labels.image(file, a.label(), aigc);
                o.put("b64_json", Base64.getEncoder().encodeToString(labelled));
                made.append(made.isEmpty() ? "" : "\n")
                        .append("image ")
                        .append(n++)
                        .append(" sha256:")
                        .append(ExchangeLog.sha256(Base64.getEncoder().encodeToString(labelled)));
            } catch (MediaFormatException e) {
                record(a, ans.upstream().name(), Outcome.UPSTREAM_FAILED, 502, null, null, List.of(), ans.nanos(), t0);
                throw OpenAiError.badGateway("upstream '" + ans.upstream().name()
                        + "' sent an image that cannot be labelled: " + e.getMessage());
            }
        }
        out.set("redline", redlineField(a, aigc));
        reply.send(200, labelHeaders(a, aigc), "application/json", bytes(out));
        record(
                a,
                ans.upstream().name(),
                Outcome.COMPLETED,
                200,
                made.isEmpty() ? null : made.toString(),
                null,
                List.of(),
                ans.nanos(),
                t0);
    }

    // ------------------------------------------------------------------ labels, logging

    private static String prefix(GatewayConfig.Label l) {
        return l.prefix() == null ? "" : l.prefix();
    }

    private static String suffix(GatewayConfig.Label l) {
        return l.suffix() == null ? "" : l.suffix();
    }

    private static String applyLabel(GatewayConfig.Label l, String text) {
        return prefix(l) + text + suffix(l);
    }

    private ObjectNode redlineField(Asked a, AigcLabel aigc) {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode label = r.putObject("aigc");
        aigc.fields().forEach(label::put);
        r.put("exchange_id", Long.toString(a.exchangeId()));
        return r;
    }

    private static Map<String, String> labelHeaders(Asked a, AigcLabel aigc) {
        return Map.of(AiLabels.HEADER, aigc.toJson(), EXCHANGE_HEADER, Long.toString(a.exchangeId()));
    }

    private void record(
            Asked a,
            String upstream,
            Outcome outcome,
            int status,
            String output,
            Judgement outputJudgement,
            List<Hit> outputHits,
            long upstreamNanos,
            long t0) {
        record(a, upstream, outcome, status, output, outputJudgement, outputHits, upstreamNanos, t0, System.nanoTime());
    }

    /** @param endNanos when the client's answer was complete (the added latency ends there) */
    private void record(
            Asked a,
            String upstream,
            Outcome outcome,
            int status,
            String output,
            Judgement outputJudgement,
            List<Hit> outputHits,
            long upstreamNanos,
            long t0,
            long endNanos) {
        long totalNanos = endNanos - t0;
        long addedNanos = Math.max(0, totalNanos - upstreamNanos);
        boolean stream = a.body().path("stream").asBoolean(false);
        if (upstream != null) metrics.added(a.call().operation(), stream, addedNanos);
        Exchange e = new Exchange(
                a.exchangeId(),
                clock.instant(),
                a.call().caller(),
                a.user(),
                a.minor(),
                a.call().operation(),
                a.model(),
                upstream,
                a.prompt(),
                a.promptJudgement(),
                a.promptHits(),
                output == null || output.isEmpty() ? null : output,
                outputJudgement,
                outputHits,
                outcome,
                status,
                upstreamNanos / 1_000,
                addedNanos / 1_000);
        try {
            recordSlots.acquire(); // back-pressure: never drop a log entry, never queue without bound
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            log.atError().addKeyValue("exchange", e.id()).log("interrupted before the exchange could be stored");
            return;
        }
        recorder.execute(() -> {
            try {
                records.record(e);
            } catch (RuntimeException ex) {
                metrics.recordFailed();
                log.atError().setCause(ex).addKeyValue("exchange", e.id()).log("gateway exchange not stored");
            } finally {
                recordSlots.release();
            }
        });
    }

    /** Waits until every exchange handed over so far is stored (tests, shutdown). */
    public boolean drain(long timeoutMs) throws InterruptedException {
        int all = config.limits().inFlightRecordsMax();
        if (!recordSlots.tryAcquire(all, timeoutMs, TimeUnit.MILLISECONDS)) return false;
        recordSlots.release(all);
        return true;
    }

    // ------------------------------------------------------------------ request parsing

    private String endUser(Call call, ObjectNode body) {
        String user = call.header(USER_HEADER);
        if (user == null && body.path("user").isTextual())
            user = body.path("user").asText();
        if (user == null) return "token:" + call.caller().tokenId();
        if (user.isBlank()
                || user.length() > USER_CHARS_MAX
                || user.chars().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c))) {
            throw OpenAiError.invalid(
                    "user",
                    "the end user (field 'user' or header " + USER_HEADER + ") must be 1.." + USER_CHARS_MAX
                            + " characters without control characters");
        }
        return user;
    }

    private boolean isMinor(Call call, String user) {
        String h = call.header(config.minors().header());
        if (h != null) {
            String v = h.trim().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("1") || v.equals("yes")) return true;
        }
        return minorIds.contains(user);
    }

    private static ObjectNode object(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n instanceof ObjectNode o) return o;
        } catch (JsonProcessingException e) {
            throw OpenAiError.invalid(null, "the body is not valid JSON: " + clip(e.getOriginalMessage()));
        } catch (IOException e) {
            throw OpenAiError.invalid(null, "the body cannot be read: " + clip(e.getMessage()));
        }
        throw OpenAiError.invalid(null, "the body must be a JSON object");
    }

    private static String requiredText(ObjectNode body, String field) {
        JsonNode n = body.path(field);
        if (!n.isTextual() || n.asText().isBlank())
            throw OpenAiError.invalid(field, "'" + field + "' is required and must be a string");
        return n.asText();
    }

    /** Every text part of every message, one message a line, so a term split over messages is still seen. */
    static String chatPrompt(ObjectNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty())
            throw OpenAiError.invalid("messages", "'messages' must be a non-empty array");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) throw OpenAiError.invalid("messages[" + i + "]", "each message must be an object");
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                line(sb, content.asText());
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    if (part.path("text").isTextual())
                        line(sb, part.path("text").asText());
                }
            }
        }
        return sb.toString();
    }

    static String completionPrompt(ObjectNode body) {
        JsonNode p = body.path("prompt");
        if (p.isTextual()) return p.asText();
        if (p.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode s : p) {
                if (!s.isTextual())
                    throw OpenAiError.invalid("prompt", "'prompt' must be a string or an array of strings");
                line(sb, s.asText());
            }
            return sb.toString();
        }
        throw OpenAiError.invalid("prompt", "'prompt' is required: a string or an array of strings");
    }

    private static void line(StringBuilder sb, String s) {
        if (!sb.isEmpty()) sb.append('\n');
        sb.append(s);
    }

    private static boolean isOpenAiError(byte[] body) {
        try {
            return JSON.readTree(body).path("error").isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s) {
        if (s == null) return "";
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /** Models any configured upstream names (without asking the upstreams that serve any model). */
    public Set<String> configuredModels() {
        Set<String> out = new LinkedHashSet<>();
        config.upstreams()
                .forEach(u -> u.models().stream().filter(m -> !m.equals("*")).forEach(out::add));
        return out;
    }

    @Override
    public void close() {
        try {
            if (!drain(10_000)) log.warn("gateway exchanges still being stored at shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        longTexts.close();
        recorder.shutdown();
        upstreams.close();
    }
}
