package io.redline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redline.policy.DefaultPolicy;
import io.redline.policy.Policy;
import io.redline.store.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live-chat fast path on a real broker: allowed lines leave nothing, a phrase split over lines is caught. */
class LiveWorkerTest {
    static final Policy POLICY = DefaultPolicy.load();
    static KafkaFixture kafka;

    @BeforeAll
    static void broker() {
        kafka = new KafkaFixture();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void allowedLinesLeaveNoTraceAndAContactSplitOverThreeLinesIsBlocked() throws Exception {
        KafkaFixture.Scenario s = kafka.scenario();
        try (LiveWorker live = new LiveWorker(
                                s.settings(), () -> KafkaFixture.SCREENER, () -> POLICY, new SimpleMeterRegistry())
                        .start();
                var producer = s.producer()) {
            String topic = s.settings().topics().live();
            String[][] lines = {
                {"s1", "fan", "主播好美", "m1"},
                {"s1", "spam", "加", "m2"},
                {"s1", "fan", "今天唱什么", "m3"},
                {"s1", "spam", "微", "m4"},
                {"s2", "spam", "信", "m5"}, // another stream: no context with s1
                {"s1", "spam", "信 xiaomei_8866", "m6"},
            };
            for (String[] l : lines) {
                String json = "{\"streamId\":\"" + l[0] + "\",\"authorId\":\"" + l[1] + "\",\"text\":\"" + l[2]
                        + "\",\"messageId\":\"" + l[3] + "\"}";
                producer.send(new ProducerRecord<>(topic, l[0], json.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            Eventually.until("every line screened", Duration.ofSeconds(60), () -> live.screenedCount() == lines.length);
            List<ConsumerRecord<String, String>> verdicts =
                    s.read(s.settings().topics().liveVerdicts(), 1, Duration.ofSeconds(30));
            assertThat(verdicts).hasSize(1);
            JsonNode v = new ObjectMapper().readTree(verdicts.get(0).value());
            assertThat(v.get("messageId").asText()).isEqualTo("m6");
            assertThat(v.get("action").asText()).isEqualTo("block");
            assertThat(v.get("context").asBoolean()).isTrue();
            assertThat(live.flaggedCount()).isEqualTo(1);
        }
    }

    @Test
    void contextIsBoundedPerAuthorAndStream() {
        StreamContext c = new StreamContext(2);
        for (int i = 0; i < 10; i++) c.window("s", "a", "line" + i);
        assertThat(c.window("s", "a", "now")).isEqualTo("line5\nline6\nline7\nline8\nline9\nnow");
        c.window("s", "b", "x");
        c.window("t", "a", "y");
        assertThat(c.size()).isEqualTo(2); // the least recently active pair was dropped
        assertThat(c.window("s", "a", "z".repeat(1_000))).hasSize(StreamContext.CHARS_MAX);
    }
}
