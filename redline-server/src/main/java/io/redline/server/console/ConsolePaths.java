package io.redline.server.console;

/** Parsing of ids in console paths, with a message a person can act on. */
final class ConsolePaths {
    private ConsolePaths() {}

    static long id(String raw, String what) {
        return io.redline.vocabulary.AsciiDecimal.parse(raw)
                .orElseThrow(() -> new Console.PageException(404, "'" + raw + "' is not a " + what + " id"));
    }
}
