package io.redline.server.cli;

import io.redline.identity.IssuedToken;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.server.RedlineServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manage API tokens directly in storage (local administration).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class})
final class TokenCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a token and print its secret (shown once).")
    static final class Create implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                description = "admin, policy_editor, reviewer, auditor, creator or service")
        String role;

        @Option(
                names = "--author",
                paramLabel = "AUTHOR_ID",
                description = "The author a creator token acts for (creator only)")
        String author;

        @Option(names = "--name", paramLabel = "NAME", description = "A label to recognise the token by")
        String name;

        @Override
        public Integer call() {
            TokenRequest request = new TokenRequest(Role.parse(role), author, name);
            String problem = request.problem();
            if (problem != null) throw new IllegalArgumentException(problem);
            try (RedlineServer server = new RedlineServer(options.load())) {
                IssuedToken t = server.tokenAdmin().issue(request, io.redline.identity.Principal.system("cli"));
                System.out.println(t.secret());
                System.err.println("created " + t.info().id() + " (role "
                        + t.info().role().wireName()
                        + (t.info().authorId() == null
                                ? ""
                                : ", author " + t.info().authorId()) + "); the secret above is shown only once");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Override
        public Integer call() {
            try (RedlineServer server = new RedlineServer(options.load())) {
                System.out.printf("%-16s %-14s %-12s %-8s %s%n", "ID", "ROLE", "AUTHOR", "ACTIVE", "NAME");
                server.tokens()
                        .list()
                        .forEach(t -> System.out.printf(
                                "%-16s %-14s %-12s %-8s %s%n",
                                t.id(),
                                t.role().wireName(),
                                t.authorId() == null ? "-" : t.authorId(),
                                t.active() ? "yes" : "no",
                                t.name()));
            }
            return 0;
        }
    }
}
