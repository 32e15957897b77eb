package io.redline.rights.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.rights.consent.ConsentChange;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.consent.ConsentState;
import io.redline.rights.consent.CopyLink;
import io.redline.store.Database;
import io.redline.store.TestClock;
import io.redline.store.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Exports hold exactly the eligible items: a generated history (items on two surfaces with tags
 * and decisions, consent defaults and overrides changing over time, licences expiring, copy
 * links, some of it after the export time) is exported, and the manifest is compared with a
 * brute-force evaluation of the rules written here independently, on SQLite and PostgreSQL.
 * Exporting again with the same spec and time rewrites the same bytes.
 */
class DatasetExportProperties {
    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final AtomicInteger TRY = new AtomicInteger();
    private static Database sqlite;
    private static Database postgres;

    private static synchronized Database db(boolean pg) {
        if (pg) return postgres == null ? postgres = TestDatabases.postgres() : postgres;
        return sqlite == null ? sqlite = TestDatabases.sqlite() : sqlite;
    }

    @AfterContainer
    static void close() {
        if (sqlite != null) sqlite.close();
        if (postgres != null) postgres.close();
    }

    record Item(long id, String author, String surface, Instant created, List<String> tags, List<Object[]> decisions) {}

    record Change(Instant at, String author, String item, ConsentState state, Instant expires) {}

    record Link(String item, String author, String original, String originalAuthor, Instant at) {}

    @Property(tries = 16)
    void exportsHoldExactlyTheEligibleItems(@ForAll long seed, @ForAll boolean pg) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int t = TRY.incrementAndGet();
        String p = "t" + t + "-";
        Database db = db(pg);
        TestClock clock = TestClock.fixed(T0);
        AuditLog audit = AuditLog.open(db, io.redline.audit.AuditRetention.DEFAULT, clock);
        ConsentRegistry consent = ConsentRegistry.open(db, audit, clock);
        Datasets datasets = Datasets.open(db, consent, audit, clock);

        String[] authors = {p + "a", p + "b", p + "c", p + "d"};
        String[] tags = {"food", "travel", "pets"};
        String[] actions = {"allow", "allow", "allow", "review", "block", "label"};
        int n = 5 + r.nextInt(36);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> tagged = new ArrayList<>();
            for (String tag : tags) if (r.nextInt(3) == 0) tagged.add(tag);
            List<Object[]> decided = new ArrayList<>();
            Instant created = T0.plus(Duration.ofHours(r.nextInt(24 * 20)));
            Instant d = created;
            for (int k = r.nextInt(3); k >= 0; k--) {
                d = d.plus(Duration.ofHours(r.nextInt(24 * 5)));
                decided.add(new Object[] {d, actions[r.nextInt(actions.length)]});
            }
            items.add(new Item(
                    (long) t * 10_000 + i + 1,
                    authors[r.nextInt(authors.length)],
                    r.nextInt(4) == 0 ? "comment" : "note",
                    created,
                    tagged,
                    decided));
        }
        // Consent changes in time order; licences expire a few days after they are given.
        List<Change> changes = new ArrayList<>();
        Instant c = T0;
        for (int k = r.nextInt(30); k > 0; k--) {
            c = c.plus(Duration.ofHours(1 + r.nextInt(24)));
            ConsentState state = ConsentState.values()[r.nextInt(3)];
            String author = authors[r.nextInt(authors.length)];
            String item = null;
            if (r.nextBoolean()) {
                List<Item> own =
                        items.stream().filter(x -> x.author().equals(author)).toList();
                if (!own.isEmpty())
                    item = Long.toString(own.get(r.nextInt(own.size())).id());
            }
            Instant expires = state == ConsentState.LICENSED ? c.plus(Duration.ofDays(1 + r.nextInt(20))) : null;
            changes.add(new Change(c, author, item, state, expires));
        }
        for (Change ch : changes) {
            clock.set(ch.at());
            Principal who = new Principal("tok", Role.CREATOR, ch.author(), ch.author());
            ConsentChange change = new ConsentChange(
                    ch.state(), ch.state() == ConsentState.LICENSED ? "CC BY 4.0" : null, ch.expires(), "api");
            if (ch.item() == null) consent.setDefault(who, ch.author(), change);
            else consent.setItem(who, ch.author(), ch.item(), change);
        }
        // Copy links: a later item of another author copies an earlier one.
        List<Link> links = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            if (r.nextInt(3) != 0) continue;
            Item copy = items.get(i), original = items.get(r.nextInt(i));
            if (copy.author().equals(original.author())) continue;
            Instant at = T0.plus(Duration.ofHours(r.nextInt(24 * 25)));
            links.add(new Link(
                    Long.toString(copy.id()), copy.author(), Long.toString(original.id()), original.author(), at));
            consent.linkCopy(
                    Principal.system("test"),
                    new CopyLink(
                            Long.toString(copy.id()),
                            copy.author(),
                            Long.toString(original.id()),
                            original.author(),
                            0.9,
                            at));
        }

        Instant at = T0.plus(Duration.ofHours(r.nextInt(24 * 25))).plusSeconds(r.nextInt(3600));
        List<String> categories = r.nextBoolean() ? List.of() : List.of(tags[r.nextInt(tags.length)]);
        boolean onlyAllowed = r.nextInt(4) != 0, onePerGroup = r.nextInt(4) != 0;
        ConsentState use = r.nextBoolean() ? ConsentState.PLATFORM_MODELS : ConsentState.LICENSED;
        List<String> surfaces = r.nextBoolean() ? List.of("note") : List.of("note", "comment");
        Instant from = T0.plus(Duration.ofDays(r.nextInt(5))), until = T0.plus(Duration.ofDays(10 + r.nextInt(15)));
        DatasetSpec spec =
                new DatasetSpec("set-" + t, surfaces, from, until, categories, use, onlyAllowed, onePerGroup);

        clock.set(T0.plus(Duration.ofDays(60)));
        Candidates source = (afterId, f, u, when, limit) -> items.stream()
                .filter(x -> x.id() > afterId)
                .filter(x -> !x.created().isBefore(f)
                        && x.created().isBefore(u)
                        && !x.created().isAfter(when))
                .limit(limit)
                .map(x -> new Candidates.Candidate(
                        x.id(),
                        x.surface(),
                        x.author(),
                        x.created(),
                        null,
                        "text " + x.id(),
                        x.tags(),
                        "none",
                        actionAt(x, when)))
                .toList();
        Path out = Files.createTempDirectory("redline-dataset-");
        Datasets.Export first = datasets.export(Principal.system("test"), spec, at, source, out);
        Instant when = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        // Brute force, from the generated history alone.
        List<String> expected = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        for (Item x : items) {
            if (x.created().isBefore(from)
                    || !x.created().isBefore(until)
                    || x.created().isAfter(when)) continue;
            if (!surfaces.contains(x.surface())) continue;
            if (!categories.isEmpty() && x.tags().stream().noneMatch(categories::contains)) continue;
            if (onlyAllowed && !"allow".equals(actionAt(x, when))) continue;
            ConsentState state = consentAt(Long.toString(x.id()), x.author(), when, changes, links, 0);
            boolean permitted =
                    use == ConsentState.LICENSED ? state == ConsentState.LICENSED : state != ConsentState.DENIED;
            if (!permitted) continue;
            String group = root(Long.toString(x.id()), when, links);
            if (onePerGroup && !groups.add(group)) continue;
            expected.add(Long.toString(x.id()));
        }
        List<String> manifestIds = Files.readAllLines(first.directory().resolve("manifest.jsonl")).stream()
                .map(l -> l.substring(7, l.indexOf('"', 7)))
                .toList();
        assertThat(manifestIds).isEqualTo(expected);
        assertThat(first.version().items()).isEqualTo(expected.size());

        Map<String, byte[]> bytes = read(first.directory());
        Datasets.Export again = datasets.export(Principal.system("test"), spec, at, source, out);
        assertThat(again.version()).isEqualTo(first.version());
        Map<String, byte[]> rewritten = read(again.directory());
        assertThat(rewritten.keySet()).isEqualTo(bytes.keySet());
        bytes.forEach((file, b) -> assertThat(rewritten.get(file)).as(file).isEqualTo(b));
    }

    private static String actionAt(Item x, Instant when) {
        String action = null;
        for (Object[] d : x.decisions()) if (!((Instant) d[0]).isAfter(when)) action = (String) d[1];
        return action;
    }

    private static ConsentState consentAt(
            String item, String author, Instant at, List<Change> changes, List<Link> links, int depth) {
        Change own = null, dflt = null;
        for (Change ch : changes) {
            if (ch.at().isAfter(at) || !ch.author().equals(author)) continue;
            if (item.equals(ch.item())) own = ch;
            if (ch.item() == null) dflt = ch;
        }
        Change in = own != null ? own : dflt;
        ConsentState state = in == null ? ConsentState.DENIED : in.state();
        if (state == ConsentState.LICENSED && !in.expires().isAfter(at)) state = ConsentState.DENIED;
        for (Link l : links) {
            if (l.item().equals(item) && !l.at().isAfter(at)) {
                ConsentState inherited = depth >= 8
                        ? ConsentState.DENIED
                        : consentAt(l.original(), l.originalAuthor(), at, changes, links, depth + 1);
                if (inherited.ordinal() < state.ordinal()) state = inherited;
            }
        }
        return state;
    }

    private static String root(String item, Instant at, List<Link> links) {
        String current = item;
        Set<String> seen = new LinkedHashSet<>();
        outer:
        for (int depth = 0; depth < 8 && seen.add(current); depth++) {
            for (Link l : links) {
                if (l.item().equals(current) && !l.at().isAfter(at)) {
                    current = l.original();
                    continue outer;
                }
            }
            break;
        }
        return current;
    }

    private static Map<String, byte[]> read(Path dir) {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) out.put(f.getFileName().toString(), Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
