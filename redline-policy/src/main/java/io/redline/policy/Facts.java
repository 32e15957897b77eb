package io.redline.policy;

import io.redline.vocabulary.DetectorIds;
import java.util.List;
import java.util.Map;

/**
 * One input prepared for evaluation: each hit's category and detector resolved to small integer
 * ids once, so that rules compare ints instead of strings however many rules look at the hits.
 */
final class Facts {
    final PolicyInput input;
    final int hitCount;
    final int[] categoryIds;
    final int[] detectorIds;
    final int[] severities;

    Facts(PolicyInput input, Map<String, Integer> categoryIdsByName) {
        this.input = input;
        List<HitFact> hits = input.hits();
        this.hitCount = hits.size();
        this.categoryIds = new int[hitCount];
        this.detectorIds = new int[hitCount];
        this.severities = new int[hitCount];
        for (int i = 0; i < hitCount; i++) {
            HitFact hit = hits.get(i);
            Integer id = categoryIdsByName.get(hit.category());
            categoryIds[i] = id == null ? -1 : id;
            detectorIds[i] = DetectorIds.indexOf(hit.detector());
            severities[i] = hit.severity();
        }
    }
}
