package io.redline.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.redline.audit.AuditRetention;
import io.redline.gateway.GatewayConfig;
import io.redline.identity.ConsoleSessions;
import io.redline.identity.Passwords;
import io.redline.intake.IntakeLimits;
import io.redline.media.C2paSigner;
import io.redline.media.C2paTrust;
import io.redline.media.MediaLimits;
import io.redline.media.Provenance;
import io.redline.review.tasks.TaskConfig;
import io.redline.review.webhooks.EventType;
import io.redline.review.webhooks.WebhookSubscription;
import io.redline.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything an operator can set. Read from an optional YAML file, then overridden by
 * environment variables ({@code REDLINE_PORT}, {@code REDLINE_HOST}, {@code REDLINE_DATA_DIR},
 * {@code REDLINE_DB_URL}, {@code REDLINE_DB_USER}, {@code REDLINE_DB_PASSWORD}), then by
 * command-line flags. Webhook secrets may come from environment variables named in the file
 * ({@code secretEnv}). See {@code docs/configuration.md}.
 */
public record RedlineConfig(
        Server server,
        Storage storage,
        Limits limits,
        Audit audit,
        Text text,
        Media media,
        Review review,
        Console console,
        Webhooks webhooks,
        GatewayConfig gateway,
        Kafka kafka) {

    /** Settings without Kafka (the embedded default). */
    public RedlineConfig(
            Server server,
            Storage storage,
            Limits limits,
            Audit audit,
            Text text,
            Media media,
            Review review,
            Console console,
            Webhooks webhooks,
            GatewayConfig gateway) {
        this(server, storage, limits, audit, text, media, review, console, webhooks, gateway, Kafka.off());
    }

    /**
     * Kafka mode (docs/scale.md): with {@code bootstrapServers} set, {@code POST /v1/contents} publishes
     * each accepted item to {@code topics.contents} through an outbox, every decision goes to
     * {@code topics.decisions}, and {@code redline worker} processes decide what arrives on the
     * contents topic; the server then runs no decision worker of its own.
     */
    public record Kafka(
            String bootstrapServers,
            String groupId,
            String liveGroupId,
            io.redline.kafka.KafkaSettings.Topics topics,
            int batchMax,
            int messageBytesMax,
            int workerThreads) {
        public static Kafka off() {
            var d = io.redline.kafka.KafkaSettings.defaults("unset");
            return new Kafka(
                    null,
                    d.groupId(),
                    d.liveGroupId(),
                    d.topics(),
                    d.batchMax(),
                    d.messageBytesMax(),
                    d.workerThreads());
        }

        public boolean enabled() {
            return bootstrapServers != null && !bootstrapServers.isBlank();
        }

        /** @throws ConfigException when Kafka is off or a setting is out of range */
        public io.redline.kafka.KafkaSettings settings() {
            if (!enabled())
                throw new ConfigException(
                        "kafka.bootstrapServers is not set (or REDLINE_KAFKA_BOOTSTRAP_SERVERS); start a broker with"
                                + " './redline dev-kafka' for a local one");
            try {
                return new io.redline.kafka.KafkaSettings(
                        bootstrapServers, topics, groupId, liveGroupId, batchMax, messageBytesMax, workerThreads);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    /** Settings with the gateway's defaults (no upstreams). */
    public RedlineConfig(
            Server server,
            Storage storage,
            Limits limits,
            Audit audit,
            Text text,
            Media media,
            Review review,
            Console console,
            Webhooks webhooks) {
        this(server, storage, limits, audit, text, media, review, console, webhooks, GatewayConfig.defaults());
    }

    /**
     * @param shutdownGraceMs how long a stop waits for in-flight requests before closing connections
     * @param metricsPublic   false: {@code /metrics} needs an admin, service or auditor token (Prometheus sends it as a
     *                        bearer credential); true: anyone who can reach the port may scrape it
     */
    public record Server(String host, int port, long bodyBytesMax, long shutdownGraceMs, boolean metricsPublic) {}

    /** @param dbUrl null means the embedded SQLite file {@code <dataDir>/redline.db} */
    public record Storage(String dataDir, String dbUrl, String dbUser, String dbPassword, int poolSizeMax) {}

    /**
     * @param lexiconFile   a TSV lexicon ({@code term<TAB>category[<TAB>severity[<TAB>options]]}); null = the starter lexicon
     * @param allowListFile benign phrases, one per line; null = the starter allow list
     * @param streamItems   how many of an author's earlier items in a stream (a live room, a comment
     *                      thread) a streamed item is screened with; 0 = off
     * @param streamWindowSeconds how far back those items may be
     */
    public record Text(String lexiconFile, String allowListFile, int streamItems, int streamWindowSeconds) {
        public Text(String lexiconFile, String allowListFile) {
            this(lexiconFile, allowListFile, io.redline.decision.StreamWindow.DEFAULT.itemsMax(), (int)
                    io.redline.decision.StreamWindow.DEFAULT.window().toSeconds());
        }

        /** @throws ConfigException when out of range */
        public io.redline.decision.StreamWindow streamWindow() {
            try {
                return new io.redline.decision.StreamWindow(streamItems, Duration.ofSeconds(streamWindowSeconds));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("text.streamItems must be 0.." + io.redline.decision.StreamWindow.ITEMS_MAX
                        + " and text.streamWindowSeconds 1.."
                        + io.redline.decision.StreamWindow.WINDOW_MAX.toSeconds() + ": " + e.getMessage());
            }
        }
    }

    /**
     * @param producerId   the platform's code written as ContentPropagator into labels it passes on
     * @param fileBytesMax largest image upload
     * @param pixelsMax    largest declared image size (decompression bombs are refused before decoding)
     */
    public record Media(String producerId, long fileBytesMax, long pixelsMax, C2pa c2pa) {
        /** Without Content Credentials settings: no signing key, no trust anchors, the default store limit. */
        public Media(String producerId, long fileBytesMax, long pixelsMax) {
            this(producerId, fileBytesMax, pixelsMax, null);
        }

        public MediaLimits limits() {
            return new MediaLimits(
                    fileBytesMax,
                    MediaLimits.METADATA_BYTES_MAX_DEFAULT,
                    pixelsMax,
                    c2pa == null ? MediaLimits.C2PA_STORE_BYTES_MAX_DEFAULT : c2pa.storeBytesMax());
        }

        /**
         * The platform's C2PA signing identity, read from {@code media.c2pa.certChainFile} and
         * {@code media.c2pa.keyFile}; null when neither is set (labelling a signed file is then refused).
         */
        public C2paSigner c2paSigner() {
            if (c2pa == null || (c2pa.certChainFile() == null && c2pa.keyFile() == null)) return null;
            if (c2pa.certChainFile() == null || c2pa.keyFile() == null)
                throw new ConfigException(
                        "media.c2pa.certChainFile and media.c2pa.keyFile are set together or not at all");
            try {
                return C2paSigner.fromPem(
                        readFile(c2pa.certChainFile(), "media.c2pa.certChainFile"),
                        readFile(c2pa.keyFile(), "media.c2pa.keyFile"));
            } catch (GeneralSecurityException e) {
                throw new ConfigException("media.c2pa: " + e.getMessage());
            }
        }

        /** The C2PA trust anchors ({@code media.c2pa.trustAnchorsFile}, PEM); none when not set. */
        public C2paTrust c2paTrust() {
            if (c2pa == null || c2pa.trustAnchorsFile() == null) return C2paTrust.none();
            try {
                return C2paTrust.fromPem(readFile(c2pa.trustAnchorsFile(), "media.c2pa.trustAnchorsFile"));
            } catch (GeneralSecurityException e) {
                throw new ConfigException("media.c2pa.trustAnchorsFile: " + e.getMessage());
            }
        }

        /** Sign a signed file we label when a key is configured, otherwise refuse to label it. */
        public Provenance provenance() {
            return Provenance.signOrRefuse(c2paSigner());
        }

        private static byte[] readFile(String path, String setting) {
            try {
                return Files.readAllBytes(Path.of(path));
            } catch (IOException e) {
                throw new ConfigException(setting + ": cannot read " + path + " (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Content Credentials (C2PA) settings (docs/aigc-labels.md, "Signing" and "Trust").
     *
     * @param certChainFile    PEM certificates, leaf first, for the manifests we sign; null = no signing key
     * @param keyFile          PEM PKCS#8 EC P-256 private key of the leaf certificate
     * @param trustAnchorsFile PEM certificates whose chains make a credential "valid" rather than "untrusted"
     * @param storeBytesMax    largest manifest store read and validated
     */
    public record C2pa(String certChainFile, String keyFile, String trustAnchorsFile, int storeBytesMax) {}

    /**
     * @param minutesPerReview  what one human review costs, for backtest cost deltas
     * @param workerBatchMax    undecided items the background worker decides per transaction
     * @param workerIntervalMs  how often the worker looks for undecided items when idle
     * @param autoAllowSampleRate share of automatic allow decisions sent to a blind second review (0..1)
     * @param reviewerSampleRate  share of reviewer verdicts sent to a blind second review by another reviewer (0..1)
     */
    public record Review(
            double minutesPerReview,
            int workerBatchMax,
            long workerIntervalMs,
            double autoAllowSampleRate,
            double reviewerSampleRate) {}

    /**
     * @param sessionIdleMinutes   a console session ends after this long without a request
     * @param sessionAbsoluteHours and this long after sign-in however busy
     * @param passwordIterations   PBKDF2-HMAC-SHA256 cost of new console passwords; older hashes are upgraded at sign-in
     * @param secureCookies        always mark console cookies Secure (set it behind a proxy that terminates TLS: the
     *                             server then sees plain HTTP and would otherwise leave the flag off)
     */
    public record Console(
            int sessionIdleMinutes, int sessionAbsoluteHours, int passwordIterations, boolean secureCookies) {
        /** Below this a stored password falls to a GPU too fast to call it hashed; tests may go this low, production should not. */
        public static final int PASSWORD_ITERATIONS_MIN = 10_000;

        public Duration sessionIdle() {
            return Duration.ofMinutes(sessionIdleMinutes);
        }

        public Duration sessionAbsolute() {
            return Duration.ofHours(sessionAbsoluteHours);
        }
    }

    /**
     * @param maxAttempts   attempts per delivery before it becomes a dead letter ({@code failed}); 1..50
     * @param subscriptions receivers of review events; empty = no webhooks
     */
    public record Webhooks(int maxAttempts, List<Subscription> subscriptions) {}

    /**
     * One webhook receiver as written in the file.
     *
     * @param secret    the signing secret, at least 16 characters; or null with {@code secretEnv}
     * @param secretEnv the environment variable holding the secret, so it stays out of the file; resolved (and cleared)
     *                  by {@link #withEnvironment}
     * @param events    event codes ({@code decision.final}, {@code appeal.resolved}); null = both
     */
    public record Subscription(String name, String url, String secret, String secretEnv, List<String> events) {
        /** Never prints the secret. */
        @Override
        public String toString() {
            return "Subscription[name=" + name + ", url=" + url + ", secret=" + (secret == null ? "null" : "***")
                    + ", secretEnv=" + secretEnv + ", events=" + events + "]";
        }
    }

    /** @param retentionDays how long audit entries are kept; at least 180 (refused otherwise) */
    public record Audit(int retentionDays) {}

    public record Limits(
            int textCharsMax,
            int titleCharsMax,
            int tagsMax,
            int tagCharsMax,
            int imagesMax,
            int imageRefCharsMax,
            int idCharsMax,
            int batchItemsMax) {
        public IntakeLimits intake() {
            return new IntakeLimits(
                    textCharsMax,
                    titleCharsMax,
                    tagsMax,
                    tagCharsMax,
                    imagesMax,
                    imageRefCharsMax,
                    idCharsMax,
                    batchItemsMax);
        }
    }

    public static RedlineConfig defaults() {
        IntakeLimits l = IntakeLimits.defaults();
        return new RedlineConfig(
                new Server("127.0.0.1", 8080, 4L * 1024 * 1024, 10_000, true),
                new Storage("data", null, null, null, 16),
                new Limits(
                        l.textCharsMax(),
                        l.titleCharsMax(),
                        l.tagsMax(),
                        l.tagCharsMax(),
                        l.imagesMax(),
                        l.imageRefCharsMax(),
                        l.idCharsMax(),
                        l.batchItemsMax()),
                new Audit(AuditRetention.DEFAULT.days()),
                new Text(null, null),
                new Media(
                        "redline",
                        20L * 1024 * 1024,
                        MediaLimits.PIXELS_MAX_DEFAULT,
                        new C2pa(null, null, null, MediaLimits.C2PA_STORE_BYTES_MAX_DEFAULT)),
                new Review(
                        2.0,
                        200,
                        250,
                        TaskConfig.defaults().autoAllowSampleRate(),
                        TaskConfig.defaults().reviewerSampleRate()),
                new Console(
                        (int) ConsoleSessions.IDLE_TIMEOUT_DEFAULT.toMinutes(),
                        (int) ConsoleSessions.ABSOLUTE_TIMEOUT_DEFAULT.toHours(),
                        Passwords.ITERATIONS_DEFAULT,
                        false),
                new Webhooks(io.redline.review.webhooks.Webhooks.DEFAULT_MAX_ATTEMPTS, List.of()),
                GatewayConfig.defaults(),
                Kafka.off());
    }

    /** Defaults, overlaid by the YAML file (when given), overlaid by the environment. */
    public static RedlineConfig load(Path yamlFile, Map<String, String> env) {
        RedlineConfig config = defaults();
        if (yamlFile != null) config = overlayYaml(config, yamlFile);
        return config.withEnvironment(env).validated();
    }

    private static RedlineConfig overlayYaml(RedlineConfig base, Path file) {
        if (!Files.isRegularFile(file)) throw new ConfigException("config file " + file + " does not exist");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            JsonNode overlay = yaml.readTree(file.toFile());
            ObjectNode merged = yaml.valueToTree(base);
            if (overlay != null && !overlay.isMissingNode() && !overlay.isNull()) merge(merged, overlay, "");
            return yaml.treeToValue(merged, RedlineConfig.class);
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    /** Copies the file's settings over the defaults, refusing keys we do not know (typos must not pass silently). */
    private static void merge(ObjectNode target, JsonNode overlay, String path) {
        if (!overlay.isObject()) throw new ConfigException("setting '" + path + "' must be a mapping");
        for (var it = overlay.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode current = target.get(field.getKey());
            if (current == null) {
                List<String> known = new ArrayList<>();
                target.fieldNames().forEachRemaining(known::add);
                throw new ConfigException("unknown setting '" + name + "'; known settings here: " + known);
            }
            if (current.isObject()) merge((ObjectNode) current, field.getValue(), name);
            else target.set(field.getKey(), field.getValue());
        }
    }

    public RedlineConfig withEnvironment(Map<String, String> env) {
        Server s = server;
        Storage st = storage;
        if (env.containsKey("REDLINE_HOST"))
            s = new Server(env.get("REDLINE_HOST"), s.port(), s.bodyBytesMax(), s.shutdownGraceMs(), s.metricsPublic());
        if (env.containsKey("REDLINE_PORT"))
            s = new Server(
                    s.host(),
                    parsePort(env.get("REDLINE_PORT")),
                    s.bodyBytesMax(),
                    s.shutdownGraceMs(),
                    s.metricsPublic());
        if (env.containsKey("REDLINE_DATA_DIR"))
            st = new Storage(env.get("REDLINE_DATA_DIR"), st.dbUrl(), st.dbUser(), st.dbPassword(), st.poolSizeMax());
        if (env.containsKey("REDLINE_DB_URL"))
            st = new Storage(st.dataDir(), env.get("REDLINE_DB_URL"), st.dbUser(), st.dbPassword(), st.poolSizeMax());
        if (env.containsKey("REDLINE_DB_USER"))
            st = new Storage(st.dataDir(), st.dbUrl(), env.get("REDLINE_DB_USER"), st.dbPassword(), st.poolSizeMax());
        Text t = text;
        if (env.containsKey("REDLINE_LEXICON"))
            t = new Text(env.get("REDLINE_LEXICON"), t.allowListFile(), t.streamItems(), t.streamWindowSeconds());
        if (env.containsKey("REDLINE_ALLOW_LIST"))
            t = new Text(t.lexiconFile(), env.get("REDLINE_ALLOW_LIST"), t.streamItems(), t.streamWindowSeconds());
        if (env.containsKey("REDLINE_DB_PASSWORD"))
            st = new Storage(st.dataDir(), st.dbUrl(), st.dbUser(), env.get("REDLINE_DB_PASSWORD"), st.poolSizeMax());
        return new RedlineConfig(
                s,
                st,
                limits,
                audit,
                t,
                media,
                review,
                console,
                webhookSecrets(env),
                upstreamKeys(env),
                kafkaFromEnv(env));
    }

    private Kafka kafkaFromEnv(Map<String, String> env) {
        String servers = env.get("REDLINE_KAFKA_BOOTSTRAP_SERVERS");
        if (servers == null) return kafka;
        return new Kafka(
                servers,
                kafka.groupId(),
                kafka.liveGroupId(),
                kafka.topics(),
                kafka.batchMax(),
                kafka.messageBytesMax(),
                kafka.workerThreads());
    }

    /** Replaces each {@code secretEnv} by the secret it names; a missing variable stops the start, naming it. */
    private Webhooks webhookSecrets(Map<String, String> env) {
        if (webhooks == null || webhooks.subscriptions() == null) return webhooks;
        List<Subscription> resolved = new ArrayList<>();
        for (Subscription sub : webhooks.subscriptions()) {
            if (sub == null || sub.secretEnv() == null) {
                resolved.add(sub);
                continue;
            }
            String where = "webhooks.subscriptions '" + sub.name() + "'";
            if (sub.secret() != null) throw new ConfigException(where + ": set secret or secretEnv, not both");
            if (!ENV_NAME.matcher(sub.secretEnv()).matches()) {
                throw new ConfigException(where + ": secretEnv must name an environment variable (" + ENV_NAME
                        + "), was '" + sub.secretEnv() + "'");
            }
            String secret = env.get(sub.secretEnv());
            if (secret == null || secret.isBlank()) {
                throw new ConfigException(
                        where + ": the environment variable " + sub.secretEnv() + " (its secretEnv) is not set");
            }
            resolved.add(new Subscription(sub.name(), sub.url(), secret, null, sub.events()));
        }
        return new Webhooks(webhooks.maxAttempts(), List.copyOf(resolved));
    }

    /** Resolves each upstream's {@code apiKeyEnv}; a named variable that is not set stops the start, naming it. */
    private GatewayConfig upstreamKeys(Map<String, String> env) {
        if (gateway == null) return null;
        List<GatewayConfig.Upstream> resolved = new ArrayList<>();
        for (GatewayConfig.Upstream u : gateway.upstreams()) {
            if (u == null || u.apiKeyEnv() == null) {
                resolved.add(u);
                continue;
            }
            String where = "gateway.upstreams '" + u.name() + "'";
            if (!ENV_NAME.matcher(u.apiKeyEnv()).matches()) {
                throw new ConfigException(where + ": apiKeyEnv must name an environment variable (" + ENV_NAME
                        + "), was '" + u.apiKeyEnv() + "'");
            }
            String key = env.get(u.apiKeyEnv());
            if (key == null || key.isBlank())
                throw new ConfigException(
                        where + ": the environment variable " + u.apiKeyEnv() + " (its apiKeyEnv) is not set");
            resolved.add(u.withApiKey(key));
        }
        return new GatewayConfig(
                resolved,
                gateway.producerId(),
                gateway.storeFullText(),
                gateway.defaultLanguage(),
                gateway.labels(),
                gateway.limits(),
                gateway.minors(),
                gateway.retention());
    }

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public RedlineConfig withWebhooks(Webhooks webhooks) {
        return new RedlineConfig(
                server, storage, limits, audit, text, media, review, console, webhooks, gateway, kafka);
    }

    public RedlineConfig withGateway(GatewayConfig gateway) {
        return new RedlineConfig(
                server, storage, limits, audit, text, media, review, console, webhooks, gateway, kafka);
    }

    public RedlineConfig withMedia(Media media) {
        return new RedlineConfig(
                server, storage, limits, audit, text, media, review, console, webhooks, gateway, kafka);
    }

    public RedlineConfig withPort(int port) {
        return new RedlineConfig(
                new Server(
                        server.host(), port, server.bodyBytesMax(), server.shutdownGraceMs(), server.metricsPublic()),
                storage,
                limits,
                audit,
                text,
                media,
                review,
                console,
                webhooks,
                gateway,
                kafka);
    }

    public RedlineConfig withDataDir(String dataDir) {
        return new RedlineConfig(
                server,
                new Storage(dataDir, storage.dbUrl(), storage.dbUser(), storage.dbPassword(), storage.poolSizeMax()),
                limits,
                audit,
                text,
                media,
                review,
                console,
                webhooks,
                gateway,
                kafka);
    }

    RedlineConfig validated() {
        if (kafka.enabled()) kafka.settings(); // range checks, named as settings
        text.streamWindow();
        if (server.port() < 0 || server.port() > 65_535)
            throw new ConfigException("server.port must be 0..65535, was " + server.port());
        if (server.bodyBytesMax() < 1024) throw new ConfigException("server.bodyBytesMax must be at least 1024 bytes");
        if (server.shutdownGraceMs() < 0) throw new ConfigException("server.shutdownGraceMs must not be negative");
        if (storage.dataDir() == null || storage.dataDir().isBlank())
            throw new ConfigException("storage.dataDir must be set");
        try {
            limits.intake();
            storeConfig();
            auditRetention();
            media.limits();
            media.c2paSigner();
            media.c2paTrust();
            if (review.minutesPerReview() < 0)
                throw new ConfigException("review.minutesPerReview must not be negative");
            if (!(review.autoAllowSampleRate() >= 0 && review.autoAllowSampleRate() <= 1)
                    || !(review.reviewerSampleRate() >= 0 && review.reviewerSampleRate() <= 1)) {
                throw new ConfigException(
                        "review.autoAllowSampleRate and review.reviewerSampleRate are shares between 0 and 1");
            }
            if (review.workerBatchMax() < 1 || review.workerBatchMax() > 500)
                throw new ConfigException("review.workerBatchMax must be 1..500");
            if (review.workerIntervalMs() < 10)
                throw new ConfigException("review.workerIntervalMs must be at least 10");
            if (console.sessionIdleMinutes() < 1)
                throw new ConfigException("console.sessionIdleMinutes must be at least 1");
            if (console.sessionAbsoluteHours() < 1 || console.sessionAbsoluteHours() > 24 * 30) {
                throw new ConfigException("console.sessionAbsoluteHours must be 1..720");
            }
            if (console.sessionIdle().compareTo(console.sessionAbsolute()) > 0) {
                throw new ConfigException("console.sessionIdleMinutes must not exceed console.sessionAbsoluteHours");
            }
            if (console.passwordIterations() < Console.PASSWORD_ITERATIONS_MIN
                    || console.passwordIterations() > 10_000_000) {
                throw new ConfigException(
                        "console.passwordIterations must be " + Console.PASSWORD_ITERATIONS_MIN + "..10000000 (default "
                                + Passwords.ITERATIONS_DEFAULT + ", OWASP's 2023 figure for PBKDF2-SHA256)");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        webhookSubscriptions();
        if (gateway == null)
            throw new ConfigException("gateway must be a mapping (upstreams, labels, limits, minors…)");
        List<String> gatewayProblems = gateway.problems();
        if (!gatewayProblems.isEmpty()) throw new ConfigException(String.join("; ", gatewayProblems));
        return this;
    }

    /**
     * The configured receivers as the review capability takes them: each checked (http/https URL,
     * secret of 16+ characters, known events, unique names).
     *
     * @throws ConfigException naming the subscription and what to fix
     */
    public List<WebhookSubscription> webhookSubscriptions() {
        if (webhooks == null) throw new ConfigException("webhooks must be a mapping (maxAttempts, subscriptions)");
        int max = io.redline.review.webhooks.Webhooks.MAX_ATTEMPTS_LIMIT;
        if (webhooks.maxAttempts() < 1 || webhooks.maxAttempts() > max) {
            throw new ConfigException("webhooks.maxAttempts must be 1.." + max + ", was " + webhooks.maxAttempts());
        }
        List<Subscription> subs = webhooks.subscriptions() == null ? List.of() : webhooks.subscriptions();
        int subsMax = io.redline.review.webhooks.Webhooks.SUBSCRIPTIONS_MAX;
        if (subs.size() > subsMax)
            throw new ConfigException("webhooks.subscriptions holds at most " + subsMax + " receivers");
        List<WebhookSubscription> out = new ArrayList<>(subs.size());
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < subs.size(); i++) {
            Subscription sub = subs.get(i);
            String where = "webhooks.subscriptions[" + i + "]"
                    + (sub == null || sub.name() == null ? "" : " '" + sub.name() + "'");
            if (sub == null) throw new ConfigException(where + " is empty");
            if (sub.secret() == null) {
                throw new ConfigException(
                        where + " needs a secret: set secretEnv to the name of an environment variable holding it"
                                + (sub.secretEnv() == null ? "" : " (" + sub.secretEnv() + " was not resolved)")
                                + ", or secret");
            }
            try {
                Set<EventType> events = EnumSet.noneOf(EventType.class);
                if (sub.events() == null) events.addAll(EnumSet.allOf(EventType.class));
                else for (String code : sub.events()) events.add(EventType.fromCode(code));
                out.add(new WebhookSubscription(
                        sub.name(), WebhookSubscription.parseUrl(sub.url()), sub.secret(), events));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": " + e.getMessage());
            }
            if (!names.add(sub.name()))
                throw new ConfigException(where + ": another subscription has this name; names must be unique");
        }
        return List.copyOf(out);
    }

    public Path dataDir() {
        return Path.of(storage.dataDir());
    }

    public AuditRetention auditRetention() {
        return new AuditRetention(audit.retentionDays());
    }

    public StoreConfig storeConfig() {
        String url = storage.dbUrl() != null
                ? storage.dbUrl()
                : "jdbc:sqlite:" + dataDir().resolve("redline.db").toAbsolutePath();
        return new StoreConfig(url, storage.dbUser(), storage.dbPassword(), storage.poolSizeMax());
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("REDLINE_PORT must be a number, was '" + value + "'");
        }
    }

    /** A setting that cannot work, with the fix in the message. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
