package io.redline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages say everything the pages ask for. */
class MessagesTest {

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(keys("console/messages_zh.properties")).isEqualTo(keys("console/messages.properties"));
    }

    @Test
    void everyKeyATemplateOrPageUsesExists() throws IOException {
        Set<String> known = keys("console/messages.properties");
        Pattern literalKey = Pattern.compile("\\bt\\(\"([a-zA-Z.]+)\"");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(
                Files.walk(Path.of("src/main/jte/console")),
                Files.walk(Path.of("src/main/java/io/redline/server/console")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = literalKey.matcher(Files.readString(f));
                while (m.find()) {
                    String key = m.group(1);
                    if (!key.endsWith(".") && !known.contains(key))
                        missing.add(f.getFileName() + ": " + key); // "x." is a prefix
                }
            }
        }
        assertThat(missing).isEmpty();
        for (io.redline.identity.Role role : io.redline.identity.Role.values())
            assertThat(known).contains("role." + role.wireName());
        for (io.redline.vocabulary.Surface surface : io.redline.vocabulary.Surface.values())
            assertThat(known).contains("surface." + surface.wireName());
        for (io.redline.policy.Action action : io.redline.policy.Action.values())
            assertThat(known).contains("action." + action.code());
        for (String flash : new String[] {
            "decided",
            "escalated",
            "released",
            "queue_empty",
            "appealed",
            "policy_saved",
            "policy_activated",
            "bulk_decided",
            "none_selected"
        }) {
            assertThat(known).contains("flash." + flash);
        }
    }

    @Test
    void theLanguageIsTheCookiesThenTheBrowsersThenEnglish() {
        assertThat(Messages.choose("zh", "en-US")).isEqualTo("zh");
        assertThat(Messages.choose(null, "zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo("zh");
        assertThat(Messages.choose(null, "fr-FR, en;q=0.5")).isEqualTo("en");
        assertThat(Messages.choose("xx", "de")).isEqualTo("en");
        assertThat(Messages.choose(null, ";;;not a header")).isEqualTo("en");
        assertThat(Messages.of("zh").get("nav.queues")).isEqualTo("审核队列");
        assertThat(Messages.of("en").get("no.such.key")).isEqualTo("??no.such.key??");
    }

    private static Set<String> keys(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.stringPropertyNames());
    }
}
