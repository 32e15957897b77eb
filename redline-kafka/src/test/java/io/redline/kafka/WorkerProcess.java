package io.redline.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redline.intake.IntakeLimits;
import io.redline.store.Database;
import io.redline.store.StoreConfig;
import io.redline.text.Screener;
import java.util.concurrent.CountDownLatch;

/** A screening worker in a child JVM, for tests that kill it with SIGKILL: {@code URL BOOTSTRAP GROUP TOPIC_PREFIX BATCH}. */
public final class WorkerProcess {
    private WorkerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open(new StoreConfig(args[0], null, null, 8));
        KafkaSettings settings = KafkaSettings.defaults(args[1])
                .withGroupId(args[2])
                .withTopics(KafkaFixture.topics(args[3]))
                .withBatchMax(Integer.parseInt(args[4]))
                .withMessageBytesMax(64 * 1024);
        Screener screener = Screener.starter();
        WorkerNode node = WorkerNode.start(
                db, () -> screener, IntakeLimits.defaults(), KafkaFixture.PORTS, settings, new SimpleMeterRegistry());
        System.out.println("worker ready");
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
        node.close();
    }
}
