package io.redline.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.vocabulary.Actor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 300)
    void serialisationIsTheSameWhateverTheInsertionOrder(
            @ForAll("entries") List<Tuple.Tuple2<String, Object>> entries, @ForAll long seed) {
        Map<String, Object> inOrder = new LinkedHashMap<>();
        entries.forEach(t -> inOrder.put(t.get1(), t.get2()));
        List<Map.Entry<String, Object>> shuffled = new ArrayList<>(inOrder.entrySet());
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, Object> reordered = new LinkedHashMap<>();
        shuffled.forEach(e -> reordered.put(e.getKey(), e.getValue()));

        String canonical = CanonicalJson.write(inOrder);
        assertThat(CanonicalJson.write(reordered)).isEqualTo(canonical);
        assertThat(CanonicalJson.write(new java.util.TreeMap<>(inOrder))).isEqualTo(canonical);
    }

    @Property(tries = 300)
    void canonicalTextParsesBackToItself(@ForAll("entries") List<Tuple.Tuple2<String, Object>> entries)
            throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        entries.forEach(t -> map.put(t.get1(), t.get2()));
        String canonical = CanonicalJson.write(map);
        Map<String, Object> parsed = JSON.readValue(canonical, new TypeReference<>() {});
        assertThat(CanonicalJson.write(parsed)).isEqualTo(canonical);
        assertThat(CanonicalJson.write(JSON.readTree(canonical))).isEqualTo(canonical);
        assertThat(canonical).doesNotContain("\n", "\r", "\t");
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, Object>>> entries() {
        Arbitrary<String> text = Arbitraries.strings()
                .withCharRange('\u0000', '\u00ff')
                .withCharRange('\u4e00', '\u4e40')
                .withChars('"', '\\', '\u2028')
                .ofMaxLength(12);
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                text.map(s -> (Object) s),
                Arbitraries.longs()
                        .between(-CanonicalJson.INTEGER_MAX, CanonicalJson.INTEGER_MAX)
                        .map(l -> (Object) l),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        Arbitrary<Object> nested = Arbitraries.oneOf(
                leaf,
                leaf.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(text, leaf).ofMaxSize(4).map(m -> (Object) m));
        return Combinators.combine(text, nested)
                .as(Tuple::of)
                .list()
                .ofMaxSize(10)
                .uniqueElements(Tuple.Tuple2::get1);
    }

    @Test
    void keysSortByUtf16CodeUnitsAndStringsUseTheMinimalEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of("x\"\\/\b\f\n\r\t\u0001\u001f é 中 😀"));
        m.put("\uff5e", true); // after the supplementary character in UTF-16 order
        m.put("😀", false);
        m.put("A", null);
        assertThat(CanonicalJson.write(m))
                .isEqualTo(
                        "{\"A\":null,\"a\":[\"x\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f é 中 😀\"],\"b\":1,\"😀\":false,\"\uff5e\":true}");
    }

    @Test
    void integralNumbersOfAnyTypeWriteAsPlainIntegers() {
        assertThat(CanonicalJson.write(List.of(3.0, new BigDecimal("4.000"), BigInteger.TEN, (short) -2, 0.0f)))
                .isEqualTo("[3,4,10,-2,0]");
    }

    @Test
    void fractionsHugeNumbersAndUnsupportedTypesAreRefusedWithThePath() {
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("score", 0.5)))
                .hasMessageContaining("$.score: 0.5 is not an integer");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("n", List.of(1L << 53))))
                .hasMessageContaining("$.n[0]")
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("when", Instant.EPOCH)))
                .hasMessageContaining("$.when: values of type java.time.Instant are not supported");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("s", "bad \ud800 surrogate")))
                .hasMessageContaining("unpaired surrogate");
        Object deep = "leaf";
        for (int i = 0; i < 40; i++) deep = List.of(deep);
        Object tooDeep = deep;
        assertThatThrownBy(() -> CanonicalJson.write(tooDeep)).hasMessageContaining("nested deeper than 32");
    }

    @Test
    void eventsAreValidatedAtConstruction() {
        Actor actor = new Actor("tok_1", "admin");
        AuditEvent.Target target = new AuditEvent.Target("token", "t1");
        assertThatThrownBy(() -> AuditEvent.now(actor, "Token.Create", target, Map.of()))
                .hasMessageContaining("must look like 'token.create'");
        assertThatThrownBy(() -> AuditEvent.now(actor, "token", target, Map.of()))
                .hasMessageContaining("must look like");
        assertThatThrownBy(() -> new Actor("tok_1", "Admin")).hasMessageContaining("actor.role");
        assertThatThrownBy(() -> new AuditEvent.Target("token", " ")).hasMessageContaining("target.id");
        assertThatThrownBy(() -> AuditEvent.now(actor, "token.create", target, Map.of("blob", "x".repeat(70_000))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the limit of 65536");
        AuditEvent ok =
                new AuditEvent(actor, "content.decide", target, Instant.parse("2026-01-01T00:00:00.123456Z"), Map.of());
        assertThat(ok.occurredAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
        assertThat(ok.detailsJson()).isEqualTo("{}");
        AuditEvent fromJson = new AuditEvent(
                actor,
                "policy.activate",
                target,
                Instant.EPOCH,
                JSON.createObjectNode().put("z", 1).put("a", "x"));
        assertThat(fromJson.detailsJson()).isEqualTo("{\"a\":\"x\",\"z\":1}");
        assertThatThrownBy(
                        () -> new AuditEvent(actor, "policy.activate", target, Instant.EPOCH, JSON.createArrayNode()))
                .hasMessageContaining("details must be a JSON object");
    }

    @Test
    void theHashIsSha256OfPrevHashThenContentAsDocumented() {
        AuditEvent e = new AuditEvent(
                new Actor("tok_1", "admin"),
                "token.create",
                new AuditEvent.Target("token", "t1"),
                Instant.ofEpochMilli(1_700_000_000_000L),
                Map.of("role", "reviewer"));
        AuditEntry entry = new AuditEntry(1, e, HashChain.GENESIS_HASH, "");
        assertThat(entry.contentJson())
                .isEqualTo("{\"action\":\"token.create\",\"actor\":{\"id\":\"tok_1\",\"role\":\"admin\"},"
                        + "\"details\":{\"role\":\"reviewer\"},\"occurredAtMs\":1700000000000,\"seq\":1,"
                        + "\"target\":{\"id\":\"t1\",\"type\":\"token\"}}");
        // The same value docs/audit.md shows in its worked example (computed with sha256sum).
        assertThat(HashChain.hash(HashChain.GENESIS_HASH, entry.contentJson()))
                .isEqualTo("5cadaf9ee49e20f17ecdff0bfdd5db1deb9c1ef46aae9119633470e1ce219c87");
    }
}
