package io.redline.server.cli;

import io.redline.identity.IssuedToken;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.TokenInfo;
import io.redline.identity.TokenRequest;
import io.redline.server.RedlineServer;
import io.redline.server.demo.DemoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the server with embedded SQLite storage under ./data, load the demo data set",
                "(notes, comments, live-chat lines and profiles in Chinese and English) and print URLs and tokens."})
final class DemoCommand implements Callable<Integer> {
    private static final String DEMO_TOKEN_PREFIX = "demo ";

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() {
        RedlineServer server = new RedlineServer(options.load());
        int loaded = DemoData.load(server);
        // Token secrets are stored only as hashes, so the demo cannot show an old one again:
        // each run revokes the previous demo tokens and issues fresh ones.
        Principal demo = Principal.system("demo");
        for (TokenInfo t : server.tokens().list()) {
            if (t.active() && t.name().startsWith(DEMO_TOKEN_PREFIX)) server.tokenAdmin().revoke(t.id(), demo);
        }
        IssuedToken admin = server.tokenAdmin().issue(new TokenRequest(Role.ADMIN, null, DEMO_TOKEN_PREFIX + "admin"), demo);
        IssuedToken reviewer = server.tokenAdmin().issue(new TokenRequest(Role.REVIEWER, null, DEMO_TOKEN_PREFIX + "reviewer"), demo);
        IssuedToken auditor = server.tokenAdmin().issue(new TokenRequest(Role.AUDITOR, null, DEMO_TOKEN_PREFIX + "auditor"), demo);
        IssuedToken creator = server.tokenAdmin().issue(new TokenRequest(Role.CREATOR, "u1000", DEMO_TOKEN_PREFIX + "creator u1000"), demo);
        ServeCommand.start(server);
        String base = server.baseUrl();
        System.out.printf("""

                Redline demo is running on %s (demo data: %d items newly loaded, %d stored)

                  API page       %s/docs/api
                  OpenAPI        %s/openapi.json
                  Health         %s/healthz   %s/readyz   %s/metrics

                  Admin token    %s
                  Reviewer token %s
                  Auditor token  %s
                  Creator token  %s   (author u1000: sees only their own content)

                Try:
                  curl -s -H 'Authorization: Bearer %s' '%s/v1/contents?surface=comment&limit=5'

                Stop with Ctrl-C.
                """, base, loaded, server.intake().count(), base, base, base, base, base,
                admin.secret(), reviewer.secret(), auditor.secret(), creator.secret(), admin.secret(), base);
        return 0;
    }
}
