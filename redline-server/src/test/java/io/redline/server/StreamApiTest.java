package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.store.StoreConfig;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Live-chat items that name their stream are decided with the author's earlier lines, through the API. */
class StreamApiTest {

    static JsonNode say(TestServer s, String author, String stream, String text) {
        HttpResponse<String> r = s.post(
                "/v1/contents?wait=true",
                Role.SERVICE,
                "{\"surface\":\"live\",\"authorId\":\"" + author + "\",\"streamId\":\"" + stream + "\",\"text\":\""
                        + text + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r);
    }

    @ParameterizedTest
    @MethodSource("io.redline.server.ContentApiTest#stores")
    void aContactSplitOverFiveChatLinesIsBlockedOnTheLastWithTheEarlierLinesNamed(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            List<JsonNode> lines = new ArrayList<>();
            for (String piece : List.of("加", "我", "V", "abc", "123")) lines.add(say(s, "u1", "room-1", piece));
            for (JsonNode l : lines.subList(0, 4)) {
                assertThat(l.path("streamId").asText()).isEqualTo("room-1");
                assertThat(l.path("decision").path("action").asText()).isEqualTo("allow");
            }
            JsonNode d = lines.get(4).path("decision");
            assertThat(d.path("action").asText()).isEqualTo("block");
            assertThat(d.path("ruleId").asText()).isEqualTo("drainage-chat-block");
            JsonNode hit = d.path("evidence").get(0);
            assertThat(hit.path("detector").asText()).isEqualTo("wechat");
            assertThat(hit.path("earlier")).hasSize(2);
            // The "V" cue, named without a span; then "abc", the start of the id.
            assertThat(hit.path("earlier").get(0).path("contentId").asText())
                    .isEqualTo(lines.get(2).path("id").asText());
            assertThat(hit.path("earlier").get(0).has("start")).isFalse();
            assertThat(hit.path("earlier").get(1).path("contentId").asText())
                    .isEqualTo(lines.get(3).path("id").asText());
            assertThat(hit.path("earlier").get(1).path("end").asInt()).isEqualTo(3);

            // Read back: the item keeps its stream, the decision its evidence.
            JsonNode read = TestServer.json(
                    s.get("/v1/contents/" + lines.get(4).path("id").asText(), Role.REVIEWER));
            assertThat(read.path("streamId").asText()).isEqualTo("room-1");
            assertThat(read.path("decision").path("evidence").get(0).path("earlier"))
                    .isEqualTo(hit.path("earlier"));

            // The same five lines by another author in another room, one line of it each: nothing.
            for (String piece : List.of("加", "我", "V", "abc", "123"))
                assertThat(say(s, "u-" + piece, "room-2", piece)
                                .path("decision")
                                .path("action")
                                .asText())
                        .isEqualTo("allow");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.server.ContentApiTest#stores")
    void aStreamIdOnANoteOrAnUnprintableOneIsAFieldErrorAndNothingIsStored(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            HttpResponse<String> note = s.post(
                    "/v1/contents",
                    Role.SERVICE,
                    "{\"surface\":\"note\",\"authorId\":\"u1\",\"streamId\":\"room-1\",\"text\":\"hi\"}");
            HttpResponse<String> zeroWidth = s.post(
                    "/v1/contents",
                    Role.SERVICE,
                    "{\"surface\":\"live\",\"authorId\":\"u1\",\"streamId\":\"room\\u200b1\",\"text\":\"hi\"}");
            HttpResponse<String> number = s.post(
                    "/v1/contents",
                    Role.SERVICE,
                    "{\"surface\":\"live\",\"authorId\":\"u1\",\"streamId\":7,\"text\":\"hi\"}");
            for (HttpResponse<String> r : List.of(note, zeroWidth, number)) {
                assertThat(r.statusCode()).as(r.body()).isBetween(400, 422);
                assertThat(r.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(r.body()).contains("streamId");
            }
            assertThat(TestServer.json(s.get("/v1/contents", Role.SERVICE)).path("items"))
                    .isEmpty();
        }
    }
}
