package io.redline.server.cli;

import io.redline.kafka.dev.DevBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "dev-kafka",
        mixinStandardHelpOptions = true,
        description = {
            "Start a single-node Apache Kafka broker (KRaft, broker and controller in one) for trying Redline's",
            "Kafka mode on one machine: no Docker, no install; the broker comes from Maven's Kafka artifacts.",
            "Prints the bootstrap address and runs until interrupted. Not for production (one replica, small sizes)."
        })
final class DevKafkaCommand implements Callable<Integer> {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "./data/kafka",
            description = "Where the broker keeps its logs (kept across restarts; default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description = "Client port (0: any free port; default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        DevBroker broker = DevBroker.start(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "redline-dev-kafka-shutdown"));
        System.out.println("Kafka is running: bootstrap servers " + broker.bootstrapServers() + "  (data in "
                + dataDir.toAbsolutePath() + ")");
        System.out.println("Set kafka.bootstrapServers: " + broker.bootstrapServers()
                + " (or REDLINE_KAFKA_BOOTSTRAP_SERVERS) for the server and the workers; Ctrl-C stops the broker.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
