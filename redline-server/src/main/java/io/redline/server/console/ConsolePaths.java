package io.redline.server.console;

/** Parsing of ids in console paths, with a message a person can act on. */
final class ConsolePaths {
    private ConsolePaths() {}

    static long id(String raw, String what) {
        try {
            long id = Long.parseLong(raw);
            if (id < 0) throw new NumberFormatException();
            return id;
        } catch (NumberFormatException e) {
            throw new Console.PageException(404, "'" + raw + "' is not a " + what + " id");
        }
    }
}
