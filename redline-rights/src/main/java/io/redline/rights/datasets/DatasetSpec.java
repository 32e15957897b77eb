package io.redline.rights.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.redline.rights.consent.ConsentState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a dataset holds, as a curator writes it (YAML or JSON):
 *
 * <pre>
 * name: notes-food-2026q4
 * surfaces: [note]                 # required
 * from: 2026-10-01T00:00:00Z        # created at or after (required)
 * until: 2027-01-01T00:00:00Z       # created before (required)
 * categories: [美食, 探店]           # the item's tags; empty or absent: any
 * use: platform_models             # the training use: platform_models or licensed
 * onlyAllowed: true                # only items whose decision in force is allow (default true)
 * onePerCopyGroup: true            # an original and its reposts count once (default true)
 * </pre>
 *
 * Consent is always required: an item is in only if its consent at the export time permits the
 * use ({@code platform_models}: platform_models or licensed; {@code licensed}: licensed, unexpired).
 */
public record DatasetSpec(
        String name,
        List<String> surfaces,
        Instant from,
        Instant until,
        List<String> categories,
        ConsentState use,
        boolean onlyAllowed,
        boolean onePerCopyGroup) {
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Set<String> SURFACES = Set.of("note", "comment", "live", "profile", "prompt", "output");
    static final int CATEGORIES_MAX = 100;
    static final int SPEC_CHARS_MAX = 64 * 1024;

    public DatasetSpec {
        surfaces = List.copyOf(new TreeSet<>(surfaces));
        categories = List.copyOf(new TreeSet<>(categories));
    }

    /** The form a spec file takes; missing booleans default to true. */
    record Form(
            String name,
            List<String> surfaces,
            String from,
            String until,
            List<String> categories,
            String use,
            Boolean onlyAllowed,
            Boolean onePerCopyGroup) {}

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Parses YAML or JSON (JSON is YAML). @throws DatasetException.Invalid naming what to fix */
    public static DatasetSpec parse(String text) {
        if (text.length() > SPEC_CHARS_MAX)
            throw new DatasetException.Invalid("a dataset spec is at most " + SPEC_CHARS_MAX + " characters");
        Form f;
        try {
            f = YAML.readValue(text, Form.class);
        } catch (JsonProcessingException e) {
            throw new DatasetException.Invalid("not a dataset spec: " + e.getOriginalMessage());
        }
        if (f == null) throw new DatasetException.Invalid("the dataset spec is empty");
        return of(f);
    }

    static DatasetSpec of(Form f) {
        if (f.name() == null || !NAME.matcher(f.name()).matches())
            throw new DatasetException.Invalid("name must match " + NAME.pattern() + " (it names a directory)");
        if (f.surfaces() == null || f.surfaces().isEmpty())
            throw new DatasetException.Invalid("surfaces is required: one or more of " + new TreeSet<>(SURFACES));
        for (String s : f.surfaces()) {
            if (!SURFACES.contains(s))
                throw new DatasetException.Invalid("unknown surface '" + s + "'; use " + new TreeSet<>(SURFACES));
        }
        Instant from = instant(f.from(), "from");
        Instant until = instant(f.until(), "until");
        if (!from.isBefore(until)) throw new DatasetException.Invalid("from must be before until");
        List<String> categories = f.categories() == null ? List.of() : f.categories();
        if (categories.size() > CATEGORIES_MAX)
            throw new DatasetException.Invalid("at most " + CATEGORIES_MAX + " categories");
        for (String c : categories) {
            if (c == null || c.isBlank() || c.length() > 100)
                throw new DatasetException.Invalid("a category is 1..100 characters");
        }
        if (f.use() == null) throw new DatasetException.Invalid("use is required: platform_models or licensed");
        ConsentState use;
        try {
            use = ConsentState.parse(f.use());
        } catch (IllegalArgumentException e) {
            throw new DatasetException.Invalid("use must be platform_models or licensed, got '" + f.use() + "'");
        }
        if (use == ConsentState.DENIED)
            throw new DatasetException.Invalid("use must be platform_models or licensed: denied permits no training");
        return new DatasetSpec(
                f.name(),
                f.surfaces(),
                from,
                until,
                categories,
                use,
                f.onlyAllowed() == null || f.onlyAllowed(),
                f.onePerCopyGroup() == null || f.onePerCopyGroup());
    }

    private static Instant instant(String raw, String field) {
        if (raw == null) throw new DatasetException.Invalid(field + " is required (an ISO-8601 instant)");
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new DatasetException.Invalid(
                    field + " must be an ISO-8601 instant such as 2026-10-01T00:00:00Z, got '" + raw + "'");
        }
    }

    /** Whether consent in state {@code state} permits this spec's use. */
    public boolean permits(ConsentState state) {
        return switch (use) {
            case DENIED -> false;
            case PLATFORM_MODELS -> state == ConsentState.PLATFORM_MODELS || state == ConsentState.LICENSED;
            case LICENSED -> state == ConsentState.LICENSED;
        };
    }

    /** The canonical JSON: sorted lists, fixed key order, every default written out (what the card and the hash hold). */
    public String canonicalJson() {
        var node = JSON.createObjectNode();
        node.put("name", name);
        node.set("surfaces", JSON.valueToTree(surfaces));
        node.put("from", from.toString());
        node.put("until", until.toString());
        node.set("categories", JSON.valueToTree(categories));
        node.put("use", use.wireName());
        node.put("onlyAllowed", onlyAllowed);
        node.put("onePerCopyGroup", onePerCopyGroup);
        return node.toString();
    }
}
