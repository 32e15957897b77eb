package io.redline.rights.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.rights.consent.Consent;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Consent-clean dataset exports. A {@link DatasetSpec} and an export time give one version:
 * JSONL data shards, a manifest with each item's provenance, and a dataset card, written under
 * {@code <out>/<name>/<version>/}. Everything is evaluated <em>as of the export time</em> — the
 * decision in force then, the consent in force then, the copy links made by then — and written in
 * id order with fixed key order, so the same spec and time give the same bytes, whenever and
 * however often it is exported (a re-export rewrites identical files and adds no rows).
 *
 * <p>An item is in when, at the export time: it is on one of the spec's surfaces and created in
 * its range; it carries one of its categories (tags), if any are given; its decision is
 * {@code allow} (with {@code onlyAllowed}); its consent — the item's own, its creator's default,
 * or its original's when it is a copy, whichever is stricter — permits the use; and (with
 * {@code onePerCopyGroup}) no earlier item of its copy group is already in.
 *
 * <p>Staff only (admin, policy editor; internal jobs), audited as {@code rights.dataset.export}.
 */
public final class Datasets {
    /** Items per data shard. */
    public static final int SHARD_ITEMS = 10_000;
    /** Items one version holds at most: a bound on the rows and files one export writes. */
    public static final int ITEMS_MAX = 5_000_000;

    static final DateTimeFormatter VERSION =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int PAGE = 1_000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Database db;
    private final ConsentRegistry consent;
    private final AuditLog audit;
    private final Clock clock;

    private Datasets(Database db, ConsentRegistry consent, AuditLog audit, Clock clock) {
        this.db = db;
        this.consent = consent;
        this.audit = audit;
        this.clock = clock;
    }

    public static Datasets open(Database db, ConsentRegistry consent, AuditLog audit, Clock clock) {
        db.migrate(ConsentRegistry.CAPABILITY);
        return new Datasets(db, consent, audit, clock);
    }

    /** An item chosen for the dataset: its data line and its manifest entry. */
    public record Selected(long id, String dataLine, DatasetItem manifest) {}

    /** What {@link #select} found: the items in id order, and how many were examined and left out, by reason. */
    public record Selection(List<Selected> items, long examined, Map<String, Long> excluded) {}

    /** The items a spec selects at {@code at}, in id order (reads; writes nothing). */
    public Selection select(DatasetSpec spec, Instant at, Candidates source) {
        List<Selected> out = new ArrayList<>();
        Map<String, Long> excluded = new TreeMap<>();
        Set<String> groups = new HashSet<>();
        Set<String> surfaces = Set.copyOf(spec.surfaces());
        Set<String> categories = Set.copyOf(spec.categories());
        long examined = 0;
        long cursor = 0;
        while (true) {
            List<Candidates.Candidate> page = source.page(cursor, spec.from(), spec.until(), at, PAGE);
            for (Candidates.Candidate c : page) {
                examined++;
                String reason = null;
                if (!surfaces.contains(c.surface())) reason = "surface";
                else if (!categories.isEmpty() && c.tags().stream().noneMatch(categories::contains))
                    reason = "category";
                else if (spec.onlyAllowed() && !"allow".equals(c.action())) reason = "decision";
                Consent granted = null;
                String id = Long.toString(c.id());
                if (reason == null) {
                    granted = consent.effective(id, c.authorId(), at);
                    if (!spec.permits(granted.state())) reason = "consent";
                }
                String group = null;
                if (reason == null) {
                    group = consent.copyGroup(id, at);
                    if (spec.onePerCopyGroup() && !groups.add(group)) reason = "copy_group";
                }
                if (reason != null) {
                    excluded.merge(reason, 1L, Long::sum);
                    continue;
                }
                if (out.size() == ITEMS_MAX)
                    throw new DatasetException.Invalid(
                            "the spec selects more than " + ITEMS_MAX + " items; narrow its date range or surfaces");
                String line = dataLine(c);
                out.add(new Selected(
                        c.id(),
                        line,
                        new DatasetItem(
                                id,
                                c.authorId(),
                                granted.recordId(),
                                granted.state().wireName(),
                                granted.licenceTerms(),
                                sha256(line.getBytes(StandardCharsets.UTF_8)),
                                c.aiMark(),
                                group)));
            }
            if (page.size() < PAGE) break;
            cursor = page.getLast().id();
        }
        return new Selection(out, examined, excluded);
    }

    /** A version written: its row and the directory holding its files. */
    public record Export(DatasetVersion version, Path directory, List<String> files, Map<String, Long> excluded) {}

    /**
     * Exports the spec as of {@code at} (to the millisecond; not in the future) into
     * {@code outRoot/<name>/<version>/} and records the version. Exporting an existing version
     * again with the same spec rewrites the same bytes; with another spec it is a conflict.
     */
    public Export export(Principal who, DatasetSpec spec, Instant at, Candidates source, Path outRoot) {
        requireStaff(who);
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        Instant now = clock.instant();
        if (when.isAfter(now))
            throw new DatasetException.Invalid("at must not be in the future: items arriving later would change it");
        String version = VERSION.format(when);
        String specJson = spec.canonicalJson();
        String specSha = sha256(specJson.getBytes(StandardCharsets.UTF_8));
        Optional<DatasetVersion> existing = version(spec.name(), version);
        if (existing.isPresent() && !existing.get().specSha256().equals(specSha)) {
            throw new DatasetException.Conflict("dataset " + spec.name() + " version " + version
                    + " was exported with another spec; export at another time or under another name");
        }
        Selection selection = select(spec, when, source);
        Path dir = outRoot.resolve(spec.name()).resolve(version);
        Written written = write(dir, spec, when, version, specJson, specSha, selection);
        DatasetVersion row = new DatasetVersion(
                spec.name(),
                version,
                specJson,
                specSha,
                when,
                selection.items().size(),
                written.cardSha256(),
                now,
                who.actor().id());
        if (existing.isPresent()) return new Export(existing.get(), dir, written.files(), selection.excluded());
        db.jdbi().useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO rights_datasets (name, version, spec_json, spec_sha256, at_ms, items, card_sha256,
                                                 created_at_ms, created_by)
                    VALUES (:name, :version, :spec, :specSha, :at, :items, :card, :created, :by)""")
                    .bind("name", row.name())
                    .bind("version", row.version())
                    .bind("spec", row.specJson())
                    .bind("specSha", row.specSha256())
                    .bind("at", when.toEpochMilli())
                    .bind("items", row.items())
                    .bind("card", row.cardSha256())
                    .bind("created", now.toEpochMilli())
                    .bind("by", row.createdBy())
                    .execute();
            var items = h.prepareBatch("""
                    INSERT INTO rights_dataset_items (name, version, item_id, author_id, consent_record_id,
                                                      consent_state, content_sha256, copy_group)
                    VALUES (:name, :version, :item, :author, :record, :state, :sha, :group)""");
            int n = 0;
            for (Selected s : selection.items()) {
                DatasetItem m = s.manifest();
                items.bind("name", row.name())
                        .bind("version", version)
                        .bind("item", m.id())
                        .bind("author", m.authorId())
                        .bind("record", m.consentRecordId())
                        .bind("state", m.consentState())
                        .bind("sha", m.contentSha256())
                        .bind("group", m.copyGroup())
                        .add();
                if (++n % 1_000 == 0) items.execute();
            }
            if (n % 1_000 != 0) items.execute();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", version);
            details.put("items", row.items());
            details.put("specSha256", specSha);
            details.put("cardSha256", row.cardSha256());
            audit.append(
                    h,
                    new AuditEvent(
                            who.actor(),
                            "rights.dataset.export",
                            new AuditEvent.Target("dataset", row.name() + "@" + version),
                            now,
                            details));
        });
        return new Export(row, dir, written.files(), selection.excluded());
    }

    /** A version's row. */
    public Optional<DatasetVersion> version(String name, String version) {
        return db.jdbi()
                .withHandle(
                        h -> h.createQuery("SELECT * FROM rights_datasets WHERE name = :name AND version = :version")
                                .bind("name", name)
                                .bind("version", version)
                                .map((rs, ctx) -> row(rs))
                                .findOne());
    }

    /** Versions, newest export time first (at most {@code limit}, 1..500). */
    public List<DatasetVersion> versions(int limit) {
        if (limit < 1 || limit > 500) throw new DatasetException.Invalid("limit must be 1..500");
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM rights_datasets ORDER BY at_ms DESC, name LIMIT :limit")
                        .bind("limit", limit)
                        .map((rs, ctx) -> row(rs))
                        .list());
    }

    /** A version's manifest entries with item id above {@code afterId} ("" for the first), in id order, at most {@code limit} (1..1,000). */
    public List<DatasetItem> items(String name, String version, String afterId, int limit) {
        if (limit < 1 || limit > 1_000) throw new DatasetException.Invalid("limit must be 1..1000");
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT * FROM rights_dataset_items WHERE name = :name AND version = :version AND item_id > :after
                        ORDER BY item_id LIMIT :limit""")
                        .bind("name", name)
                        .bind("version", version)
                        .bind("after", afterId)
                        .bind("limit", limit)
                        .map((rs, ctx) -> new DatasetItem(
                                rs.getString("item_id"),
                                rs.getString("author_id"),
                                recordId(rs),
                                rs.getString("consent_state"),
                                null,
                                rs.getString("content_sha256"),
                                null,
                                rs.getString("copy_group")))
                        .list());
    }

    private record Written(List<String> files, String cardSha256) {}

    private static Written write(
            Path dir,
            DatasetSpec spec,
            Instant at,
            String version,
            String specJson,
            String specSha,
            Selection selection) {
        try {
            Files.createDirectories(dir);
            List<String> files = new ArrayList<>();
            ArrayNode shards = JSON.createArrayNode();
            StringBuilder manifest = new StringBuilder();
            List<Selected> items = selection.items();
            int shardCount = Math.max(1, (items.size() + SHARD_ITEMS - 1) / SHARD_ITEMS);
            for (int s = 0; s < shardCount; s++) {
                String file = String.format("data-%05d.jsonl", s);
                StringBuilder data = new StringBuilder();
                int from = s * SHARD_ITEMS, to = Math.min(items.size(), from + SHARD_ITEMS);
                for (int i = from; i < to; i++) {
                    data.append(items.get(i).dataLine()).append('\n');
                    manifest.append(manifestLine(items.get(i).manifest(), file)).append('\n');
                }
                byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
                Files.write(dir.resolve(file), bytes);
                files.add(file);
                shards.addObject().put("file", file).put("items", to - from).put("sha256", sha256(bytes));
            }
            byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve("manifest.jsonl"), manifestBytes);
            files.add("manifest.jsonl");

            ObjectNode card = JSON.createObjectNode();
            card.put("format", "redline-dataset/1");
            card.put("name", spec.name());
            card.put("version", version);
            card.put("at", at.toString());
            card.set("spec", JSON.readTree(specJson));
            card.put("specSha256", specSha);
            card.put("items", items.size());
            card.put("examined", selection.examined());
            ObjectNode excluded = card.putObject("excluded");
            selection.excluded().forEach(excluded::put);
            card.put(
                    "authors",
                    items.stream().map(i -> i.manifest().authorId()).distinct().count());
            card.set("shards", shards);
            card.putObject("manifest").put("file", "manifest.jsonl").put("sha256", sha256(manifestBytes));
            byte[] cardBytes = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(card) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve("card.json"), cardBytes);
            files.add("card.json");
            Files.writeString(dir.resolve("card.md"), cardMarkdown(spec, version, at, selection, items.size()));
            files.add("card.md");
            return new Written(files, sha256(cardBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dataset " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String cardMarkdown(DatasetSpec spec, String version, Instant at, Selection s, int items) {
        StringBuilder md = new StringBuilder();
        md.append("# Dataset ")
                .append(spec.name())
                .append(", version ")
                .append(version)
                .append("\n\n");
        md.append("Exported as of ").append(at).append(" by Redline from a creator platform's content.\n\n");
        md.append("## What is in it\n\n");
        md.append("- Surfaces: ").append(String.join(", ", spec.surfaces())).append('\n');
        md.append("- Created from ")
                .append(spec.from())
                .append(" until ")
                .append(spec.until())
                .append('\n');
        md.append("- Categories (tags): ")
                .append(spec.categories().isEmpty() ? "any" : String.join(", ", spec.categories()))
                .append('\n');
        md.append("- Training use: `")
                .append(spec.use().wireName())
                .append("`; every item's consent at the export time permits it\n");
        md.append("- Only items whose decision was allow: ")
                .append(spec.onlyAllowed())
                .append('\n');
        md.append("- One item per copy group (an original and its reposts): ")
                .append(spec.onePerCopyGroup())
                .append("\n\n");
        md.append("## Counts\n\n");
        md.append("- Items: ").append(items).append(" of ").append(s.examined()).append(" examined\n");
        s.excluded()
                .forEach((reason, n) -> md.append("- Left out (")
                        .append(reason)
                        .append("): ")
                        .append(n)
                        .append('\n'));
        md.append("\n## Provenance\n\n");
        md.append("`manifest.jsonl` has one line per item: id, author, consent record and state, licence, ")
                .append("SHA-256 of its data line, AI mark, copy group. `card.json` holds the SHA-256 of every file. ")
                .append("When a creator withdraws consent or an item is removed, Redline lists this version among ")
                .append("those holding it, with the items to drop (the revocation delta).\n");
        return md.toString();
    }

    private static String dataLine(Candidates.Candidate c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", Long.toString(c.id()));
        n.put("surface", c.surface());
        n.put("createdAt", c.createdAt().toString());
        if (c.title() != null) n.put("title", c.title());
        n.put("text", c.text());
        ArrayNode tags = n.putArray("tags");
        c.tags().forEach(tags::add);
        return n.toString();
    }

    private static String manifestLine(DatasetItem m, String shard) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", m.id());
        n.put("author", m.authorId());
        if (m.consentRecordId() == null) n.putNull("consentRecord");
        else n.put("consentRecord", Long.toString(m.consentRecordId()));
        n.put("consentState", m.consentState());
        if (m.licence() == null) n.putNull("licence");
        else n.put("licence", m.licence());
        n.put("contentSha256", m.contentSha256());
        n.put("aiMark", m.aiMark());
        n.put("copyGroup", m.copyGroup());
        n.put("shard", shard);
        return n.toString();
    }

    private static Long recordId(ResultSet rs) throws SQLException {
        long id = rs.getLong("consent_record_id");
        return rs.wasNull() ? null : id;
    }

    private static DatasetVersion row(ResultSet rs) throws SQLException {
        return new DatasetVersion(
                rs.getString("name"),
                rs.getString("version"),
                rs.getString("spec_json"),
                rs.getString("spec_sha256"),
                Instant.ofEpochMilli(rs.getLong("at_ms")),
                rs.getInt("items"),
                rs.getString("card_sha256"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                rs.getString("created_by"));
    }

    static void requireStaff(Principal who) {
        if (who.role() != Role.ADMIN && who.role() != Role.POLICY_EDITOR) {
            throw new DatasetException.Forbidden("exporting a dataset takes an admin or policy editor, not "
                    + who.role().wireName());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
