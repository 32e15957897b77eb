package io.redline.kafka;

import java.util.Objects;

/**
 * Where Redline meets Kafka: the {@code kafka} section of the configuration (docs/configuration.md).
 *
 * @param bootstrapServers  {@code host:port[,host:port…]}
 * @param groupId           the screening workers' consumer group
 * @param liveGroupId       the live-chat workers' consumer group
 * @param batchMax          most records one poll hands a worker (one batch, committed together)
 * @param messageBytesMax   a larger record is poison: it goes to the dead-letter topic
 * @param workerThreads     platform threads deciding one batch's items in parallel (their commits share a group commit)
 */
public record KafkaSettings(
        String bootstrapServers,
        Topics topics,
        String groupId,
        String liveGroupId,
        int batchMax,
        int messageBytesMax,
        int workerThreads) {

    public static final int BATCH_MAX_LIMIT = 2_000;
    public static final int MESSAGE_BYTES_MAX_LIMIT = 8 * 1024 * 1024;

    /**
     * @param contents    input: items as {@code POST /v1/contents} takes them, keyed by author
     * @param decisions   output: every decision stored (first ones, reviewers', appeals', rescreens')
     * @param tasks       output: review tasks as they open (decision, report, appeal, escalation, quality)
     * @param deadLetters poison input records, with the reason in headers
     * @param live        input: live-chat lines (the fast path, nothing persisted for allowed lines)
     * @param liveVerdicts output: what the fast path decided for each line it did not allow
     */
    public record Topics(
            String contents, String decisions, String tasks, String deadLetters, String live, String liveVerdicts) {
        public static final Topics DEFAULT = new Topics(
                "redline.contents",
                "redline.decisions",
                "redline.review-tasks",
                "redline.contents.dlt",
                "redline.live",
                "redline.live.verdicts");

        public Topics {
            Objects.requireNonNull(contents, "contents");
            Objects.requireNonNull(decisions, "decisions");
            Objects.requireNonNull(tasks, "tasks");
            Objects.requireNonNull(deadLetters, "deadLetters");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(liveVerdicts, "liveVerdicts");
        }
    }

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank())
            throw new IllegalArgumentException("kafka.bootstrapServers is required (host:port[,host:port…])");
        Objects.requireNonNull(topics, "topics");
        if (groupId == null || groupId.isBlank()) throw new IllegalArgumentException("kafka.groupId must not be blank");
        if (liveGroupId == null || liveGroupId.isBlank())
            throw new IllegalArgumentException("kafka.liveGroupId must not be blank");
        if (batchMax < 1 || batchMax > BATCH_MAX_LIMIT)
            throw new IllegalArgumentException("kafka.batchMax must be 1.." + BATCH_MAX_LIMIT + ", was " + batchMax);
        if (messageBytesMax < 1024 || messageBytesMax > MESSAGE_BYTES_MAX_LIMIT)
            throw new IllegalArgumentException(
                    "kafka.messageBytesMax must be 1024.." + MESSAGE_BYTES_MAX_LIMIT + ", was " + messageBytesMax);
        if (workerThreads < 1 || workerThreads > 256)
            throw new IllegalArgumentException("kafka.workerThreads must be 1..256, was " + workerThreads);
    }

    /** The defaults for a broker at {@code bootstrapServers}. */
    public static KafkaSettings defaults(String bootstrapServers) {
        return new KafkaSettings(
                bootstrapServers, Topics.DEFAULT, "redline-screening", "redline-live", 500, 1024 * 1024, 32);
    }

    public KafkaSettings withGroupId(String groupId) {
        return new KafkaSettings(
                bootstrapServers, topics, groupId, liveGroupId, batchMax, messageBytesMax, workerThreads);
    }

    public KafkaSettings withTopics(Topics topics) {
        return new KafkaSettings(
                bootstrapServers, topics, groupId, liveGroupId, batchMax, messageBytesMax, workerThreads);
    }

    public KafkaSettings withMessageBytesMax(int messageBytesMax) {
        return new KafkaSettings(
                bootstrapServers, topics, groupId, liveGroupId, batchMax, messageBytesMax, workerThreads);
    }

    public KafkaSettings withBatchMax(int batchMax) {
        return new KafkaSettings(
                bootstrapServers, topics, groupId, liveGroupId, batchMax, messageBytesMax, workerThreads);
    }
}
