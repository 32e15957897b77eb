package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Role;
import io.redline.store.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * A Java client generated from the served {@code /openapi.json} by openapi-generator (its
 * {@code native} library: java.net.http and Jackson) compiles and talks to a real server. The
 * calls live in {@code src/test/resources/generated-client/ThreeRoutes.java}, compiled together
 * with the generated sources, so a document a generator cannot turn into typed methods and
 * models fails here at compile time, and one whose schemas do not match the answers fails when
 * the client deserialises them.
 */
public class GeneratedClientTest extends SharedServerTest {

    /** What the hand-written caller does with the generated client; implemented in the resource. */
    public interface Calls {
        /** {@code POST /v1/contents?wait=true}: returns id, status, action and review queue. */
        Map<String, String> submitAndWait(String authorId, String text);

        /** {@code GET /v1/contents/{id}}: returns id, authorId, text and action. */
        Map<String, String> read(String id);

        /** {@code GET /v1/review/queues/{queue}/tasks}: the content ids of the open tasks. */
        List<String> openTaskContentIds(String queue);
    }

    @Test
    public void aClientGeneratedFromTheServedDocumentSubmitsReadsAndListsReviewTasks(@TempDir Path dir)
            throws Exception {
        Calls calls = generatedClient(dir, server.url(""), server.tokens.get(Role.ADMIN));

        Map<String, String> created = calls.submitAndWait("alice", "联系电话 138 0013 8000，全天在线");
        assertThat(created.get("id")).matches("[0-9]+");
        assertThat(created.get("status")).isEqualTo("decided");
        assertThat(created.get("action")).isEqualTo("review");

        Map<String, String> read = calls.read(created.get("id"));
        assertThat(read)
                .containsEntry("id", created.get("id"))
                .containsEntry("authorId", "alice")
                .containsEntry("text", "联系电话 138 0013 8000，全天在线")
                .containsEntry("action", "review");

        String queue = created.get("queue");
        Eventually.get(
                "the review task through the generated client",
                () -> calls.openTaskContentIds(queue).contains(created.get("id")) ? true : null);
    }

    /** Generates the client into {@code dir}, compiles it with the caller and loads the caller. */
    static Calls generatedClient(Path dir, String baseUrl, String token) throws Exception {
        Path spec = dir.resolve("openapi.json");
        Files.writeString(spec, server.get("/openapi.json", Role.ADMIN).body());
        Path out = dir.resolve("client");
        CodegenConfigurator config = new CodegenConfigurator()
                .setGeneratorName("java")
                .setLibrary("native")
                .setInputSpec(spec.toString())
                .setOutputDir(out.toString())
                .setInvokerPackage("io.redline.client")
                .setApiPackage("io.redline.client.api")
                .setModelPackage("io.redline.client.model")
                .addAdditionalProperty("openApiNullable", false)
                .addAdditionalProperty("hideGenerationTimestamp", true)
                .addAdditionalProperty("useJakartaEe", true)
                // The multipart bodies' models, which the API class imports even though it sends JSON.
                .addGlobalProperty("skipFormModel", "false")
                .addGlobalProperty("apiTests", "false")
                .addGlobalProperty("modelTests", "false")
                .addGlobalProperty("apiDocs", "false")
                .addGlobalProperty("modelDocs", "false");
        new DefaultGenerator().opts(config.toClientOptInput()).generate();

        Path sources = out.resolve("src/main/java");
        Path caller = sources.resolve("io/redline/client/ThreeRoutes.java");
        try (var in = GeneratedClientTest.class.getResourceAsStream("/generated-client/ThreeRoutes.java")) {
            Files.write(caller, in.readAllBytes());
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(sources, classes);
        URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedClientTest.class.getClassLoader());
        return (Calls) loader.loadClass("io.redline.client.ThreeRoutes")
                .getConstructor(String.class, String.class)
                .newInstance(baseUrl, token);
    }

    private static void compile(Path sources, Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        var compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of(
                    "-d",
                    classes.toString(),
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-proc:none",
                    "-nowarn"));
            boolean ok = compiler.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource() == null
                            ? d.getMessage(null)
                            : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": "
                                    + d.getMessage(null))
                    .toList();
            assertThat(errors).as("the generated client compiles").isEmpty();
            assertThat(ok).isTrue();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
