package io.redline.client;

import io.redline.client.api.DefaultApi;
import io.redline.client.model.Content;
import io.redline.client.model.Submission;
import io.redline.client.model.Surface;
import io.redline.client.model.Task;
import io.redline.server.GeneratedClientTest;
import java.util.List;
import java.util.Map;

/**
 * Calls Redline through the client openapi-generator made from /openapi.json; compiled by
 * GeneratedClientTest together with the generated sources (so only typed, generated methods and
 * models are used here, as a platform engineer would use them).
 */
public final class ThreeRoutes implements GeneratedClientTest.Calls {
    private final DefaultApi api;

    public ThreeRoutes(String baseUrl, String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        this.api = new DefaultApi(client);
    }

    @Override
    public Map<String, String> submitAndWait(String authorId, String text) {
        try {
            Content c = api.postContents(
                    new Submission().surface(Surface.NOTE).authorId(authorId).text(text), null, true);
            return Map.of(
                    "id", c.getId(),
                    "status", c.getStatus().getValue(),
                    "action", c.getDecision().getAction().getValue(),
                    "queue", c.getDecision().getReview().getQueue());
        } catch (ApiException e) {
            throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    @Override
    public Map<String, String> read(String id) {
        try {
            Content c = api.getContentsById(id);
            return Map.of(
                    "id", c.getId(),
                    "authorId", c.getAuthorId(),
                    "text", c.getText(),
                    "action", c.getDecision().getAction().getValue());
        } catch (ApiException e) {
            throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    @Override
    public List<String> openTaskContentIds(String queue) {
        try {
            return api.getReviewQueuesByQueueTasks(queue).getItems().stream()
                    .filter(Task::getOpen)
                    .map(Task::getContentId)
                    .toList();
        } catch (ApiException e) {
            throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
        }
    }
}
