package io.redline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.identity.UserRequest;
import io.redline.review.tasks.ReviewTask;
import io.redline.server.TestServer;
import io.redline.store.TestDatabases;
import java.util.List;

/** A real server on SQLite plus helpers to seed content that needs review and console users. */
final class ConsoleFixture implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    final TestServer server = new TestServer(TestDatabases.sqliteConfig());

    /** A console user with {@link #PASSWORD}; creators are bound to the author of the same name. */
    void user(String username, Role role) {
        var users = server.server().users();
        server.server()
                .database()
                .jdbi()
                .useTransaction(h -> users.create(
                        h,
                        new UserRequest(username, role, role == Role.CREATOR ? username : null, username),
                        PASSWORD.toCharArray(),
                        "test"));
    }

    /** Submits content (decided while waiting) that the default policy sends to review, and waits for its task. */
    ReviewTask reviewItem(String author, String title, String text) {
        String body = "{\"surface\":\"note\",\"authorId\":" + json(author) + ",\"title\":" + json(title) + ",\"text\":"
                + json(text) + "}";
        JsonNode created = TestServer.json(server.post("/v1/contents?wait=true", Role.SERVICE, body));
        assertThat(created.path("decision").path("action").asText())
                .as(created.toString())
                .isEqualTo("review");
        long id = created.path("id").asLong();
        return TestServer.eventually("a review task for content " + id, () -> {
            List<ReviewTask> tasks = server.server().tasks().tasksOf(id);
            return tasks.isEmpty() ? null : tasks.get(0);
        });
    }

    String url() {
        return server.url("");
    }

    static String json(String s) {
        try {
            return TestServer.JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
