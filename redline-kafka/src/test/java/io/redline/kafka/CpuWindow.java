package io.redline.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * CPU spent over a benchmark phase's measured window: the named processes' CPU per decided item,
 * and how busy the whole machine was ({@code /proc/stat}, every process: PostgreSQL and the broker
 * too). Why: on 2 cores one worker may already keep the machine busy, so a second worker cannot
 * add throughput there; what scale-out needs is that a worker's CPU per item does not grow with
 * more workers, which this shows even where the rate cannot.
 */
final class CpuWindow {
    private final List<ProcessHandle> processes;
    private final long cpuNanos0;
    private final long[] machine0;

    private CpuWindow(List<ProcessHandle> processes) {
        this.processes = List.copyOf(processes);
        this.cpuNanos0 = cpuNanos(this.processes);
        this.machine0 = machine();
    }

    static CpuWindow start(List<ProcessHandle> processes) {
        return new CpuWindow(processes);
    }

    /** One line: CPU ms per item of the processes, and the machine's busy share of its cores. */
    String report(String who, long items) {
        long cpu = cpuNanos(processes) - cpuNanos0;
        long[] m = machine();
        long busy = m[0] - machine0[0];
        long total = m[1] - machine0[1];
        return String.format(
                "  CPU: %s %.2f ms per item; machine %.0f%% busy of %d cores",
                who,
                items == 0 ? Double.NaN : cpu / 1e6 / items,
                total == 0 ? Double.NaN : 100.0 * busy / total,
                Runtime.getRuntime().availableProcessors());
    }

    private static long cpuNanos(List<ProcessHandle> processes) {
        long sum = 0;
        for (ProcessHandle p : processes)
            sum += p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        return sum;
    }

    /** {busy, total} jiffies over all cores since boot; idle and iowait are not busy. */
    private static long[] machine() {
        try {
            String[] f =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) total += Long.parseLong(f[i]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
