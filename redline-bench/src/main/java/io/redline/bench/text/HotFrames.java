package io.redline.bench.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's execution samples by top frame: which methods and which source
 * lines the benchmark thread was in. {@code bench/text-profile.sh} records one with JMH's
 * {@code -prof jfr} and prints this. Usage: {@code HotFrames FILE_OR_DIR [TOP]}.
 */
public final class HotFrames {

    private HotFrames() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: HotFrames FILE_OR_DIR [TOP]");
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
        }
        for (Path file : files) {
            Map<String, Integer> methods = new HashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            int samples = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStackTrace() == null
                        || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame frame = event.getStackTrace().getFrames().get(0);
                String method = frame.getMethod().getType().getName() + "."
                        + frame.getMethod().getName();
                methods.merge(method, 1, Integer::sum);
                lines.merge(method + ":" + frame.getLineNumber(), 1, Integer::sum);
                samples++;
            }
            System.out.printf("%n== %s: %d execution samples%n-- top methods%n", file, samples);
            print(methods, samples, top);
            System.out.println("-- top lines");
            print(lines, samples, top);
        }
    }

    private static void print(Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
