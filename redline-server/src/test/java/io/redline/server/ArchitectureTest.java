package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md, checked on the sources of every module (a plain scan, no
 * bytecode tool): arrows between modules point one way, from the server down to the vocabulary;
 * no package depends on itself through others; every table has one writer, and decisions are
 * written only through {@code DecisionLog}. A change that breaks a rule fails here, naming the
 * file; a new table or module must be given its place here and in docs/architecture.md.
 */
class ArchitectureTest {
    /** Each module and the modules it may use (its own package prefix is io.redline.&lt;name&gt;). */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("vocabulary", Set.of());
        MAY_USE.put("text", Set.of("vocabulary"));
        MAY_USE.put("media", Set.of("vocabulary"));
        MAY_USE.put("policy", Set.of("vocabulary"));
        MAY_USE.put("store", Set.of());
        MAY_USE.put("audit", Set.of("vocabulary", "store"));
        MAY_USE.put("identity", Set.of("vocabulary", "store"));
        MAY_USE.put("intake", Set.of("vocabulary", "store", "audit", "identity", "media"));
        MAY_USE.put(
                "decision", Set.of("vocabulary", "store", "audit", "identity", "intake", "text", "media", "policy"));
        MAY_USE.put("review", Set.of("vocabulary", "store", "audit", "identity", "intake", "policy", "decision"));
        MAY_USE.put("rights", Set.of("vocabulary", "store", "audit", "identity", "text"));
        MAY_USE.put("gateway", Set.of("vocabulary", "store", "identity", "text", "media", "policy"));
        MAY_USE.put("ledger", Set.of("vocabulary", "store", "audit"));
        MAY_USE.put(
                "kafka",
                Set.of("vocabulary", "store", "audit", "identity", "intake", "text", "policy", "decision", "review"));
        MAY_USE.put(
                "server",
                Set.of(
                        "vocabulary",
                        "store",
                        "audit",
                        "identity",
                        "intake",
                        "text",
                        "media",
                        "policy",
                        "decision",
                        "review",
                        "gateway",
                        "ledger",
                        "rights",
                        "kafka"));
        // The gateway benchmark runs a whole server in process (bench/gateway.sh).
        MAY_USE.put(
                "bench",
                Set.of(
                        "vocabulary",
                        "store",
                        "audit",
                        "identity",
                        "intake",
                        "text",
                        "media",
                        "policy",
                        "decision",
                        "gateway",
                        "server",
                        "ledger",
                        "rights"));
    }

    /**
     * Each table and the one class whose code may write it (INSERT, UPDATE, DELETE): one file
     * lists every way a row can change. A package was too coarse: review_tasks was updated from
     * five classes of its package.
     */
    static final Map<String, String> WRITER = new TreeMap<>(Map.ofEntries(
            Map.entry("api_tokens", "io.redline.identity.Tokens"),
            Map.entry("console_users", "io.redline.identity.Users"),
            Map.entry("console_sessions", "io.redline.identity.ConsoleSessions"),
            Map.entry("contents", "io.redline.intake.Intake"),
            Map.entry("content_images", "io.redline.intake.Intake"),
            Map.entry("audit_entries", "io.redline.audit.AuditLog"),
            Map.entry("audit_head", "io.redline.audit.AuditLog"),
            Map.entry("audit_anchors", "io.redline.audit.AuditLog"),
            Map.entry("policies", "io.redline.decision.PolicyStore"),
            Map.entry("policy_activations", "io.redline.decision.PolicyStore"),
            Map.entry("decisions", "io.redline.decision.DecisionRows"),
            Map.entry("decision_heads", "io.redline.decision.DecisionRows"),
            Map.entry("review_tasks", "io.redline.review.tasks.TaskRows"),
            Map.entry("review_reports", "io.redline.review.tasks.Reports"),
            Map.entry("review_sweeps", "io.redline.review.tasks.TaskSweep"),
            Map.entry("webhook_deliveries", "io.redline.review.webhooks.Webhooks"),
            Map.entry("gateway_exchanges", "io.redline.gateway.ExchangeLog"),
            Map.entry("ledger_assets", "io.redline.ledger.Ledger"),
            Map.entry("ledger_accounts", "io.redline.ledger.Postings"),
            Map.entry("ledger_transactions", "io.redline.ledger.Ledger"),
            Map.entry("ledger_transfers", "io.redline.ledger.Postings"),
            Map.entry("ledger_holders", "io.redline.ledger.Imports"),
            Map.entry("ledger_balance_history", "io.redline.ledger.Imports"),
            Map.entry("ledger_campaigns", "io.redline.ledger.Settlement"),
            Map.entry("ledger_days", "io.redline.ledger.Settlement"),
            Map.entry("ledger_usage_credits", "io.redline.ledger.Imports"),
            Map.entry("rights_consent", "io.redline.rights.consent.ConsentRegistry"),
            Map.entry("rights_copies", "io.redline.rights.consent.ConsentRegistry"),
            Map.entry("rights_text_signatures", "io.redline.rights.copies.CopyRegister"),
            Map.entry("rights_image_hashes", "io.redline.rights.copies.CopyRegister"),
            Map.entry("rights_copy_backfill", "io.redline.rights.copies.Backfill"),
            Map.entry("rights_datasets", "io.redline.rights.datasets.Datasets"),
            Map.entry("rights_dataset_items", "io.redline.rights.datasets.Datasets"),
            Map.entry("rights_revocations", "io.redline.rights.datasets.Revocations"),
            Map.entry("rights_training_runs", "io.redline.rights.datasets.TrainingRuns"),
            Map.entry("rights_usage_credits", "io.redline.rights.datasets.TrainingRuns"),
            Map.entry("kafka_outbox", "io.redline.kafka.Outbox")));

    /**
     * Cycles known and being removed elsewhere: the text engine's detectors and matcher are being
     * split by the text engine's own change (issue #10, text part); delete the entry when it lands
     * (the test then fails if the cycle is still there).
     */
    static final Set<String> KNOWN_CYCLES = Set.of("io.redline.text.detect", "io.redline.text.match");

    private static final Pattern PACKAGE = Pattern.compile("^package (io\\.redline\\.[a-z0-9_.]+);", Pattern.MULTILINE);
    /** A use of another type: an import or a fully qualified name in code. */
    private static final Pattern USE = Pattern.compile("\\b(io\\.redline(?:\\.[a-z0-9_]+)+)\\.[A-Z]");

    private static final Pattern WRITE =
            Pattern.compile("(?i)\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([a-z_]+)\\b");
    private static final Pattern CREATE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+([a-z_]+)");

    record Source(String module, String pkg, Path file, String code) {}

    static Path root;
    static List<Source> sources;

    @BeforeAll
    static void scan() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("redline-server")) && root.getParent() != null) root = root.getParent();
        sources = new ArrayList<>();
        for (String module : MAY_USE.keySet()) {
            Path dir = root.resolve("redline-" + module).resolve("src/main/java");
            assertThat(dir).as("module redline-" + module).isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher m = PACKAGE.matcher(text);
                    String pkg = m.find() ? m.group(1) : "";
                    sources.add(new Source(module, pkg, f, withoutComments(text)));
                }
            }
        }
    }

    @Test
    void everyModuleIsKnownToThisTest() throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            List<String> modules = dirs.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("redline-"))
                    .filter(n -> Files.exists(root.resolve(n).resolve("pom.xml")))
                    .map(n -> n.substring("redline-".length()))
                    .sorted()
                    .toList();
            assertThat(modules).containsExactlyInAnyOrderElementsOf(MAY_USE.keySet());
        }
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        List<String> wrong = new ArrayList<>();
        for (Source s : sources) {
            Matcher m = USE.matcher(s.code());
            while (m.find()) {
                String used = moduleOf(m.group(1));
                if (used == null || used.equals(s.module())) continue;
                if (!MAY_USE.get(s.module()).contains(used))
                    wrong.add(rel(s.file()) + " uses " + m.group(1) + " (" + s.module() + " -> " + used + ")");
            }
        }
        assertThat(wrong)
                .as("arrows pointing the wrong way (see docs/architecture.md)")
                .isEmpty();
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Source s : sources) {
            Set<String> out = uses.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
            Matcher m = USE.matcher(s.code());
            while (m.find()) if (!m.group(1).equals(s.pkg()) && moduleOf(m.group(1)) != null) out.add(m.group(1));
        }
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            if (KNOWN_CYCLES.contains(start)) continue;
            List<String> path = cycleFrom(start, start, uses, new ArrayList<>(List.of(start)), new TreeSet<>());
            if (path != null) cycles.add(String.join(" -> ", path));
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void everyTableHasOneWriter() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 9)) {
            for (Path f : files.filter(
                            p -> p.toString().endsWith(".sql") && p.toString().contains("/src/main/resources/db/"))
                    .toList()) {
                Matcher m = CREATE.matcher(Files.readString(f));
                while (m.find()) tables.add(m.group(1).toLowerCase());
            }
        }
        assertThat(WRITER.keySet())
                .as("every table has a named writer, and every named writer a table")
                .isEqualTo(tables);
        List<String> wrong = new ArrayList<>();
        for (Source s : sources) {
            Matcher m = WRITE.matcher(s.code());
            while (m.find()) {
                String table = m.group(1).toLowerCase();
                String owner = WRITER.get(table);
                String writer =
                        s.pkg() + "." + s.file().getFileName().toString().replaceFirst("\\.java$", "");
                if (owner != null && !List.of(owner.split(",")).contains(writer))
                    wrong.add(rel(s.file()) + " writes " + table + ", which " + owner + " owns");
            }
        }
        assertThat(wrong).as("second writers").isEmpty();
    }

    @Test
    void decisionsAreWrittenOnlyThroughTheDecisionLog() {
        List<String> wrong = new ArrayList<>();
        for (Source s : sources) {
            String name = s.file().getFileName().toString();
            Matcher m = WRITE.matcher(s.code());
            while (m.find()) {
                String table = m.group(1).toLowerCase();
                if ((table.equals("decisions") || table.equals("decision_heads"))
                        && !name.equals("DecisionRows.java")) {
                    wrong.add(rel(s.file()) + " writes " + table);
                }
            }
            if (!name.equals("DecisionLog.java")
                    && !name.equals("DecisionRows.java")
                    && Pattern.compile("DecisionRows\\.(insert|insertHead|advanceHead)\\(")
                            .matcher(s.code())
                            .find()) {
                wrong.add(rel(s.file()) + " calls DecisionRows directly; append through DecisionLog");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void workAfterACommitGoesThroughAfterCommitSoAFailedGroupWriteDropsIt() {
        // Jdbi runs a callback a write registered even when GroupCommit rolled that write back to
        // its savepoint; AfterCommit (redline-store) drops it with the savepoint.
        List<String> wrong = new ArrayList<>();
        for (Source s : sources) {
            String name = s.file().getFileName().toString();
            if (s.code().contains(".afterCommit(")
                    && !name.equals("AfterCommit.java")
                    && !name.equals("TransactionMemo.java")) {
                wrong.add(rel(s.file()) + " calls Handle.afterCommit; use AfterCommit.run");
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static List<String> cycleFrom(
            String start, String at, Map<String, Set<String>> uses, List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, uses, path, seen);
                if (found != null) return found;
                path.removeLast();
            }
        }
        return null;
    }

    /** The module a package belongs to, or null outside Redline's modules. */
    private static String moduleOf(String pkg) {
        if (!pkg.startsWith("io.redline.")) return null;
        String first = pkg.substring("io.redline.".length()).split("\\.")[0];
        return MAY_USE.containsKey(first) ? first : null;
    }

    private static String rel(Path file) {
        return root.relativize(file).toString();
    }

    /** Code without comments, so a Javadoc mention is not a dependency; string literals (SQL) stay. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        boolean inString = false, inTextBlock = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (inTextBlock) {
                if (text.startsWith("\"\"\"", i)) {
                    inTextBlock = false;
                    out.append("\"\"\"");
                    i += 3;
                    continue;
                }
                out.append(c);
                i++;
            } else if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == '"' || c == '\n') inString = false;
                i++;
            } else if (text.startsWith("\"\"\"", i)) {
                inTextBlock = true;
                out.append("\"\"\"");
                i += 3;
            } else if (c == '"') {
                inString = true;
                out.append(c);
                i++;
            } else if (c == '\'' && i + 2 < text.length()) {
                int end = text.indexOf('\'', i + (text.charAt(i + 1) == '\\' ? 2 : 1) + 1);
                if (end < 0) end = i;
                out.append(text, i, end + 1);
                i = end + 1;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
