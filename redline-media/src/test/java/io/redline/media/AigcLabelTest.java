package io.redline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.vocabulary.AiMark;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AigcLabelTest {

    @Test
    void serialisesTheBareFormWithTheSevenKeysInStandardOrder() {
        assertThat(TestFiles.PRODUCED.toJson())
                .isEqualTo("{\"Label\":\"1\","
                        + "\"ContentProducer\":\"CN-PRODUCER-001\",\"ProduceID\":\"gen-2025-0001\","
                        + "\"ReservedCode1\":\"sig-abc\",\"ContentPropagator\":\"\",\"PropagateID\":\"\","
                        + "\"ReservedCode2\":\"\"}");
    }

    @Test
    void parsesTheBareAndTheWrappedForms() throws Exception {
        String bare = TestFiles.PRODUCED.toJson();
        assertThat(AigcLabel.parse(bare)).isEqualTo(TestFiles.PRODUCED);
        assertThat(AigcLabel.parse("{\"AIGC\":" + bare + "}")).isEqualTo(TestFiles.PRODUCED);
        assertThat(AigcLabel.parse(" {\"AIGC\" : " + bare + " }\u0000\u0000")).isEqualTo(TestFiles.PRODUCED);
    }

    @Test
    void parsesAWrapperWhoseValueIsTheJsonAsAString() throws Exception {
        String quoted = TestFiles.PRODUCED.toJson().replace("\"", "\\\"");
        assertThat(AigcLabel.parse("{\"AIGC\":\"" + quoted + "\"}")).isEqualTo(TestFiles.PRODUCED);
    }

    @Test
    void toleratesMissingAndUnknownKeysAndNumericValues() throws Exception {
        AigcLabel l = AigcLabel.parse("{\"Label\":1,\"ContentProducer\":\"P\",\"Extra\":\"x\"}");
        assertThat(l.label()).isEqualTo("1");
        assertThat(l.kind()).isEqualTo(AigcLabel.Kind.AI_GENERATED);
        assertThat(l.produceId()).isEmpty();
    }

    @Test
    void refusesDuplicateKeysDeepNestingArraysAndGarbage() {
        assertThatThrownBy(() -> AigcLabel.parse("{\"Label\":\"1\",\"Label\":\"3\"}"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> AigcLabel.parse("{\"AIGC\":{\"Label\":{\"x\":\"1\"}}}"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("nested");
        assertThatThrownBy(() -> AigcLabel.parse("{\"Label\":[\"1\"]}"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("arrays");
        assertThatThrownBy(() -> AigcLabel.parse("{\"Label\":\"1\"} trailing"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("after the JSON");
        assertThatThrownBy(() -> AigcLabel.parse("{\"Other\":\"1\"}"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("none of the keys");
        assertThatThrownBy(() -> AigcLabel.parse("{\"Label\":\"1"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> AigcLabel.parse("{\"Label\":\"\\u+1ab\"}"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("bad \\u escape");
        assertThatThrownBy(() -> AigcLabel.parse("{\"Label\":1-2}"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("malformed number");
    }

    @Test
    void addingPropagatorFieldsKeepsTheProducerFields() {
        AigcLabel p = TestFiles.PRODUCED.withPropagator("CN-PLATFORM-9", "note-42");
        assertThat(p.label()).isEqualTo("1");
        assertThat(p.contentProducer()).isEqualTo("CN-PRODUCER-001");
        assertThat(p.produceId()).isEqualTo("gen-2025-0001");
        assertThat(p.reservedCode1()).isEqualTo("sig-abc");
        assertThat(p.contentPropagator()).isEqualTo("CN-PLATFORM-9");
        assertThat(p.propagateId()).isEqualTo("note-42");
    }

    @Test
    void aPlatformLabelWithoutAnExistingOneFollowsTheMark() {
        assertThat(AigcLabel.forPropagation(null, AiMark.POSSIBLE, "PLAT", "id").label())
                .isEqualTo("2");
        assertThat(AigcLabel.forPropagation(null, AiMark.SUSPECTED, "PLAT", "id")
                        .label())
                .isEqualTo("3");
        assertThat(AigcLabel.forPropagation(TestFiles.PRODUCED, AiMark.NONE, "PLAT", "id")
                        .contentProducer())
                .isEqualTo("CN-PRODUCER-001");
        assertThatThrownBy(() -> AigcLabel.forPropagation(null, AiMark.NONE, "PLAT", "id"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 2000)
    void parsingArbitraryTextFailsOnlyWithATypedException(
            @ForAll
                    @Chars({
                        '{', '}', '"', ':', ',', '\\', 'u', '0', '1', '-', '.', 'e', 'A', 'I', 'G', 'C', 'L', 'a', 'b',
                        'l', 'n', 't', 'r', 'f', '[', ' '
                    })
                    @StringLength(max = 60)
                    String text) {
        try {
            AigcLabel.parse(text);
        } catch (MediaFormatException expected) {
            assertThat(expected.getMessage()).startsWith("AIGC");
        }
    }

    @Property(tries = 300)
    void anyFieldValuesSurviveSerialisation(@ForAll String a, @ForAll String b, @ForAll String c) throws Exception {
        AigcLabel l = new AigcLabel("1", a, b, c, "PLAT", a + b, "");
        assertThat(AigcLabel.parse(l.toJson())).isEqualTo(l);
    }
}
