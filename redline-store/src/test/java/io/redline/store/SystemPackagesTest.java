package io.redline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, the launcher's package list and the tests agree: a fresh machine that
 * runs {@code ./redline test} gets every system package a test needs.
 */
class SystemPackagesTest {
    private static final Path ROOT = SystemPackages.repositoryRoot();
    /** A test naming a system path itself would bypass the list; these are the ones that would. */
    private static final Pattern SYSTEM_PATH = Pattern.compile("\"/usr/(bin|lib|share)/");

    @Test
    void everyListedPackageIsNamedInTheReadme() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(SystemPackages.all()).isNotEmpty();
        SystemPackages.all()
                .values()
                .forEach(p -> assertThat(readme)
                        .as("README names the package %s (%s)", p.name(), p.why())
                        .contains("`" + p.name() + "`"));
        assertThat(readme).contains("system-packages.tsv").contains("./redline test");
    }

    @Test
    void everyRowSaysWhoNeedsItAndWhereItLands() {
        SystemPackages.all().values().forEach(p -> {
            assertThat(p.neededBy()).as(p.name()).isIn("build", "test", "run");
            assertThat(p.probe()).as(p.name()).startsWith("/");
            assertThat(p.why()).as(p.name()).isNotBlank();
        });
    }

    @Test
    void theLauncherReadsTheListAndCiRunsTheReadmesCommand() throws IOException {
        assertThat(Files.readString(ROOT.resolve("redline")))
                .contains("system-packages.tsv")
                .contains("ensure_packages build test");
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("./redline test");
    }

    @Test
    void noTestNamesASystemProgramOutsideTheList() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(ROOT)) {
            offenders = files.filter(f ->
                            f.toString().contains("/src/test/") && f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().startsWith("SystemPackages"))
                    .filter(f -> {
                        try {
                            return SYSTEM_PATH.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(f -> ROOT.relativize(f).toString())
                    .toList();
        }
        assertThat(offenders)
                .as("look system programs up with SystemPackages.require(\"debian-package\")")
                .isEmpty();
    }

    @Test
    void anUnlistedPackageIsAnErrorThatSaysWhereToAddIt() {
        assertThatThrownBy(() -> SystemPackages.find("tesseract-ocr-klingon"))
                .hasMessageContaining("system-packages.tsv");
    }

    @Test
    void probesResolveGlobsToTheNewestInstalledVersion(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("pg/15/bin"));
        Files.createDirectories(dir.resolve("pg/16/bin"));
        Files.createFile(dir.resolve("pg/15/bin/initdb"));
        Files.createFile(dir.resolve("pg/16/bin/initdb"));
        assertThat(SystemPackages.matches(dir + "/pg/*/bin/initdb"))
                .containsExactly(dir.resolve("pg/15/bin/initdb"), dir.resolve("pg/16/bin/initdb"));
    }
}
