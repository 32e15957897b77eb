package io.redline.media;

import java.util.List;
import java.util.Map;

/**
 * What we could read of a C2PA manifest store without validating its signatures (presence is
 * a signal, not a proof; see docs/aigc-labels.md).
 *
 * @param where carrier and offset, e.g. "PNG caBX chunk at byte 33"
 * @param storeBytes size of the JUMBF store
 * @param parsed false when the store was over the metadata limit or its boxes/CBOR could not
 *     be decoded; the string fields below may then come from a bounded byte scan or be null
 * @param claimGenerator claim_generator, or the names in claim_generator_info, or null
 * @param digitalSourceType first digitalSourceType of a c2pa.actions assertion, or null
 * @param trainingMining the training-and-data-mining assertions found (c2pa.* and cawg.*)
 */
public record C2paInfo(
        String where,
        long storeBytes,
        boolean parsed,
        String claimGenerator,
        String digitalSourceType,
        List<TrainingMining> trainingMining) {

    public C2paInfo {
        trainingMining = List.copyOf(trainingMining);
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
}
