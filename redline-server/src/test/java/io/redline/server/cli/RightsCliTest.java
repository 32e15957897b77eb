package io.redline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code redline rights copies}: one output line per input line, linking only copies of another author's earlier note. */
class RightsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "这家咖啡店真的太好用了，价格不到一百块。老板人超级好，下次还会再来。拍照非常出片，周末人特别多，记得提前预约。";

    private static String line(String id, String author, String text) throws Exception {
        return JSON.writeValueAsString(java.util.Map.of("id", id, "author", author, "text", text));
    }

    @Test
    void repostsByOtherAuthorsAreLinkedToTheEarlierNoteWithTheirSimilarity() throws Exception {
        String input = String.join(
                        "\n",
                        line("n1", "alice", NOTE),
                        line("n2", "bob", "拍照非常出片，周末人特别多，记得提前预约！！😍 這家咖啡店真的太好用了，价格不到一百块。老板人超级好，下次还会再来 #探店#"),
                        line("n3", "alice", NOTE),
                        line("n4", "carol", "今天的晚饭是番茄炒蛋和米饭，简单又好吃。"))
                + "\n";
        Path file = Files.createTempFile("notes", ".jsonl");
        Files.writeString(file, input);
        for (String[] args : List.of(
                new String[] {"rights", "copies", "--input", file.toString()},
                new String[] {"rights", "copies", "--input", "-"})) {
            CliTest.Run r = CliTest.run(input, args);
            assertThat(r.exit()).as(r.err()).isZero();
            List<JsonNode> out = r.out()
                    .lines()
                    .map(l -> {
                        try {
                            return JSON.readTree(l);
                        } catch (Exception e) {
                            throw new AssertionError(l, e);
                        }
                    })
                    .toList();
            assertThat(out).hasSize(4);
            assertThat(out.get(0).path("copyOf").isNull()).isTrue();
            assertThat(out.get(0).path("similarity").isNull()).isTrue();
            assertThat(out.get(1).path("id").asText()).isEqualTo("n2");
            assertThat(out.get(1).path("copyOf").asText()).isEqualTo("n1");
            assertThat(out.get(1).path("similarity").asDouble()).isBetween(0.6, 1.0);
            assertThat(out.get(2).path("copyOf").isNull())
                    .as("alice re-posting her own note is not a copy of bob's copy of it")
                    .isTrue();
            assertThat(out.get(3).path("copyOf").isNull()).isTrue();
        }
    }

    @Test
    void aMalformedLineStopsTheRunWithItsLineNumber() {
        CliTest.Run r = CliTest.run(
                "{\"id\":\"a\",\"author\":\"x\",\"text\":\"t\"}\n{\"id\":\"b\",\"text\":\"t\"}\n",
                "rights",
                "copies",
                "--input",
                "-");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.err()).contains("line 2").contains("author");
        assertThat(CliTest.run("not json\n", "rights", "copies", "--input", "-").err())
                .contains("line 1: not JSON");
        assertThat(CliTest.run("", "rights", "copies", "--input", "/nonexistent.jsonl")
                        .err())
                .contains("no such file");
        CliTest.Run dup = CliTest.run(
                "{\"id\":\"a\",\"author\":\"x\",\"text\":\"t\"}\n{\"id\":\"a\",\"author\":\"y\",\"text\":\"t\"}\n",
                "rights",
                "copies",
                "--input",
                "-");
        assertThat(dup.err()).contains("line 2").contains("earlier line");
    }
}
