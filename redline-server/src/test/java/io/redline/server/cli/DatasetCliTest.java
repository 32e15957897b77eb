package io.redline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code redline rights dataset export}: a version directory, the same bytes for the same spec and time, exit 2 on bad input. */
class DatasetCliTest {
    @Test
    void exportWritesAVersionAndTheSameSpecAndTimeWriteTheSameBytes() throws Exception {
        Path dir = Files.createTempDirectory("redline-dataset-cli-");
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, """
                name: notes-q4
                surfaces: [note, comment]
                from: 2026-10-01T00:00:00Z
                until: 2027-01-01T00:00:00Z
                use: platform_models
                """);
        Path out = dir.resolve("out");
        String[] args = {
            "rights",
            "dataset",
            "export",
            "--spec",
            spec.toString(),
            "--out",
            out.toString(),
            "--at",
            "2026-12-01T00:00:00Z",
            "--data-dir",
            dir.resolve("data").toString()
        };
        CliTest.Run first = CliTest.run("", args);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("dataset notes-q4 version 20261201T000000000Z: 0 items");
        Path version = out.resolve("notes-q4").resolve("20261201T000000000Z");
        List<String> files = List.of("data-00000.jsonl", "manifest.jsonl", "card.json", "card.md");
        byte[][] before = new byte[files.size()][];
        for (int i = 0; i < files.size(); i++) before[i] = Files.readAllBytes(version.resolve(files.get(i)));
        assertThat(new String(before[2], java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"use\" : \"platform_models\"");

        CliTest.Run second = CliTest.run("", args);
        assertThat(second.exit()).as(second.err()).isZero();
        for (int i = 0; i < files.size(); i++)
            assertThat(Files.readAllBytes(version.resolve(files.get(i))))
                    .as(files.get(i))
                    .isEqualTo(before[i]);

        Files.writeString(spec, "name: notes-q4\nsurfaces: [note]\nfrom: tomorrow\n");
        CliTest.Run bad = CliTest.run("", args);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("from must be an ISO-8601 instant");
    }
}
