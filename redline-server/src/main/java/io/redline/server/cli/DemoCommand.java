package io.redline.server.cli;

import io.redline.identity.IssuedToken;
import io.redline.identity.Passwords;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.TokenInfo;
import io.redline.identity.TokenRequest;
import io.redline.identity.UserInfo;
import io.redline.identity.UserRequest;
import io.redline.server.RedlineServer;
import io.redline.server.demo.DemoCredentials;
import io.redline.server.demo.DemoData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start the server with embedded SQLite storage under ./data, load the demo data set",
            "(notes, comments, live-chat lines and profiles in Chinese and English) and print URLs and tokens."
        })
final class DemoCommand implements Callable<Integer> {
    private static final String DEMO_TOKEN_PREFIX = "demo ";

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() {
        // Content Credentials work out of the box: a DEMO test CA signs the manifests we add when
        // labelling uploads that carry C2PA (docs/aigc-labels.md, "Signing").
        DemoCredentials.Applied credentials = DemoCredentials.apply(options.load());
        RedlineServer server = new RedlineServer(credentials.config());
        int loaded = DemoData.load(server);
        // Token secrets are stored only as hashes, so the demo cannot show an old one again:
        // each run revokes the previous demo tokens and issues fresh ones.
        Principal demo = Principal.system("demo");
        for (TokenInfo t : server.tokens().list()) {
            if (t.active() && t.name().startsWith(DEMO_TOKEN_PREFIX))
                server.tokenAdmin().revoke(t.id(), demo);
        }
        IssuedToken admin =
                server.tokenAdmin().issue(new TokenRequest(Role.ADMIN, null, DEMO_TOKEN_PREFIX + "admin"), demo);
        IssuedToken reviewer =
                server.tokenAdmin().issue(new TokenRequest(Role.REVIEWER, null, DEMO_TOKEN_PREFIX + "reviewer"), demo);
        IssuedToken auditor =
                server.tokenAdmin().issue(new TokenRequest(Role.AUDITOR, null, DEMO_TOKEN_PREFIX + "auditor"), demo);
        String author = DemoData.CREATOR_AUTHOR_ID;
        IssuedToken creator = server.tokenAdmin()
                .issue(new TokenRequest(Role.CREATOR, author, DEMO_TOKEN_PREFIX + "creator " + author), demo);
        List<DemoLogin> logins = resetConsoleUsers(server);
        ServeCommand.start(server);
        String base = server.baseUrl();
        System.out.printf(
                """

                Redline demo is running on %s (demo data: %d items newly loaded, %d stored)

                  Web console    %s/console   (sign in with a token, or as a console user below)
                  API page       %s/docs/api
                  OpenAPI        %s/openapi.json
                  Health         %s/healthz   %s/readyz   %s/metrics

                  Admin token    %s
                  Reviewer token %s
                  Auditor token  %s
                  Creator token  %s   (author %s: sees only their own content)

                Console users (passwords are new on every run; shown only here):
                %s

                Content Credentials (C2PA): %s

                Try:
                  curl -s -H 'Authorization: Bearer %s' '%s/v1/contents?surface=comment&limit=5'

                Stop with Ctrl-C.
                """,
                base,
                loaded,
                server.intake().count(),
                base,
                base,
                base,
                base,
                base,
                base,
                admin.secret(),
                reviewer.secret(),
                auditor.secret(),
                creator.secret(),
                author,
                table(logins),
                credentialsLine(credentials),
                admin.secret(),
                base);
        return 0;
    }

    static String credentialsLine(DemoCredentials.Applied c) {
        if (c.operatorKey()) return "signed with the key from media.c2pa.certChainFile/keyFile (your configuration)";
        return "signed with a DEMO TEST CA " + (c.created() ? "made now" : "made on first start") + " in " + c.dir()
                + "\n                  (its root is trusted by this demo only, and by nothing else: never use it in production)";
    }

    /** A demo console user and the password this run gave it (null when the account was left alone). */
    record DemoLogin(String username, Role role, String authorId, String password) {}

    /**
     * Passwords, like token secrets, are stored only as hashes, so each run gives the demo users
     * fresh passwords (which also ends their old sessions). Accounts with a demo username that the
     * demo did not create, or that an admin disabled, are left alone.
     */
    static List<DemoLogin> resetConsoleUsers(RedlineServer server) {
        Principal demo = Principal.system("demo");
        String demoActor = demo.actor().id();
        List<DemoLogin> logins = new ArrayList<>();
        for (UserRequest r : DemoData.consoleUsers()) {
            String password = Passwords.generate();
            Optional<UserInfo> existing = server.users().findByUsername(r.username());
            if (existing.isEmpty()) {
                server.userAdmin().create(r, password.toCharArray(), demo);
            } else if (existing.get().active() && existing.get().createdBy().equals(demoActor)) {
                server.userAdmin().setPassword(existing.get().id(), password.toCharArray(), demo);
            } else {
                password = null;
            }
            logins.add(new DemoLogin(r.username(), r.role(), r.authorId(), password));
        }
        return logins;
    }

    private static String table(List<DemoLogin> logins) {
        StringBuilder sb = new StringBuilder();
        for (DemoLogin l : logins) {
            String role = l.role().wireName() + (l.authorId() == null ? "" : " " + l.authorId());
            sb.append(String.format(
                    "  %-10s %-22s %s%n",
                    l.username(),
                    role,
                    l.password() == null ? "(not the demo's or disabled: left as it was)" : l.password()));
        }
        return sb.toString().stripTrailing();
    }
}
