package io.redline.rights.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The LSH walk against a plain model of what it is specified to return: per band, the newest
 * {@link CopyIndex#CHAIN_STEPS_MAX} items in the query's bucket, of those the ones whose band
 * agrees and whose author is not excluded, each once, kept at the threshold, best first. Crowds of
 * template-sharing notes longer than the step bound make the walk's shortcuts (the seen set
 * before the signature read) matter.
 */
class CopyIndexWalkProperties {
    @Property(tries = 25)
    void theWalkReturnsExactlyWhatTheModelOfItsChainsReturns(
            @ForAll @IntRange(min = 0, max = 1 << 20) int seed, @ForAll @IntRange(min = 50, max = 900) int items) {
        Random random = new Random(seed);
        CopyParams params = CopyParams.DEFAULT;
        // From 16 items up the index grows (relinking every item) during the adds, from 1,024 it does not.
        CopyIndex index = new CopyIndex(params, random.nextBoolean() ? 16 : 1024);
        String[] templates = {"关注我每天分享好物。点赞收藏不迷路。", "姐妹们冲！链接在评论区。今天的穿搭分享。", ""};
        List<char[]> signatures = new ArrayList<>();
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            String template = templates[random.nextInt(templates.length)];
            String text = random.nextInt(4) == 0 && !signatures.isEmpty()
                    ? Notes.substitute(template + Notes.note(new Random(random.nextInt(30)), 2), random, 3)
                    : template + Notes.note(random, 1 + random.nextInt(2));
            char[] signature = index.signature(text);
            String author = "a" + random.nextInt(40);
            index.add("n" + i, author, signature);
            signatures.add(signature);
            authors.add(author);
        }
        for (int q = 0; q < 30; q++) {
            String query = templates[random.nextInt(templates.length)]
                    + Notes.note(new Random(random.nextInt(30)), 1 + random.nextInt(2));
            char[] signature = index.signature(query);
            String excluded = random.nextBoolean() ? "a" + random.nextInt(40) : null;
            List<String> model = model(index, params, signatures, authors, signature, excluded);
            assertThat(index.lookup(signature, excluded))
                    .extracting(CopyMatch::id)
                    .containsExactlyElementsOf(model);
        }
    }

    /**
     * Crowds shorter and longer than the step bound in many bands at once, each item agreeing with
     * the query in its own band only, so every band's walk decides alone which of its items are
     * found. Only the items at the edge of the bound (and the oldest of each crowd) agree enough to
     * match, so a walk that took one step too few or too many in any band (say, after another
     * band's chain ended) returns something else than the model.
     */
    @Property(tries = 10)
    void everyBandIsWalkedToItsStepBoundWhenManyBandsHoldCrowds(
            @ForAll @IntRange(min = 0, max = 1 << 20) int seed, @ForAll @IntRange(min = 1, max = 12) int crowds) {
        Random random = new Random(seed);
        CopyParams params = CopyParams.DEFAULT;
        int rows = params.rows();
        int bound = CopyIndex.CHAIN_STEPS_MAX;
        // From 16 items up the index grows (relinking every item) during the adds, from 8,192 it does not.
        CopyIndex index = new CopyIndex(params, random.nextBoolean() ? 16 : 8192);
        char[] query = new char[params.hashes()];
        for (int i = 0; i < query.length; i++) query[i] = (char) random.nextInt(MinHash.EMPTY);
        int[] sizes = new int[params.bands()];
        List<Integer> owners = new ArrayList<>(); // per item, the one band it agrees in
        for (int c = 0; c < crowds; c++) {
            int band = random.nextInt(params.bands());
            int size = random.nextBoolean() ? 1 + random.nextInt(bound) : bound + 1 + random.nextInt(40);
            sizes[band] += size;
            for (int i = 0; i < size; i++) owners.add(band);
        }
        Collections.shuffle(owners, random);
        int[] ordinals = new int[params.bands()];
        List<char[]> signatures = new ArrayList<>();
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            int band = owners.get(i);
            int age = ordinals[band]++; // 0 = the oldest of its crowd
            int edge = sizes[band] - bound; // the oldest a walk reaches (without bucket collisions)
            boolean matches = age < 3 || Math.abs(age - edge) <= 3;
            // Off in one row of every other band: 81 positions agree; in three: 43, under the threshold.
            char[] item = query.clone();
            for (int b = 0; b < params.bands(); b++) {
                if (b == band) continue;
                int skip = random.nextInt(rows);
                for (int r = 0; r < (matches ? 1 : 3); r++) {
                    int row = b * rows + (skip + r) % rows;
                    item[row] = (char) (query[row] ^ (1 + random.nextInt(0x7FFF)));
                }
            }
            String author = "a" + random.nextInt(40);
            index.add("n" + i, author, item);
            signatures.add(item);
            authors.add(author);
        }
        String excluded = random.nextInt(4) == 0 ? "a" + random.nextInt(40) : null;
        assertThat(index.lookup(query, excluded))
                .extracting(CopyMatch::id)
                .containsExactlyElementsOf(model(index, params, signatures, authors, query, excluded));
    }

    /**
     * Items whose band shares the query's bucket and fingerprint but not its values ("twins") are
     * bucket collisions the fingerprint cannot tell apart; they agree with the query in enough
     * positions to pass the threshold, but in no whole band, so only a walk that took a fingerprint
     * match for a band match would return them.
     */
    @Property(tries = 10)
    void aFingerprintCollisionIsNeverTakenForABandMatch(
            @ForAll @IntRange(min = 0, max = 1 << 20) int seed, @ForAll @IntRange(min = 1, max = 20) int twins) {
        Random random = new Random(seed);
        CopyParams params = CopyParams.DEFAULT;
        int rows = params.rows();
        CopyIndex index = new CopyIndex(params, 1024); // no growth: buckets and fingerprints stay put
        char[] query = new char[params.hashes()];
        for (int i = 0; i < query.length; i++) query[i] = (char) random.nextInt(MinHash.EMPTY);
        List<String> genuine = new ArrayList<>();
        List<String> twinIds = new ArrayList<>();
        for (int i = 0; i < 2 * twins; i++) {
            boolean twin = i % 2 == 0;
            int band = random.nextInt(params.bands());
            // One row off in every other band: no other band agrees, yet 100 − 19 − 5 ≥ 60 positions do.
            char[] item = query.clone();
            for (int b = 0; b < params.bands(); b++) {
                if (b == band) continue;
                int row = b * rows + random.nextInt(rows);
                item[row] = (char) (query[row] ^ (1 + random.nextInt(0x7FFF)));
            }
            if (twin) {
                int bucket = index.bucketOf(query, band);
                int fingerprint = index.fingerprintOf(query, band);
                do {
                    for (int r = band * rows; r < (band + 1) * rows; r++)
                        item[r] = (char) random.nextInt(MinHash.EMPTY);
                } while (index.bucketOf(item, band) != bucket
                        || index.fingerprintOf(item, band) != fingerprint
                        || Arrays.equals(item, band * rows, (band + 1) * rows, query, band * rows, (band + 1) * rows));
            }
            String id = "n" + i;
            index.add(id, "a" + i, item);
            (twin ? twinIds : genuine).add(id);
        }
        List<String> exhaustive =
                index.lookupExhaustive(query, null).stream().map(CopyMatch::id).toList();
        assertThat(exhaustive).as("the twins pass the threshold").containsAll(twinIds);
        assertThat(index.lookup(query, null))
                .extracting(CopyMatch::id)
                .containsExactlyInAnyOrderElementsOf(genuine)
                .doesNotContainAnyElementsOf(twinIds);
    }

    private static List<String> model(
            CopyIndex index,
            CopyParams params,
            List<char[]> signatures,
            List<String> authors,
            char[] query,
            String excluded) {
        Set<Integer> taken = new LinkedHashSet<>();
        for (int band = 0; band < params.bands(); band++) {
            int bucket = index.bucketOf(query, band);
            int steps = 0;
            for (int item = signatures.size() - 1; item >= 0 && steps < CopyIndex.CHAIN_STEPS_MAX; item--) {
                char[] s = signatures.get(item);
                if (MinHash.isEmpty(s) || index.bucketOf(s, band) != bucket) continue;
                steps++;
                boolean sameBand = true;
                for (int r = band * params.rows(); r < (band + 1) * params.rows(); r++) sameBand &= s[r] == query[r];
                if (sameBand && !authors.get(item).equals(excluded)) taken.add(item);
            }
        }
        List<int[]> found = new ArrayList<>();
        for (int item : taken) {
            int agree = 0;
            for (int i = 0; i < query.length; i++) if (signatures.get(item)[i] == query[i]) agree++;
            if (agree >= params.threshold() * params.hashes() - 1e-9) found.add(new int[] {item, agree});
        }
        found.sort(Comparator.<int[]>comparingInt(f -> -f[1]).thenComparingInt(f -> f[0]));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < found.size() && i < CopyIndex.MATCHES_MAX; i++) ids.add("n" + found.get(i)[0]);
        return ids;
    }
}
