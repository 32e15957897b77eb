package io.redline.policy;

import com.fasterxml.jackson.core.JsonToken;
import io.redline.policy.SourceTree.Entry;
import io.redline.policy.SourceTree.ListNode;
import io.redline.policy.SourceTree.MapNode;
import io.redline.policy.SourceTree.Node;
import io.redline.policy.SourceTree.Pos;
import io.redline.policy.SourceTree.ScalarNode;
import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.CredentialStatus;
import io.redline.vocabulary.DetectorIds;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads policy YAML, validates it completely and compiles it. Never throws for bad input: every
 * problem found comes back as a {@link PolicyError} with its line, column and path.
 */
public final class PolicyParser {
    private static final List<String> AI_MARK_CODES =
            java.util.Arrays.stream(AiMark.values()).map(AiMark::code).toList();
    /** The value the {@code schema} field must have. */
    public static final String SCHEMA = "redline/policy-v1";
    /** Larger sources are rejected before parsing. 256 KiB of text holds far more than 500 rules. */
    public static final int MAX_SOURCE_CHARS = 256 * 1024;

    public static final int MAX_RULES = 500;
    /** Bound on any list inside a rule: categories, detectors, branches of all/any. */
    public static final int MAX_LIST_ITEMS = 64;

    public static final int MAX_DESCRIPTION_CHARS = 2_000;
    public static final Duration DEADLINE_MIN = Duration.ofMinutes(1);
    public static final Duration DEADLINE_MAX = Duration.ofDays(30);
    public static final int LENGTH_MAX = 100_000_000;
    public static final int COUNT_MAX = 10_000;
    public static final int AUTHOR_COUNT_MAX = 1_000_000;

    static final String DEFAULT_REASON_CODE = "policy_default";
    static final ReviewRouting DEFAULT_REVIEW = new ReviewRouting("general", 3, Duration.ofHours(24));

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern CATEGORY = Pattern.compile("[a-z_]{1,40}");
    private static final Pattern QUEUE = ReviewRouting.QUEUE_NAME;

    private static final List<String> ROOT_KEYS = List.of("schema", "name", "description", "defaults", "rules");
    private static final List<String> DEFAULTS_KEYS = List.of("action", "reasonCode", "reach", "review");
    private static final List<String> RULE_KEYS =
            List.of("id", "description", "surfaces", "when", "action", "reasonCode", "label", "reach", "review");
    private static final List<String> REVIEW_KEYS = List.of("queue", "priority", "deadline");
    private static final List<String> CONDITION_KEYS = List.of(
            "all",
            "any",
            "not",
            "hits",
            "riskScore",
            "length",
            "surface",
            "linksPresent",
            "aiDeclared",
            "aiMark",
            "author",
            "suspectedRepost",
            "credential");
    private static final List<String> CREDENTIAL_KEYS = List.of("status", "sourceType");
    private static final List<String> CREDENTIAL_CODES = java.util.Arrays.stream(CredentialStatus.values())
            .map(CredentialStatus::code)
            .toList();
    /** A short IPTC digital source type, e.g. digitalCapture (the list grows, so it is not closed here). */
    private static final Pattern SOURCE_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    private static final List<String> HITS_KEYS = List.of("category", "detector", "severity", "count", "match");
    private static final List<String> AUTHOR_KEYS =
            List.of("accountAgeDays", "trustLevel", "priorStrikes", "openReports");
    private static final List<String> RANGE_KEYS = List.of("atLeast", "atMost");
    private static final List<String> MATCH_MODES = List.of("any", "all");

    private PolicyParser() {}

    public static PolicyParseResult parse(String yaml) {
        if (yaml.length() > MAX_SOURCE_CHARS) {
            return new PolicyParseResult.Invalid(List.of(new PolicyError(
                    1,
                    1,
                    "",
                    "the policy is " + yaml.length() + " characters; the limit is " + MAX_SOURCE_CHARS
                            + ": split it or remove rules")));
        }
        List<PolicyError> errors = new ArrayList<>();
        Node root = SourceTree.read(yaml, errors);
        Policy policy = root == null ? null : new Compiler(errors).policy(root);
        if (!errors.isEmpty() || policy == null) {
            errors.sort(Comparator.comparingInt(PolicyError::line).thenComparingInt(PolicyError::column));
            return new PolicyParseResult.Invalid(errors);
        }
        return new PolicyParseResult.Valid(policy);
    }

    /**
     * Reads at most {@link #MAX_SOURCE_CHARS} + 1 characters from {@code reader} (which the
     * caller owns and closes) and parses them.
     */
    public static PolicyParseResult parse(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int read;
        while ((read = reader.read(buffer)) != -1) {
            text.append(buffer, 0, read);
            if (text.length() > MAX_SOURCE_CHARS) {
                return new PolicyParseResult.Invalid(List.of(new PolicyError(
                        1,
                        1,
                        "",
                        "the policy is longer than " + MAX_SOURCE_CHARS + " characters: split it or remove rules")));
            }
        }
        return parse(text.toString());
    }

    /** Validation and compilation of one document; collects every error rather than stopping. */
    private static final class Compiler {
        private final List<PolicyError> errors;
        private final Map<String, Integer> categoryIds = new LinkedHashMap<>();

        Compiler(List<PolicyError> errors) {
            this.errors = errors;
        }

        Policy policy(Node root) {
            MapNode doc = map(root, "", "the policy document");
            if (doc == null) {
                return null;
            }
            checkKeys(doc, "", ROOT_KEYS, "the policy document");

            Entry schema = required(doc, "", "schema", "add 'schema: " + SCHEMA + "' as the first line");
            if (schema != null) {
                String value = string(schema.value(), "schema");
                if (value != null && !value.equals(SCHEMA)) {
                    error(
                            schema.value().pos(),
                            "schema",
                            "unsupported schema '" + value + "': this version of Redline reads '" + SCHEMA + "'");
                }
            }
            Entry nameEntry = required(doc, "", "name", "give the policy a name such as 'community-default'");
            String name = nameEntry == null
                    ? null
                    : pattern(nameEntry.value(), "name", NAME, "letters, digits, '_', '.', '-', at most 64");
            String description = optionalText(doc.get("description"), "description");

            Defaults defaults = defaults(doc.get("defaults"));

            List<Rule> rules = new ArrayList<>();
            boolean rulesValid = true;
            Entry rulesEntry =
                    required(doc, "", "rules", "add 'rules:' with a list of rules (it may be empty: rules: [])");
            if (rulesEntry != null) {
                ListNode list = list(rulesEntry.value(), "rules", "rules");
                if (list == null) {
                    rulesValid = false;
                } else {
                    if (list.items().size() > MAX_RULES) {
                        error(
                                list.items().get(MAX_RULES).pos(),
                                "rules[" + MAX_RULES + "]",
                                "a policy may have at most " + MAX_RULES + " rules; this one has "
                                        + list.items().size() + ": merge or remove rules");
                    }
                    Map<String, String> firstUse = new HashMap<>();
                    for (int i = 0; i < list.items().size(); i++) {
                        Rule rule = rule(list.items().get(i), "rules[" + i + "]", i, defaults, firstUse);
                        if (rule == null) {
                            rulesValid = false;
                        } else {
                            rules.add(rule);
                        }
                    }
                }
            }
            if (!errors.isEmpty() || !rulesValid || defaults == null || name == null) {
                return null;
            }
            return new Policy(
                    name,
                    description == null ? "" : description,
                    defaults.action,
                    defaults.reasonCode,
                    defaults.reach,
                    defaults.review,
                    rules,
                    categoryIds);
        }

        private record Defaults(Action action, String reasonCode, Reach reach, ReviewRouting review) {}

        private Defaults defaults(Entry entry) {
            if (entry == null) {
                return new Defaults(Action.ALLOW, DEFAULT_REASON_CODE, null, DEFAULT_REVIEW);
            }
            String path = "defaults";
            MapNode m = map(entry.value(), path, "defaults");
            if (m == null) {
                return null;
            }
            checkKeys(m, path, DEFAULTS_KEYS, "defaults");
            Action action = Action.ALLOW;
            Entry actionEntry = m.get("action");
            if (actionEntry != null) {
                action = action(actionEntry.value(), "defaults.action");
                if (action == Action.LABEL) {
                    error(
                            actionEntry.value().pos(),
                            "defaults.action",
                            "the default action cannot be 'label' because a "
                                    + "label needs a rule that names it: use allow and add a label rule");
                    action = null;
                }
            }
            String reasonCode = DEFAULT_REASON_CODE;
            Entry reasonEntry = m.get("reasonCode");
            if (reasonEntry != null) {
                reasonCode = pattern(
                        reasonEntry.value(),
                        "defaults.reasonCode",
                        CODE,
                        "lower-case letters, digits and '_', starting with a letter");
            }
            Reach reach = action == Action.LIMIT ? Reach.REDUCED : null;
            Entry reachEntry = m.get("reach");
            if (reachEntry != null) {
                if (action != null && action != Action.LIMIT) {
                    error(
                            reachEntry.keyPos(),
                            "defaults.reach",
                            "'reach' applies only when the default action is limit: remove it or set action: limit");
                } else {
                    reach = reach(reachEntry.value(), "defaults.reach");
                }
            }
            ReviewRouting review = DEFAULT_REVIEW;
            Entry reviewEntry = m.get("review");
            if (reviewEntry != null) {
                review = review(reviewEntry.value(), "defaults.review", DEFAULT_REVIEW);
            }
            if (action == null || reasonCode == null || review == null || (action == Action.LIMIT && reach == null)) {
                return null;
            }
            return new Defaults(action, reasonCode, reach, review);
        }

        private Rule rule(Node node, String path, int order, Defaults defaults, Map<String, String> firstUse) {
            MapNode m = map(node, path, "a rule");
            if (m == null) {
                return null;
            }
            int errorsBefore = errors.size();
            checkKeys(m, path, RULE_KEYS, "a rule");

            String id = null;
            Entry idEntry = required(m, path, "id", "give every rule a unique id such as 'drainage-comment-block'");
            if (idEntry != null) {
                id = pattern(idEntry.value(), path + ".id", RULE_ID, "letters, digits, '_', '.', '-', at most 64");
                if (id != null) {
                    String earlier = firstUse.putIfAbsent(
                            id, path + " (line " + idEntry.value().pos().line() + ")");
                    if (earlier != null) {
                        error(
                                idEntry.value().pos(),
                                path + ".id",
                                "duplicate rule id '" + id + "', already used by " + earlier
                                        + ": rule ids must be unique");
                    }
                }
            }
            String description = optionalText(m.get("description"), path + ".description");

            int surfaceMask = Surfaces.ALL;
            Entry surfacesEntry = m.get("surfaces");
            if (surfacesEntry != null) {
                Integer mask = surfaces(surfacesEntry.value(), path + ".surfaces");
                surfaceMask = mask == null ? 0 : mask;
            }

            Condition when = null;
            Entry whenEntry = m.get("when");
            if (whenEntry != null) {
                when = condition(whenEntry.value(), path + ".when");
            }

            Action action = null;
            Entry actionEntry =
                    required(m, path, "action", "add 'action:' with one of " + String.join(", ", Action.codes()));
            if (actionEntry != null) {
                action = action(actionEntry.value(), path + ".action");
            }
            String reasonCode = null;
            Entry reasonEntry = required(
                    m,
                    path,
                    "reasonCode",
                    "add 'reasonCode:', the code shown to the author, e.g. off_platform_contact");
            if (reasonEntry != null) {
                reasonCode = pattern(
                        reasonEntry.value(),
                        path + ".reasonCode",
                        CODE,
                        "lower-case letters, digits and '_', starting with a letter");
            }

            String label = null;
            Reach reach = null;
            ReviewRouting review = null;
            if (action != null) {
                onlyFor(m, path, "label", Action.LABEL, action);
                onlyFor(m, path, "reach", Action.LIMIT, action);
                onlyFor(m, path, "review", Action.REVIEW, action);
                switch (action) {
                    case LABEL -> {
                        Entry labelEntry =
                                required(m, path, "label", "say which label to apply, e.g. label: ai_generated");
                        if (labelEntry != null) {
                            label = pattern(
                                    labelEntry.value(),
                                    path + ".label",
                                    CODE,
                                    "lower-case letters, digits and '_', starting with a letter");
                        }
                    }
                    case LIMIT -> {
                        Entry reachEntry = m.get("reach");
                        reach = reachEntry == null ? Reach.REDUCED : reach(reachEntry.value(), path + ".reach");
                    }
                    case REVIEW -> {
                        Entry reviewEntry = m.get("review");
                        ReviewRouting base = defaults == null ? DEFAULT_REVIEW : defaults.review;
                        review = reviewEntry == null ? base : review(reviewEntry.value(), path + ".review", base);
                    }
                    case ALLOW, BLOCK -> {}
                }
            }
            if (errors.size() > errorsBefore) {
                return null;
            }
            return new Rule(
                    order,
                    id,
                    description == null ? "" : description,
                    surfaceMask,
                    when,
                    action,
                    reasonCode,
                    label,
                    reach,
                    review);
        }

        private void onlyFor(MapNode m, String path, String key, Action owner, Action actual) {
            Entry entry = m.get(key);
            if (entry != null && actual != owner) {
                error(
                        entry.keyPos(),
                        path + "." + key,
                        "'" + key + "' applies only to action " + owner.code() + ", but this rule's action is "
                                + actual.code() + ": remove it or change the action");
            }
        }

        private ReviewRouting review(Node node, String path, ReviewRouting base) {
            MapNode m = map(node, path, "review routing");
            if (m == null) {
                return null;
            }
            int errorsBefore = errors.size();
            checkKeys(m, path, REVIEW_KEYS, "review routing");
            String queue = base.queue();
            Entry queueEntry = m.get("queue");
            if (queueEntry != null) {
                queue = pattern(queueEntry.value(), path + ".queue", QUEUE, ReviewRouting.QUEUE_NAME_RULE);
            }
            int priority = base.priority();
            Entry priorityEntry = m.get("priority");
            if (priorityEntry != null) {
                Integer p = integer(
                        priorityEntry.value(),
                        path + ".priority",
                        ReviewRouting.PRIORITY_MOST_URGENT,
                        ReviewRouting.PRIORITY_LEAST_URGENT,
                        " (1 is the most urgent)");
                priority = p == null ? priority : p;
            }
            Duration deadline = base.deadline();
            Entry deadlineEntry = m.get("deadline");
            if (deadlineEntry != null) {
                deadline = duration(deadlineEntry.value(), path + ".deadline");
            }
            if (errors.size() > errorsBefore || queue == null || deadline == null) {
                return null;
            }
            return new ReviewRouting(queue, priority, deadline);
        }

        // ---- conditions ----

        private Condition condition(Node node, String path) {
            MapNode m = map(node, path, "a condition");
            if (m == null) {
                return null;
            }
            if (m.entries().isEmpty()) {
                error(
                        m.pos(),
                        path,
                        "empty condition: add at least one of " + String.join(", ", CONDITION_KEYS)
                                + ", or remove it to match always");
                return null;
            }
            int errorsBefore = errors.size();
            List<Condition> parts = new ArrayList<>();
            // Sorted keys: the canonical form (and so the version) must not depend on key order.
            for (Entry entry : new TreeMap<>(m.entries()).values()) {
                String key = entry.key();
                String childPath = path + "." + key;
                Node value = entry.value();
                Condition part = switch (key) {
                    case "all" -> branches(value, childPath, true);
                    case "any" -> branches(value, childPath, false);
                    case "not" -> {
                        Condition inner = condition(value, childPath);
                        yield inner == null ? null : new Condition.NotOf(inner);
                    }
                    case "hits" -> hits(value, childPath);
                    case "riskScore" -> range(value, childPath, Condition.Field.RISK_SCORE, 100);
                    case "length" -> range(value, childPath, Condition.Field.LENGTH, LENGTH_MAX);
                    case "surface" -> {
                        Integer mask = surfaces(value, childPath);
                        yield mask == null ? null : new Condition.SurfaceIn(mask);
                    }
                    case "linksPresent" -> {
                        Boolean b = bool(value, childPath);
                        yield b == null ? null : new Condition.LinksPresent(b);
                    }
                    case "aiDeclared" -> {
                        Boolean b = bool(value, childPath);
                        yield b == null ? null : new Condition.AiDeclared(b);
                    }
                    case "aiMark" -> aiMarks(value, childPath);
                    case "credential" -> credential(value, childPath);
                    case "author" -> author(value, childPath);
                    case "suspectedRepost" -> {
                        Boolean b = bool(value, childPath);
                        yield b == null ? null : new Condition.SuspectedRepost(b);
                    }
                    default -> {
                        unknownKey(entry, childPath, CONDITION_KEYS, "a condition");
                        yield null;
                    }
                };
                if (part != null) {
                    parts.add(part);
                }
            }
            if (errors.size() > errorsBefore) {
                return null;
            }
            return parts.size() == 1 ? parts.get(0) : new Condition.AllOf(parts.toArray(Condition[]::new));
        }

        private Condition branches(Node node, String path, boolean all) {
            ListNode list = list(node, path, "a list of conditions");
            if (list == null) {
                return null;
            }
            if (list.items().isEmpty()) {
                error(list.pos(), path, "'" + (all ? "all" : "any") + "' needs at least one condition");
                return null;
            }
            if (!withinListBound(list, path)) {
                return null;
            }
            List<Condition> parts = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < list.items().size(); i++) {
                Condition c = condition(list.items().get(i), path + "[" + i + "]");
                ok &= c != null;
                parts.add(c);
            }
            if (!ok) {
                return null;
            }
            Condition[] array = parts.toArray(Condition[]::new);
            return all ? new Condition.AllOf(array) : new Condition.AnyOf(array);
        }

        private Condition hits(Node node, String path) {
            MapNode m = map(node, path, "a hits condition");
            if (m == null) {
                return null;
            }
            int errorsBefore = errors.size();
            checkKeys(m, path, HITS_KEYS, "a hits condition");
            String[] categoryNames = null;
            Entry categoryEntry = m.get("category");
            if (categoryEntry != null) {
                rejectEmptyList(categoryEntry.value(), path + ".category", "category");
                TreeSet<String> names = new TreeSet<>();
                for (Item item : items(categoryEntry.value(), path + ".category")) {
                    String c = string(item.node, item.path);
                    if (c == null) {
                        continue;
                    }
                    if (!CATEGORY.matcher(c).matches()) {
                        error(
                                item.node.pos(),
                                item.path,
                                "category '" + c + "' must be 1 to 40 lower-case letters "
                                        + "or '_' (for example personal_data)");
                        continue;
                    }
                    names.add(c);
                }
                categoryNames = names.toArray(String[]::new);
            }
            long detectorMask = -1L;
            Entry detectorEntry = m.get("detector");
            if (detectorEntry != null) {
                rejectEmptyList(detectorEntry.value(), path + ".detector", "detector");
                detectorMask = 0L;
                for (Item item : items(detectorEntry.value(), path + ".detector")) {
                    String d = string(item.node, item.path);
                    if (d == null) {
                        continue;
                    }
                    int id = DetectorIds.indexOf(d);
                    if (id < 0) {
                        error(
                                item.node.pos(),
                                item.path,
                                "unknown detector '" + d + "': expected one of " + String.join(", ", DetectorIds.ALL)
                                        + suggestion(d, DetectorIds.ALL));
                        continue;
                    }
                    detectorMask |= 1L << id;
                }
            }
            int[] severity = {0, 100};
            Entry severityEntry = m.get("severity");
            if (severityEntry != null) {
                severity = bounds(severityEntry.value(), path + ".severity", 0, 100, 0);
            }
            int[] count = {1, Integer.MAX_VALUE};
            Entry countEntry = m.get("count");
            if (countEntry != null) {
                count = bounds(countEntry.value(), path + ".count", 0, COUNT_MAX, 1);
                if (count != null && count[1] == COUNT_MAX) {
                    count[1] = Integer.MAX_VALUE;
                }
            }
            boolean every = false;
            Entry matchEntry = m.get("match");
            if (matchEntry != null) {
                String mode = string(matchEntry.value(), path + ".match");
                if (mode != null && !MATCH_MODES.contains(mode)) {
                    error(
                            matchEntry.value().pos(),
                            path + ".match",
                            "unknown match mode '" + mode
                                    + "': expected any (at least 'count' hits pass) or all (every hit passes)");
                }
                every = "all".equals(mode);
            }
            if (errors.size() > errorsBefore || severity == null || count == null) {
                return null;
            }
            boolean[] allowed = null;
            if (categoryNames != null) {
                for (String c : categoryNames) {
                    categoryIds.putIfAbsent(c, categoryIds.size());
                }
                // Sized when the policy is complete would be tighter, but ids only grow, so size to
                // the current dictionary and treat ids beyond it as "not allowed".
                allowed = new boolean[categoryIds.size()];
                for (String c : categoryNames) {
                    allowed[categoryIds.get(c)] = true;
                }
            }
            return new Condition.Hits(
                    allowed, categoryNames, detectorMask, severity[0], severity[1], count[0], count[1], every);
        }

        private Condition author(Node node, String path) {
            MapNode m = map(node, path, "an author condition");
            if (m == null) {
                return null;
            }
            if (m.entries().isEmpty()) {
                error(m.pos(), path, "empty author condition: add at least one of " + String.join(", ", AUTHOR_KEYS));
                return null;
            }
            int errorsBefore = errors.size();
            List<Condition> parts = new ArrayList<>();
            for (Entry entry : new TreeMap<>(m.entries()).values()) {
                String childPath = path + "." + entry.key();
                Condition part = switch (entry.key()) {
                    case "accountAgeDays" ->
                        range(entry.value(), childPath, Condition.Field.ACCOUNT_AGE_DAYS, AUTHOR_COUNT_MAX);
                    case "trustLevel" ->
                        range(entry.value(), childPath, Condition.Field.TRUST_LEVEL, AuthorFacts.TRUST_LEVEL_MAX);
                    case "priorStrikes" ->
                        range(entry.value(), childPath, Condition.Field.PRIOR_STRIKES, AUTHOR_COUNT_MAX);
                    case "openReports" ->
                        range(entry.value(), childPath, Condition.Field.OPEN_REPORTS, AUTHOR_COUNT_MAX);
                    default -> {
                        unknownKey(entry, childPath, AUTHOR_KEYS, "an author condition");
                        yield null;
                    }
                };
                if (part != null) {
                    parts.add(part);
                }
            }
            if (errors.size() > errorsBefore) {
                return null;
            }
            return parts.size() == 1 ? parts.get(0) : new Condition.AllOf(parts.toArray(Condition[]::new));
        }

        private Condition range(Node node, String path, Condition.Field field, int max) {
            int[] b = bounds(node, path, 0, max, 0);
            return b == null ? null : new Condition.Range(field, b[0], b[1]);
        }

        /** Reads {atLeast, atMost}; a missing bound defaults to {@code defaultMin} or {@code max}. */
        private int[] bounds(Node node, String path, int min, int max, int defaultMin) {
            MapNode m = map(node, path, "a range such as {atLeast: " + Math.max(min, 1) + "}");
            if (m == null) {
                return null;
            }
            int errorsBefore = errors.size();
            checkKeys(m, path, RANGE_KEYS, "a range");
            Entry lowEntry = m.get("atLeast");
            Entry highEntry = m.get("atMost");
            if (lowEntry == null && highEntry == null) {
                if (m.entries().isEmpty()) {
                    error(m.pos(), path, "empty range: give atLeast, atMost or both");
                }
                return null;
            }
            Integer low = lowEntry == null
                    ? Integer.valueOf(defaultMin)
                    : integer(lowEntry.value(), path + ".atLeast", min, max, "");
            Integer high = highEntry == null
                    ? Integer.valueOf(max)
                    : integer(highEntry.value(), path + ".atMost", min, max, "");
            if (low != null && high != null && low > high) {
                Node at = highEntry != null ? highEntry.value() : lowEntry.value();
                String lowText = lowEntry == null ? low + ", the default" : String.valueOf(low);
                String hint = lowEntry == null && path.endsWith(".count")
                        ? ": to require that no hit passes, write not: {hits: {...}}"
                        : ": nothing can match this range";
                error(at.pos(), path, "atMost (" + high + ") is below atLeast (" + lowText + ")" + hint);
            }
            if (errors.size() > errorsBefore || low == null || high == null) {
                return null;
            }
            return new int[] {low, high};
        }

        private Integer surfaces(Node node, String path) {
            return codeMask(node, path, "surface", Surfaces.codes(), Surfaces::bitOf);
        }

        /** {@code credential: [tampered]} or {@code credential: {status: [...], sourceType: [...]}}. */
        private Condition credential(Node node, String path) {
            if (!(node instanceof MapNode)) {
                Integer mask = credentialStatuses(node, path);
                return mask == null ? null : new Condition.CredentialIn(mask, new String[0]);
            }
            MapNode m = map(node, path, "a credential condition");
            if (m == null) {
                return null;
            }
            int errorsBefore = errors.size();
            Integer mask = null;
            java.util.TreeSet<String> types = new java.util.TreeSet<>();
            for (Entry entry : new TreeMap<>(m.entries()).values()) {
                String childPath = path + "." + entry.key();
                switch (entry.key()) {
                    case "status" -> mask = credentialStatuses(entry.value(), childPath);
                    case "sourceType" -> {
                        rejectEmptyList(entry.value(), childPath, "sourceType");
                        for (Item item : items(entry.value(), childPath)) {
                            String t = string(item.node, item.path);
                            if (t != null && !SOURCE_TYPE.matcher(t).matches()) {
                                error(
                                        item.node.pos(),
                                        item.path,
                                        "'" + t + "' is not a short IPTC digital source type such as digitalCapture"
                                                + " or trainedAlgorithmicMedia (the last part of the IPTC URL)");
                            } else if (t != null) {
                                types.add(t);
                            }
                        }
                    }
                    default -> unknownKey(entry, childPath, CREDENTIAL_KEYS, "a credential condition");
                }
            }
            if (mask == null && errors.size() == errorsBefore) {
                error(m.pos(), path, "a credential condition needs 'status', e.g. status: [tampered]");
            }
            if (errors.size() > errorsBefore || mask == null) {
                return null;
            }
            return new Condition.CredentialIn(mask, types.toArray(String[]::new));
        }

        private Integer credentialStatuses(Node node, String path) {
            return codeMask(node, path, "credential status", CREDENTIAL_CODES, code -> {
                CredentialStatus st = CredentialStatus.fromCode(code);
                return st == null ? 0 : 1 << st.ordinal();
            });
        }

        private Condition aiMarks(Node node, String path) {
            Integer mask = codeMask(node, path, "aiMark", AI_MARK_CODES, code -> {
                AiMark m = AiMark.fromCode(code);
                return m == null ? 0 : 1 << m.ordinal();
            });
            return mask == null ? null : new Condition.AiMarkIn(mask);
        }

        /** A non-empty list of codes of one closed set, as a bit mask ({@code bitOf} gives 0 for unknown codes); null after reporting errors. */
        private Integer codeMask(
                Node node,
                String path,
                String what,
                List<String> codes,
                java.util.function.ToIntFunction<String> bitOf) {
            int mask = 0;
            boolean ok = true;
            List<Item> items = items(node, path);
            if (items.isEmpty() && node instanceof ListNode) {
                error(node.pos(), path, "empty " + what + " list: name at least one of " + String.join(", ", codes));
                return null;
            }
            for (Item item : items) {
                String s = string(item.node, item.path);
                if (s == null) {
                    ok = false;
                    continue;
                }
                int bit = bitOf.applyAsInt(s);
                if (bit == 0) {
                    error(
                            item.node.pos(),
                            item.path,
                            "unknown " + what + " '" + s + "': expected one of " + String.join(", ", codes)
                                    + suggestion(s, codes));
                    ok = false;
                    continue;
                }
                mask |= bit;
            }
            return ok && mask != 0 ? mask : null;
        }

        // ---- typed values ----

        private record Item(Node node, String path) {}

        /** A list's items, or a single scalar as a one-item list (so "category: drugs" works). */
        private List<Item> items(Node node, String path) {
            List<Item> out = new ArrayList<>();
            if (node instanceof ListNode list) {
                if (!withinListBound(list, path)) {
                    return out;
                }
                for (int i = 0; i < list.items().size(); i++) {
                    out.add(new Item(list.items().get(i), path + "[" + i + "]"));
                }
            } else if (node instanceof ScalarNode) {
                out.add(new Item(node, path));
            } else {
                error(node.pos(), path, "expected a value or a list of values, got " + node.describe());
            }
            return out;
        }

        /** An empty filter list would make a rule that can never match: almost certainly a mistake. */
        private void rejectEmptyList(Node node, String path, String what) {
            if (node instanceof ListNode list && list.items().isEmpty()) {
                error(
                        list.pos(),
                        path,
                        "empty " + what + " list: name at least one " + what + ", or remove '" + what
                                + "' to accept any");
            }
        }

        private boolean withinListBound(ListNode list, String path) {
            if (list.items().size() > MAX_LIST_ITEMS) {
                error(
                        list.items().get(MAX_LIST_ITEMS).pos(),
                        path,
                        "at most " + MAX_LIST_ITEMS + " items are allowed here; this list has "
                                + list.items().size());
                return false;
            }
            return true;
        }

        private Action action(Node node, String path) {
            return oneCode(node, path, "action", Action.codes(), Action::fromCode);
        }

        private Reach reach(Node node, String path) {
            return oneCode(node, path, "reach", Reach.codes(), Reach::fromCode);
        }

        /** One code of a closed set; null (after reporting what is allowed) when it is not one. */
        private <E extends Enum<E>> E oneCode(
                Node node,
                String path,
                String what,
                List<String> codes,
                java.util.function.Function<String, E> fromCode) {
            String code = string(node, path);
            if (code == null) {
                return null;
            }
            E value = fromCode.apply(code);
            if (value == null) {
                error(
                        node.pos(),
                        path,
                        "unknown " + what + " '" + code + "': expected one of " + String.join(", ", codes)
                                + suggestion(code, codes));
            }
            return value;
        }

        private Duration duration(Node node, String path) {
            String text = string(node, path);
            if (text == null) {
                return null;
            }
            Duration d;
            try {
                d = Duration.parse(text);
            } catch (DateTimeParseException e) {
                error(
                        node.pos(),
                        path,
                        "invalid duration '" + text
                                + "': use ISO-8601 such as PT15M (15 minutes), PT4H (4 hours) or P1D (1 day)");
                return null;
            }
            if (d.compareTo(DEADLINE_MIN) < 0 || d.compareTo(DEADLINE_MAX) > 0) {
                error(node.pos(), path, "deadline " + text + " is out of range: use between PT1M and P30D");
                return null;
            }
            return d;
        }

        private MapNode map(Node node, String path, String what) {
            if (node instanceof MapNode m) {
                return m;
            }
            error(node.pos(), path, "expected " + what + " (key: value lines), got " + node.describe());
            return null;
        }

        private ListNode list(Node node, String path, String what) {
            if (node instanceof ListNode l) {
                return l;
            }
            error(node.pos(), path, "expected " + what + " as a list ('- ' items), got " + node.describe());
            return null;
        }

        private String string(Node node, String path) {
            if (node instanceof ScalarNode s
                    && (s.token() == JsonToken.VALUE_STRING || s.token() == JsonToken.VALUE_NUMBER_INT)) {
                return s.text();
            }
            error(node.pos(), path, "expected text, got " + node.describe());
            return null;
        }

        private String optionalText(Entry entry, String path) {
            if (entry == null) {
                return null;
            }
            if (entry.value() instanceof ScalarNode s && s.isNull()) {
                return "";
            }
            String text = string(entry.value(), path);
            if (text != null && text.length() > MAX_DESCRIPTION_CHARS) {
                error(
                        entry.value().pos(),
                        path,
                        "description is " + text.length() + " characters; the limit is " + MAX_DESCRIPTION_CHARS);
                return null;
            }
            return text == null ? null : text.strip();
        }

        private String pattern(Node node, String path, Pattern pattern, String rule) {
            String text = string(node, path);
            if (text == null) {
                return null;
            }
            if (!pattern.matcher(text).matches()) {
                error(node.pos(), path, "'" + text + "' is not allowed here: use " + rule);
                return null;
            }
            return text;
        }

        private Integer integer(Node node, String path, int min, int max, String hint) {
            if (node instanceof ScalarNode s && s.token() == JsonToken.VALUE_NUMBER_INT) {
                long value = s.number() == null ? Long.MAX_VALUE : s.number(); // null: beyond long
                if (value < min || value > max) {
                    error(
                            node.pos(),
                            path,
                            s.text() + " is out of range: use a whole number from " + min + " to " + max + hint);
                    return null;
                }
                return (int) value;
            }
            error(
                    node.pos(),
                    path,
                    "expected a whole number from " + min + " to " + max + hint + ", got " + node.describe());
            return null;
        }

        private Boolean bool(Node node, String path) {
            if (node instanceof ScalarNode s
                    && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
                return s.token() == JsonToken.VALUE_TRUE;
            }
            error(node.pos(), path, "expected true or false, got " + node.describe());
            return null;
        }

        private Entry required(MapNode m, String path, String key, String hint) {
            Entry entry = m.get(key);
            if (entry == null) {
                error(m.pos(), path, "missing required field '" + key + "': " + hint);
            } else if (entry.value() instanceof ScalarNode s && s.isNull()) {
                error(entry.value().pos(), path.isEmpty() ? key : path + "." + key, "'" + key + "' is empty: " + hint);
                return null;
            }
            return entry;
        }

        private void checkKeys(MapNode m, String path, List<String> allowed, String context) {
            for (Entry entry : m.entries().values()) {
                if (!allowed.contains(entry.key())) {
                    unknownKey(entry, path.isEmpty() ? entry.key() : path + "." + entry.key(), allowed, context);
                }
            }
        }

        private void unknownKey(Entry entry, String path, List<String> allowed, String context) {
            error(
                    entry.keyPos(),
                    path,
                    "unknown field '" + entry.key() + "' in " + context + ": expected one of "
                            + String.join(", ", allowed) + suggestion(entry.key(), allowed));
        }

        private void error(Pos pos, String path, String message) {
            errors.add(new PolicyError(pos.line(), pos.column(), path, message));
        }
    }

    /** " (did you mean 'x'?)" for the closest candidate within a small edit distance, else "". */
    static String suggestion(String actual, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = editDistance(
                    actual.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int tolerance = Math.max(1, Math.min(3, actual.length() / 3));
        return best != null && bestDistance <= tolerance ? " (did you mean '" + best + "'?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
