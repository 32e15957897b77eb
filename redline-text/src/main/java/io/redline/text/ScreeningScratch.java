package io.redline.text;

import io.redline.text.detect.Detection;
import io.redline.text.detect.DetectorScratch;
import io.redline.text.match.PassScratch;
import java.util.ArrayList;

/**
 * Per-thread working memory of one screening, reused from call to call so the per-character path
 * allocates nothing: the pass's arrays, the detectors' memory and findings, the candidates and
 * their selection. Each part is named for what it holds.
 */
final class ScreeningScratch {
    final PassScratch pass = new PassScratch();
    final DetectorScratch detectorWork = new DetectorScratch();
    final ArrayList<Detection> detections = new ArrayList<>();
    final Candidates candidates = new Candidates();
    final HitSelection selection = new HitSelection();

    void clear() {
        pass.work = 0;
        detections.clear();
        candidates.clear();
        selection.clear();
    }
}
