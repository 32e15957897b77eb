package io.redline.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The system packages of {@code system-packages.tsv}, the one list that {@code ./redline test}
 * installs from. Tests find the programs they need here instead of naming paths themselves, so a
 * test cannot come to depend on a package the launcher does not install on a fresh machine.
 */
public final class SystemPackages {
    /** One row of the list: the Debian package, which command needs it, and the path it installs. */
    public record Package(String name, String neededBy, String probe, String why) {}

    private static volatile Map<String, Package> packages;

    private SystemPackages() {}

    /** The repository root: the nearest directory above the working directory holding the list. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("system-packages.tsv"))) return dir;
        }
        throw new IllegalStateException(
                "system-packages.tsv not found above " + Path.of("").toAbsolutePath());
    }

    public static Map<String, Package> all() {
        Map<String, Package> loaded = packages;
        if (loaded != null) return loaded;
        Map<String, Package> rows = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(repositoryRoot().resolve("system-packages.tsv"))) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t");
                if (cols.length != 4)
                    throw new IllegalStateException("system-packages.tsv: want 4 tab-separated columns: " + line);
                rows.put(cols[0], new Package(cols[0], cols[1], cols[2], cols[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        packages = Map.copyOf(rows);
        return packages;
    }

    /**
     * The installed file that proves {@code name} is present (its probe, globs resolved; the newest
     * match when several versions are installed), or an error that says what to install.
     */
    public static Path require(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalStateException("this test needs Debian's '" + name
                        + "' (" + all().get(name).why()
                        + "): run ./redline test, which installs it when run as root, or "
                        + "apt-get install " + name));
    }

    public static Optional<Path> find(String name) {
        Package p = all().get(name);
        if (p == null)
            throw new IllegalArgumentException("'" + name + "' is not in system-packages.tsv: add it there so "
                    + "./redline test installs it on a fresh machine");
        return matches(p.probe()).stream().filter(Files::exists).max(Path::compareTo);
    }

    /** Paths matching a probe whose globs (* only) may appear in any segment. */
    static List<Path> matches(String probe) {
        List<Path> found = new ArrayList<>(List.of(Path.of("/")));
        for (String segment : probe.substring(1).split("/")) {
            List<Path> next = new ArrayList<>();
            for (Path dir : found) {
                if (!segment.contains("*")) {
                    next.add(dir.resolve(segment));
                    continue;
                }
                var glob = FileSystems.getDefault().getPathMatcher("glob:" + segment);
                if (!Files.isDirectory(dir)) continue;
                try (Stream<Path> children = Files.list(dir)) {
                    children.filter(c -> glob.matches(c.getFileName())).sorted().forEach(next::add);
                } catch (IOException ignored) {
                    // unreadable directory: nothing installed there for us
                }
            }
            found = next;
        }
        return found;
    }
}
