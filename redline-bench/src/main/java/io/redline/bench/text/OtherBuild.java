package io.redline.bench.text;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A Redline screener from another build of redline-text (a jar or class directory), loaded in a
 * class loader of its own so two versions run side by side in one JVM: the before/after check
 * of {@code bench/text-ab.sh}. The current build is loaded the same way for the comparison, so
 * both pay the same reflective call (a few nanoseconds against microseconds per item).
 */
final class OtherBuild {
    private OtherBuild() {}

    /** Every screen(line).hits().size() of a screener compiled over terms with the named options ("defaults" or "exact"). */
    static ToIntFunction<String> screener(Path build, List<String> terms, String options) {
        try {
            URLClassLoader loader =
                    new URLClassLoader(new URL[] {build.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> lexicon = loader.loadClass("io.redline.text.Lexicon");
            Class<?> allowList = loader.loadClass("io.redline.text.AllowList");
            Class<?> screenOptions = loader.loadClass("io.redline.text.ScreenOptions");
            Class<?> screenerClass = loader.loadClass("io.redline.text.Screener");
            Class<?> screening = loader.loadClass("io.redline.text.Screening");
            Object lex = lexicon.getMethod("parsePlain", java.io.Reader.class, String.class, int.class)
                    .invoke(
                            null,
                            new java.io.StringReader(String.join("\n", terms)),
                            Contestants.CATEGORY,
                            Contestants.SEVERITY);
            Object allow = allowList.getMethod("empty").invoke(null);
            Object opts = screenOptions.getMethod(options).invoke(null);
            Object screener = screenerClass
                    .getMethod("compile", lexicon, allowList, screenOptions)
                    .invoke(null, lex, allow, opts);
            MethodHandle screen = MethodHandles.publicLookup()
                    .findVirtual(screenerClass, "screen", MethodType.methodType(screening, CharSequence.class))
                    .bindTo(screener);
            MethodHandle hits =
                    MethodHandles.publicLookup().findVirtual(screening, "hits", MethodType.methodType(List.class));
            MethodHandle count = MethodHandles.filterReturnValue(screen, hits)
                    .asType(MethodType.methodType(List.class, String.class));
            return line -> {
                try {
                    return ((List<?>) count.invokeExact(line)).size();
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load a screener from " + build, e);
        }
    }

    /** Where the redline-text classes this JVM runs came from (a jar or a class directory). */
    static Path currentBuild() {
        try {
            return Path.of(io.redline.text.Screener.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
