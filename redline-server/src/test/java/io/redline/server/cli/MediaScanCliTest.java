package io.redline.server.cli;

import static io.redline.server.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.server.PictureScanApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redline media scan FILE... --format jsonl}: one JSON line per file, in the shape issue #16 gives. */
class MediaScanCliTest {
    @TempDir
    Path dir;

    @Test
    void eachFileGetsOneLineWithCodesTextAndHitsAndAnUnreadableFileAnError() throws Exception {
        Path picture = dir.resolve("note-9.jpg");
        Files.write(picture, PictureScanApiTest.notePicture());
        Path broken = dir.resolve("broken.png");
        Files.write(broken, Arrays.copyOf(Files.readAllBytes(picture), 10));

        CliTest.Run r = run("", "media", "scan", picture.toString(), broken.toString(), "--format", "jsonl");

        assertThat(r.exit()).as(r.err()).isEqualTo(1); // one file could not be read
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("file", "codes", "text", "hits");
        assertThat(first.path("file").asText()).isEqualTo(picture.toString());
        JsonNode code = first.path("codes").get(0);
        assertThat(code.fieldNames()).toIterable().containsExactly("payload", "kind", "box");
        assertThat(code.path("payload").asText()).isEqualTo("https://u.wechat.com/MDx7a9Kq-3fZ1mQ");
        assertThat(code.path("kind").asText()).isEqualTo("wechat_personal");
        assertThat(first.path("text").asText()).contains("13800138000");
        JsonNode hit = null;
        for (JsonNode h : first.path("hits")) if (h.path("detector").asText().equals("phone")) hit = h;
        assertThat(hit).as(lines.get(0)).isNotNull();
        assertThat(hit.fieldNames()).toIterable().containsExactly("category", "detector", "term", "box", "confidence");
        assertThat(hit.path("category").asText()).isEqualTo("drainage");
        assertThat(hit.path("detector").asText()).isEqualTo("phone");
        assertThat(hit.path("box")).hasSize(4);

        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.path("file").asText()).isEqualTo(broken.toString());
        assertThat(second.path("error").asText()).isNotBlank();
    }
}
