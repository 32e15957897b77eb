package io.redline.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redline.ledger.engine.Campaign;
import io.redline.ledger.engine.RoyaltyCampaign;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Set;

/**
 * Reads a royalty campaign definition (YAML, {@code kind: royalty}, documented in
 * docs/campaigns.md) and writes its canonical JSON. Same rules as {@link CampaignYaml}: amounts
 * are decimal strings or integers, never bare floats; unknown keys are refused.
 */
public final class RoyaltyYaml {
    private RoyaltyYaml() {}

    public static RoyaltyCampaign parse(String text) {
        ObjectNode root = CampaignYaml.tree(text);
        if (!CampaignYaml.KIND_ROYALTY.equals(CampaignYaml.kindOf(root)))
            throw new LedgerException.Invalid("royalty campaign: kind must be royalty");
        CampaignYaml.keys(root, "", Set.of("id", "kind", "asset", "scale", "window", "dailyPool", "credits"));
        int scale = CampaignYaml.integer(root, "scale");
        if (scale < 0 || scale > Campaign.SCALE_MAX)
            throw new LedgerException.Invalid("scale must be 0.." + Campaign.SCALE_MAX + ", was " + scale);
        JsonNode window = CampaignYaml.object(root, "window");
        CampaignYaml.keys(window, "window.", Set.of("start", "end"));
        Instant start = CampaignYaml.instant(window, "window.start");
        Instant end = CampaignYaml.instant(window, "window.end");
        BigInteger dailyPool =
                CampaignYaml.minor(CampaignYaml.decimal(root, "dailyPool", "dailyPool"), scale, "dailyPool");
        String credits = root.hasNonNull("credits") ? CampaignYaml.text(root, "credits") : UsageCredits.IMPORTED;
        try {
            return new RoyaltyCampaign(
                    CampaignYaml.text(root, "id"),
                    CampaignYaml.text(root, "asset"),
                    scale,
                    start,
                    end,
                    dailyPool,
                    credits);
        } catch (IllegalArgumentException e) {
            throw new LedgerException.Invalid("royalty campaign: " + e.getMessage());
        }
    }

    /** The canonical JSON stored beside the campaign id (amounts as decimal strings in units). */
    public static String canonicalJson(RoyaltyCampaign c) {
        ObjectNode root = CampaignYaml.JSON.createObjectNode();
        root.put("id", c.id());
        root.put("kind", CampaignYaml.KIND_ROYALTY);
        root.put("asset", c.asset());
        root.put("scale", c.scale());
        ObjectNode window = root.putObject("window");
        window.put("start", c.windowStart().toString());
        window.put("end", c.windowEnd().toString());
        root.put("dailyPool", CampaignYaml.units(c.dailyPoolMinor(), c.scale()));
        root.put("credits", c.credits());
        return root.toString();
    }
}
