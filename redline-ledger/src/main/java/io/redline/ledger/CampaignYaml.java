package io.redline.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.redline.ledger.engine.Basis;
import io.redline.ledger.engine.Campaign;
import io.redline.ledger.engine.NewUserBonus;
import io.redline.ledger.engine.Tier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a campaign definition (YAML, documented in docs/campaigns.md) into a validated
 * {@link Campaign} and writes the canonical JSON form stored beside a campaign id.
 *
 * <p>Amounts and rates must be exact: quoted decimal strings ({@code "0.29"}) or YAML integers.
 * A bare YAML float ({@code apr: 0.29}) is refused, because YAML parsers read it as binary
 * floating point. Unknown keys are refused so a typo never silently changes a payout.
 */
public final class CampaignYaml {
    /** A definition is a few hundred bytes; this bounds what an HTTP body or file may make us parse. */
    public static final int TEXT_CHARS_MAX = 64 * 1024;

    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private CampaignYaml() {}

    /** Parses and validates; a {@link LedgerException.Invalid} says which field is wrong and why. */
    public static Campaign parse(String text) {
        ObjectNode root = tree(text);
        if (!KIND_HOLD.equals(kindOf(root)))
            throw new LedgerException.Invalid("campaign: kind '" + kindOf(root) + "' is not a hold-to-earn campaign");
        try {
            return read(root);
        } catch (IllegalArgumentException e) {
            throw new LedgerException.Invalid("campaign: " + e.getMessage());
        }
    }

    /** {@code kind:} of a definition: absent means {@value #KIND_HOLD}. */
    public static final String KIND_HOLD = "hold";

    public static final String KIND_ROYALTY = "royalty";

    /** The kind a definition declares ({@value #KIND_HOLD} or {@value #KIND_ROYALTY}), so callers know which parser to use. */
    public static String kindOf(String text) {
        return kindOf(tree(text));
    }

    static String kindOf(ObjectNode root) {
        JsonNode kind = root.get("kind");
        if (kind == null || kind.isNull()) return KIND_HOLD;
        String k = kind.asText();
        if (!k.equals(KIND_HOLD) && !k.equals(KIND_ROYALTY))
            throw new LedgerException.Invalid("kind '" + k + "' must be hold or royalty");
        return k;
    }

    /** The definition as a YAML mapping, bounded and with a message naming the line of a syntax error. */
    static ObjectNode tree(String text) {
        if (text == null || text.isBlank()) throw new LedgerException.Invalid("the campaign definition is empty");
        if (text.length() > TEXT_CHARS_MAX)
            throw new LedgerException.Invalid("the campaign definition is over " + TEXT_CHARS_MAX + " characters");
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LedgerException.Invalid("the campaign definition is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject())
            throw new LedgerException.Invalid("the campaign definition must be a YAML mapping");
        return (ObjectNode) root;
    }

    private static Campaign read(ObjectNode root) {
        keys(
                root,
                "",
                Set.of(
                        "id",
                        "kind",
                        "asset",
                        "scale",
                        "window",
                        "basis",
                        "snapshots",
                        "dayCount",
                        "tiers",
                        "newUsers",
                        "pool"));
        String asset = text(root, "asset");
        int scale = integer(root, "scale");
        if (scale < 0 || scale > Campaign.SCALE_MAX)
            throw new LedgerException.Invalid("scale must be 0.." + Campaign.SCALE_MAX + ", was " + scale);
        JsonNode window = object(root, "window");
        keys(window, "window.", Set.of("start", "end"));
        Instant start = instant(window, "window.start");
        Instant end = instant(window, "window.end");
        Basis basis;
        try {
            basis = Basis.parse(text(root, "basis"));
        } catch (IllegalArgumentException e) {
            throw new LedgerException.Invalid("basis: " + e.getMessage());
        }
        List<LocalTime> snapshots = new ArrayList<>();
        JsonNode snaps = root.get("snapshots");
        if (snaps != null && !snaps.isNull()) {
            if (!snaps.isArray()) throw new LedgerException.Invalid("snapshots must be a list of \"HH:MM\" UTC times");
            for (JsonNode s : snaps) {
                try {
                    snapshots.add(LocalTime.parse(s.asText()));
                } catch (DateTimeParseException e) {
                    throw new LedgerException.Invalid(
                            "snapshots: '" + s.asText() + "' is not a time of day like \"06:00\"");
                }
            }
        }
        int dayCount = integer(root, "dayCount");
        JsonNode tierList = root.get("tiers");
        if (tierList == null || !tierList.isArray() || tierList.isEmpty())
            throw new LedgerException.Invalid("tiers must be a non-empty list");
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < tierList.size(); i++) {
            JsonNode t = tierList.get(i);
            String at = "tiers[" + i + "].";
            if (!t.isObject())
                throw new LedgerException.Invalid(
                        at.substring(0, at.length() - 1) + " must be a mapping with upTo and apr");
            keys(t, at, Set.of("upTo", "apr"));
            BigInteger upTo = t.hasNonNull("upTo") ? minor(decimal(t, "upTo", at + "upTo"), scale, at + "upTo") : null;
            BigDecimal apr = decimal(t, "apr", at + "apr");
            if (apr.signum() < 0) throw new LedgerException.Invalid(at + "apr must not be negative");
            tiers.add(
                    new Tier(upTo, apr.stripTrailingZeros().scale() < 0 ? apr.setScale(0) : apr.stripTrailingZeros()));
        }
        NewUserBonus bonus = null;
        JsonNode newUsers = root.get("newUsers");
        if (newUsers != null && !newUsers.isNull()) {
            keys(newUsers, "newUsers.", Set.of("bonus", "minBasis"));
            JsonNode b = object(newUsers, "bonus");
            keys(b, "newUsers.bonus.", Set.of("asset", "amount", "scale", "pool"));
            int bonusScale = integer(b, "scale");
            if (bonusScale < 0 || bonusScale > Campaign.SCALE_MAX)
                throw new LedgerException.Invalid("newUsers.bonus.scale must be 0.." + Campaign.SCALE_MAX);
            BigInteger amount =
                    minor(decimal(b, "amount", "newUsers.bonus.amount"), bonusScale, "newUsers.bonus.amount");
            if (amount.signum() <= 0) throw new LedgerException.Invalid("newUsers.bonus.amount must be positive");
            BigInteger pool = minor(decimal(b, "pool", "newUsers.bonus.pool"), bonusScale, "newUsers.bonus.pool");
            if (pool.signum() < 0) throw new LedgerException.Invalid("newUsers.bonus.pool must not be negative");
            BigInteger minBasis = minor(decimal(newUsers, "minBasis", "newUsers.minBasis"), scale, "newUsers.minBasis");
            if (minBasis.signum() <= 0) throw new LedgerException.Invalid("newUsers.minBasis must be positive");
            bonus = new NewUserBonus(text(b, "asset"), bonusScale, amount, pool, minBasis);
        }
        JsonNode pool = object(root, "pool");
        keys(pool, "pool.", Set.of("cap"));
        BigInteger cap = minor(decimal(pool, "cap", "pool.cap"), scale, "pool.cap");
        return new Campaign(text(root, "id"), asset, scale, start, end, basis, snapshots, dayCount, tiers, bonus, cap);
    }

    /** The canonical JSON of a definition: the YAML schema with amounts as decimal strings in units. */
    public static String canonicalJson(Campaign c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", c.id());
        root.put("asset", c.asset());
        root.put("scale", c.scale());
        ObjectNode window = root.putObject("window");
        window.put("start", c.windowStart().toString());
        window.put("end", c.windowEnd().toString());
        root.put("basis", c.basis().wireName());
        ArrayNode snaps = root.putArray("snapshots");
        c.snapshots().forEach(t -> snaps.add(t.toString()));
        root.put("dayCount", c.dayCount());
        ArrayNode tiers = root.putArray("tiers");
        for (Tier t : c.tiers()) {
            ObjectNode n = tiers.addObject();
            if (t.upToMinor() != null) n.put("upTo", units(t.upToMinor(), c.scale()));
            n.put("apr", t.apr().toPlainString());
        }
        if (c.bonus() != null) {
            NewUserBonus b = c.bonus();
            ObjectNode nu = root.putObject("newUsers");
            ObjectNode bn = nu.putObject("bonus");
            bn.put("asset", b.asset());
            bn.put("amount", units(b.amountMinor(), b.scale()));
            bn.put("scale", b.scale());
            bn.put("pool", units(b.poolMinor(), b.scale()));
            nu.put("minBasis", units(b.minBasisMinor(), c.scale()));
        }
        root.putObject("pool").put("cap", units(c.poolCapMinor(), c.scale()));
        return root.toString();
    }

    /** Minor units as a plain decimal string in units ({@code 1500000} at scale 6 is {@code "1.5"}). */
    public static String units(BigInteger minor, int scale) {
        BigDecimal d = new BigDecimal(minor, scale).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }

    /** A decimal amount in units as minor units at {@code scale}; refuses digits below the minor unit. */
    public static BigInteger minor(BigDecimal units, int scale, String field) {
        BigDecimal shifted = units.movePointRight(scale);
        try {
            return shifted.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new LedgerException.Invalid(field + " '" + units.toPlainString() + "' has more than " + scale
                    + " decimals (the asset's scale); it cannot be represented in minor units");
        }
    }

    static void keys(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new LedgerException.Invalid("unknown key '" + prefix + k + "': expected one of "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    static JsonNode object(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) throw new LedgerException.Invalid(field + " is required and must be a mapping");
        return n;
    }

    static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isValueNode() || n.isNull()) throw new LedgerException.Invalid(field + " is required");
        return n.asText();
    }

    static int integer(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) throw new LedgerException.Invalid(field + " is required");
        if (n.isIntegralNumber() && n.canConvertToInt()) return n.intValue();
        if (n.isTextual() && n.asText().matches("-?\\d{1,9}")) return Integer.parseInt(n.asText());
        throw new LedgerException.Invalid(field + " must be an integer, was '" + n.asText() + "'");
    }

    static Instant instant(JsonNode parent, String field) {
        String s = text(parent, field.substring(field.lastIndexOf('.') + 1));
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new LedgerException.Invalid(
                    field + " '" + s + "' is not an ISO-8601 UTC instant like 2026-12-03T02:00:00Z");
        }
    }

    static BigDecimal decimal(JsonNode parent, String key, String field) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) throw new LedgerException.Invalid(field + " is required");
        if (n.isIntegralNumber()) return new BigDecimal(n.bigIntegerValue());
        if (n.isNumber()) {
            throw new LedgerException.Invalid(field + " is a bare YAML float (" + n.asText()
                    + "), which YAML reads as binary floating point;" + " quote it: \"" + n.asText() + "\"");
        }
        String s = n.asText().trim();
        if (!s.matches("-?\\d{1,30}(\\.\\d{1,30})?")) {
            throw new LedgerException.Invalid(
                    field + " '" + s + "' must be a decimal number like \"10000\" or \"0.29\"");
        }
        return new BigDecimal(s);
    }
}
