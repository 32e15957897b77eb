package io.redline.media;

import java.util.List;
import java.util.Map;

/**
 * What we read of a C2PA manifest store. The string fields describe the <em>active</em>
 * manifest (the last one in the store, the one that speaks for the file as it is now); the
 * manifests of ingredients are listed separately in {@code ingredients} and never decide the
 * mark. Whether the active manifest is intact and signed is in {@code validation}.
 *
 * @param where carrier and offset, e.g. "PNG caBX chunk at byte 33"
 * @param storeBytes size of the JUMBF store
 * @param parsed false when the store was over the store limit or its boxes/CBOR could not
 *     be decoded; the string fields below may then come from a bounded byte scan or be null
 * @param claimGenerator the active claim's claim_generator, or the names in
 *     claim_generator_info, or null
 * @param digitalSourceType first digitalSourceType of the active manifest's c2pa.actions, or null
 * @param trainingMining the active manifest's training-and-data-mining assertions (c2pa.* and cawg.*)
 * @param activeManifest the active manifest's label (e.g. "urn:uuid:…"), or null
 * @param ingredients the other manifests in the store, in store order
 * @param validation hard binding and signature of the active manifest
 */
public record C2paInfo(
        String where,
        long storeBytes,
        boolean parsed,
        String claimGenerator,
        String digitalSourceType,
        List<TrainingMining> trainingMining,
        String activeManifest,
        List<Ingredient> ingredients,
        C2paValidation validation) {

    public C2paInfo {
        trainingMining = List.copyOf(trainingMining);
        ingredients = List.copyOf(ingredients);
    }

    /**
     * One training-mining assertion.
     *
     * @param label "c2pa.training-mining" or "cawg.training-mining" (versioned labels kept as-is)
     * @param uses entry name (e.g. "c2pa.ai_generative_training") to its use
     *     ("allowed", "notAllowed", "constrained")
     */
    public record TrainingMining(String label, Map<String, String> uses) {
        public TrainingMining {
            uses = Map.copyOf(uses);
        }
    }

    /**
     * A manifest in the store that is not the active one: the credential of an ingredient
     * (a parent the file was edited from, or a component composited into it).
     *
     * @param manifest its label
     * @param claimGenerator its claim generator, or null
     * @param digitalSourceType its first digitalSourceType, or null
     */
    public record Ingredient(String manifest, String claimGenerator, String digitalSourceType) {}
}
