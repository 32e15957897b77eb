package io.redline.server.cli;

import io.redline.identity.Passwords;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.UserInfo;
import io.redline.identity.UserRequest;
import io.redline.server.RedlineServer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Manage web console users (username and password) directly in storage (local administration).",
        subcommands = {
            UserCommand.Add.class,
            UserCommand.ListUsers.class,
            UserCommand.Disable.class,
            UserCommand.Password.class
        })
final class UserCommand implements Runnable {
    private static final Principal CLI = Principal.system("cli");

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /** The password to set: the first line of stdin, or a generated one that is printed once. */
    static final class PasswordSource {
        @Option(
                names = "--password-stdin",
                description = "Read the password from the first line of standard input " + "(at least "
                        + Passwords.PASSWORD_CHARS_MIN
                        + " characters); otherwise a strong one is generated and printed once")
        boolean fromStdin;

        /** Null when generating; the caller prints the generated one. */
        char[] read() {
            if (!fromStdin) return null;
            char[] password = firstLine(
                    new InputStreamReader(System.in, StandardCharsets.UTF_8), Passwords.PASSWORD_CHARS_MAX + 1);
            String problem = Passwords.problem(password);
            if (problem != null) throw new IllegalArgumentException(problem + " (read from standard input)");
            return password;
        }

        /** Reads up to the first line break without building a String the password would linger in. */
        private static char[] firstLine(Reader in, int charsMax) {
            char[] buf = new char[charsMax];
            int n = 0;
            try {
                for (int c = in.read(); c != -1 && c != '\n' && n < charsMax; c = in.read()) buf[n++] = (char) c;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password from standard input", e);
            }
            if (n > 0 && buf[n - 1] == '\r') n--;
            char[] line = Arrays.copyOf(buf, n);
            Arrays.fill(buf, '\0');
            return line;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Create a console user; prints a generated password once unless --password-stdin is given.")
    static final class Add implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Mixin
        PasswordSource passwordSource;

        @Option(
                names = "--username",
                required = true,
                paramLabel = "USERNAME",
                description = "3 to 64 of a-z, 0-9, '.', '_', '-' (case-insensitive)")
        String username;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                description = "admin, policy_editor, reviewer, auditor, creator or service")
        String role;

        @Option(
                names = "--author",
                paramLabel = "AUTHOR_ID",
                description = "The author a creator user acts for (creator only)")
        String author;

        @Option(names = "--name", paramLabel = "NAME", description = "Display name")
        String name;

        @Override
        public Integer call() {
            UserRequest request = new UserRequest(username, Role.parse(role), author, name);
            String problem = request.problem();
            if (problem != null) throw new IllegalArgumentException(problem);
            char[] given = passwordSource.read();
            String generated = given == null ? Passwords.generate() : null;
            char[] password = given != null ? given : generated.toCharArray();
            try (RedlineServer server = new RedlineServer(options.load())) {
                UserInfo u = server.userAdmin().create(request, password, CLI);
                if (generated != null) System.out.println(generated);
                System.err.println("created " + u.id() + " (username " + u.username() + ", role "
                        + u.role().wireName()
                        + (u.authorId() == null ? "" : ", author " + u.authorId()) + ")"
                        + (generated != null ? "; the password above is shown only once" : ""));
            } finally {
                Arrays.fill(password, '\0');
            }
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List console users (never their passwords).")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Override
        public Integer call() {
            try (RedlineServer server = new RedlineServer(options.load())) {
                System.out.printf(
                        "%-16s %-20s %-14s %-12s %-8s %s%n", "ID", "USERNAME", "ROLE", "AUTHOR", "ACTIVE", "NAME");
                server.users()
                        .list()
                        .forEach(u -> System.out.printf(
                                "%-16s %-20s %-14s %-12s %-8s %s%n",
                                u.id(),
                                u.username(),
                                u.role().wireName(),
                                u.authorId() == null ? "-" : u.authorId(),
                                u.active() ? "yes" : "no",
                                u.displayName() == null ? "" : u.displayName()));
            }
            return 0;
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Disable a console user for good and end their sessions (the username stays taken).")
    static final class Disable implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Parameters(
                index = "0",
                paramLabel = "ID",
                description = "The user id (usr_…), as `redline user list` shows it")
        String id;

        @Override
        public Integer call() {
            try (RedlineServer server = new RedlineServer(options.load())) {
                if (!server.userAdmin().disable(id, CLI)) {
                    System.err.println("redline: no active user with id " + id);
                    return 1;
                }
                System.err.println("disabled " + id + "; their console sessions are ended");
            }
            return 0;
        }
    }

    @Command(
            name = "password",
            mixinStandardHelpOptions = true,
            description = {
                "Set a console user's password, lift any lockout and end their sessions.",
                "Prints a generated password once unless --password-stdin is given."
            })
    static final class Password implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Mixin
        PasswordSource passwordSource;

        @Parameters(
                index = "0",
                paramLabel = "ID",
                description = "The user id (usr_…), as `redline user list` shows it")
        String id;

        @Override
        public Integer call() {
            char[] given = passwordSource.read();
            String generated = given == null ? Passwords.generate() : null;
            char[] password = given != null ? given : generated.toCharArray();
            try (RedlineServer server = new RedlineServer(options.load())) {
                if (!server.userAdmin().setPassword(id, password, CLI)) {
                    System.err.println("redline: no active user with id " + id);
                    return 1;
                }
                if (generated != null) System.out.println(generated);
                System.err.println("password of " + id + " set; their console sessions are ended"
                        + (generated != null ? "; the password above is shown only once" : ""));
            } finally {
                Arrays.fill(password, '\0');
            }
            return 0;
        }
    }
}
