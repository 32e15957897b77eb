package io.redline.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The gateway's settings (the {@code gateway} section of the server's YAML; docs/gateway.md).
 *
 * @param upstreams        OpenAI-compatible model servers, tried in this order for a model they serve
 * @param producerId       the ContentProducer code written into the implicit label of what the models make
 * @param storeFullText    store prompts and outputs in full; otherwise only their SHA-256 (and the decisions)
 * @param defaultLanguage  label language when the request names none we know (Accept-Language)
 * @param labels           explicit label text per language
 * @param limits           rate limits, streaming window step and size bounds
 * @param minors           minors' mode
 * @param retention        how long full texts and exchange rows are kept (absent: the defaults)
 */
public record GatewayConfig(
        List<Upstream> upstreams,
        String producerId,
        boolean storeFullText,
        String defaultLanguage,
        List<Label> labels,
        Limits limits,
        Minors minors,
        Retention retention) {

    public GatewayConfig {
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        retention = retention == null ? Retention.DEFAULT : retention;
        labels = labels == null ? List.of() : List.copyOf(labels);
        Objects.requireNonNull(limits, "gateway.limits");
        Objects.requireNonNull(minors, "gateway.minors");
    }

    /**
     * One model server.
     *
     * @param baseUrl   its OpenAI base URL, e.g. {@code http://127.0.0.1:8000/v1}
     * @param apiKeyEnv environment variable holding its API key (optional); resolved into {@code apiKey} at start
     * @param apiKey    the resolved key; never written in the file (use apiKeyEnv)
     * @param models    model names routed here, or {@code *} for any
     * @param timeoutMs how long to wait for the answer (non-streaming) or for the next chunk (streaming)
     */
    public record Upstream(
            String name, String baseUrl, String apiKeyEnv, String apiKey, List<String> models, long timeoutMs) {
        public Upstream {
            models = models == null ? List.of("*") : List.copyOf(models);
        }

        public boolean serves(String model) {
            return models.contains("*") || models.contains(model);
        }

        public boolean servesAny() {
            return models.contains("*");
        }

        public Upstream withApiKey(String key) {
            return new Upstream(name, baseUrl, apiKeyEnv, key, models, timeoutMs);
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "Upstream[name=" + name + ", baseUrl=" + baseUrl + ", apiKeyEnv=" + apiKeyEnv + ", apiKey="
                    + (apiKey == null ? "null" : "***") + ", models=" + models + ", timeoutMs=" + timeoutMs + "]";
        }
    }

    /**
     * The explicit label of generated text in one language (GB 45438: a visible notice at the start
     * or the end), the text drawn on generated images, and the message that replaces stopped output.
     */
    public record Label(String language, String prefix, String suffix, String imageText, String safeMessage) {}

    /**
     * @param userRequestsPerMinute  per end user; 0 = unlimited
     * @param tokenRequestsPerMinute per API token; 0 = unlimited
     * @param streamStepChars        new output characters screened at a time while streaming; 0 = a quarter of the
     *                               hold-back overlap (see {@link HoldBack})
     * @param outputCharsMax         longest output one call may produce; a longer stream is stopped
     * @param inFlightRecordsMax     exchanges waiting to be stored; beyond it callers wait (back-pressure, never loss)
     */
    public record Limits(
            int userRequestsPerMinute,
            int tokenRequestsPerMinute,
            int streamStepChars,
            int outputCharsMax,
            int inFlightRecordsMax) {}

    /**
     * @param header            request header that marks the end user a minor ({@code true}/{@code 1})
     * @param userIds           the registry: end users who are always minors
     * @param dailyRequestsMax  requests per minor per UTC day; 0 = unlimited
     */
    public record Minors(String header, List<String> userIds, int dailyRequestsMax) {
        public Minors {
            userIds = userIds == null ? List.of() : List.copyOf(userIds);
        }
    }

    /**
     * The gateway's own retention, apart from contents and audit (which keep their own). Both are
     * at least {@value #DAYS_MIN} days: generative-AI service rules ask for six months of logs.
     *
     * @param textDays days the full prompt and output texts are kept; then their contents hold only
     *                 {@code sha256:<hex>} (with {@code storeFullText} off they never held more)
     * @param logDays  days an exchange row (hashes, outcome, evidence, timings) is kept; at least {@code textDays}
     */
    public record Retention(int textDays, int logDays) {
        public static final int DAYS_MIN = 180;
        public static final Retention DEFAULT = new Retention(180, 365);
    }

    public GatewayConfig withRetention(Retention retention) {
        return new GatewayConfig(
                upstreams, producerId, storeFullText, defaultLanguage, labels, limits, minors, retention);
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(
                List.of(),
                "redline",
                true,
                "zh",
                List.of(
                        new Label("zh", "【AI生成】", "", "AI生成", "抱歉，该内容无法显示。"),
                        new Label("en", "[AI-generated] ", "", "AI-generated", "Sorry, this content cannot be shown.")),
                new Limits(120, 6_000, 0, 200_000, 4_096),
                new Minors("X-Redline-Minor", List.of(), 50),
                Retention.DEFAULT);
    }

    /** The label for an {@code Accept-Language} value: its first language we have, else the default's. */
    public Label label(String acceptLanguage) {
        if (acceptLanguage != null) {
            for (String part : acceptLanguage.split(",")) {
                String tag = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
                String primary = tag.split("-")[0];
                for (Label l : labels) {
                    if (l.language().equalsIgnoreCase(tag) || l.language().equalsIgnoreCase(primary)) return l;
                }
            }
        }
        for (Label l : labels) {
            if (l.language().equalsIgnoreCase(defaultLanguage)) return l;
        }
        return labels.getFirst();
    }

    /** Every problem with these settings, as messages naming the setting; empty when usable. */
    public List<String> problems() {
        List<String> out = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < upstreams.size(); i++) {
            Upstream u = upstreams.get(i);
            String where = "gateway.upstreams[" + i + "]";
            if (u == null) {
                out.add(where + " is empty");
                continue;
            }
            if (u.name() == null || u.name().isBlank()) out.add(where + ".name is required");
            else if (!names.add(u.name())) out.add(where + ".name '" + u.name() + "' is used twice");
            if (u.baseUrl() == null
                    || !(u.baseUrl().startsWith("http://") || u.baseUrl().startsWith("https://"))) {
                out.add(where + ".baseUrl must be an http:// or https:// URL, was " + u.baseUrl());
            } else {
                try {
                    java.net.URI.create(u.baseUrl());
                } catch (IllegalArgumentException e) {
                    out.add(where + ".baseUrl is not a URL: " + e.getMessage());
                }
            }
            if (u.models().isEmpty()) out.add(where + ".models must name at least one model (or \"*\")");
            if (u.timeoutMs() < 100 || u.timeoutMs() > 3_600_000) out.add(where + ".timeoutMs must be 100..3600000");
        }
        if (labels.isEmpty()) out.add("gateway.labels needs at least one language");
        for (Label l : labels) {
            if (l == null || l.language() == null || l.language().isBlank())
                out.add("gateway.labels: every label needs a language");
            else if ((l.prefix() == null || l.prefix().isEmpty())
                    && (l.suffix() == null || l.suffix().isEmpty())) {
                out.add("gateway.labels '" + l.language()
                        + "' needs a prefix or a suffix (GB 45438: a visible notice)");
            } else if (l.safeMessage() == null
                    || l.safeMessage().isBlank()
                    || l.imageText() == null
                    || l.imageText().isBlank()) {
                out.add("gateway.labels '" + l.language() + "' needs imageText and safeMessage");
            }
        }
        if (producerId == null || producerId.isBlank() || !producerId.matches("[\\x21-\\x7e]{1,64}")) {
            out.add("gateway.producerId must be 1..64 printable ASCII characters");
        }
        if (limits.userRequestsPerMinute() < 0 || limits.tokenRequestsPerMinute() < 0)
            out.add("gateway.limits: rates must not be negative");
        if (limits.streamStepChars() < 0 || limits.streamStepChars() > 4_096)
            out.add("gateway.limits.streamStepChars must be 0..4096");
        if (limits.outputCharsMax() < 1_000 || limits.outputCharsMax() > 10_000_000)
            out.add("gateway.limits.outputCharsMax must be 1000..10000000");
        if (limits.inFlightRecordsMax() < 1) out.add("gateway.limits.inFlightRecordsMax must be at least 1");
        if (minors.header() == null || !minors.header().matches("[A-Za-z0-9-]{1,64}"))
            out.add("gateway.minors.header must be a header name");
        if (minors.dailyRequestsMax() < 0) out.add("gateway.minors.dailyRequestsMax must not be negative");
        if (retention.textDays() < Retention.DAYS_MIN || retention.textDays() > 36_500)
            out.add("gateway.retention.textDays must be " + Retention.DAYS_MIN
                    + "..36500 (six months of logs at least)");
        if (retention.logDays() < retention.textDays() || retention.logDays() > 36_500)
            out.add("gateway.retention.logDays must be textDays.." + 36_500 + " (a row outlives its texts)");
        return out;
    }
}
