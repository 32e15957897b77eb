package io.redline.server.cli;

import static io.redline.server.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Principal;
import io.redline.identity.UserInfo;
import io.redline.intake.Submission;
import io.redline.server.RedlineServer;
import io.redline.server.config.RedlineConfig;
import io.redline.server.demo.DemoData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code redline user …} and the demo's console users, run in-process like {@link CliTest}. */
class UserCliTest {

    private static boolean signsIn(Path dir, String username, String password) {
        try (RedlineServer s = new RedlineServer(RedlineConfig.defaults().withDataDir(dir.toString()))) {
            return s.users().authenticate(username, password.toCharArray()).isPresent();
        }
    }

    @Test
    void usersAreAddedListedGivenNewPasswordsAndDisabledFromTheCommandLine() throws Exception {
        Path dir = Files.createTempDirectory("redline-cli-users-");
        String d = dir.toString();

        CliTest.Run added = run(
                "",
                "user",
                "add",
                "--username",
                "Reviewer",
                "--role",
                "reviewer",
                "--name",
                "Night shift",
                "--data-dir",
                d);
        assertThat(added.exit()).as(added.err()).isZero();
        String generated = added.out().strip();
        assertThat(generated).matches("[A-Za-z0-9_-]{24}");
        assertThat(added.err())
                .contains("created usr_")
                .contains("username reviewer")
                .contains("shown only once");

        CliTest.Run alice = run(
                "correct horse battery\n",
                "user",
                "add",
                "--username",
                "alice",
                "--role",
                "creator",
                "--author",
                "u1000",
                "--password-stdin",
                "--data-dir",
                d);
        assertThat(alice.exit()).as(alice.err()).isZero();
        assertThat(alice.out()).as("a chosen password is not printed").isEmpty();
        assertThat(alice.err()).contains("author u1000");
        assertThat(signsIn(dir, "reviewer", generated)).isTrue();
        assertThat(signsIn(dir, "alice", "correct horse battery")).isTrue();

        CliTest.Run tooShort = run(
                "short\n",
                "user",
                "add",
                "--username",
                "bob",
                "--role",
                "auditor",
                "--password-stdin",
                "--data-dir",
                d);
        assertThat(tooShort.exit()).isNotZero();
        assertThat(tooShort.err()).contains("shorter than 12");
        CliTest.Run taken = run("", "user", "add", "--username", "ALICE", "--role", "auditor", "--data-dir", d);
        assertThat(taken.exit()).isNotZero();
        assertThat(taken.err()).contains("already taken");
        assertThat(taken.out())
                .as("no password for a user that was not created")
                .isEmpty();
        CliTest.Run noAuthor = run("", "user", "add", "--username", "carol", "--role", "creator", "--data-dir", d);
        assertThat(noAuthor.err()).contains("authorId");

        CliTest.Run listed = run("", "user", "list", "--data-dir", d);
        assertThat(listed.exit()).isZero();
        assertThat(listed.out())
                .contains("reviewer", "alice", "u1000", "Night shift")
                .doesNotContain(generated);
        assertThat(listed.out().lines().count()).as("header and two users").isEqualTo(3);
        String aliceId = listed.out()
                .lines()
                .filter(l -> l.contains(" alice "))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[0];

        CliTest.Run reset =
                run("another good password\n", "user", "password", aliceId, "--password-stdin", "--data-dir", d);
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(signsIn(dir, "alice", "correct horse battery")).isFalse();
        assertThat(signsIn(dir, "alice", "another good password")).isTrue();

        CliTest.Run disabled = run("", "user", "disable", aliceId, "--data-dir", d);
        assertThat(disabled.exit()).as(disabled.err()).isZero();
        assertThat(signsIn(dir, "alice", "another good password")).isFalse();
        assertThat(run("", "user", "disable", aliceId, "--data-dir", d).exit()).isEqualTo(1);
        assertThat(run("", "user", "password", aliceId, "--data-dir", d).err()).contains("no active user");
        assertThat(run("", "user", "list", "--data-dir", d).out())
                .containsPattern(aliceId + "\\s+alice\\s+creator\\s+u1000\\s+no");

        try (RedlineServer s = new RedlineServer(RedlineConfig.defaults().withDataDir(d))) {
            var entries =
                    s.audit().search(new io.redline.audit.AuditQuery("user.", null, null, null, null, null, null, 100));
            assertThat(entries)
                    .extracting(e -> e.event().action())
                    .containsExactly("user.disable", "user.password", "user.create", "user.create");
            assertThat(entries)
                    .allSatisfy(e -> assertThat(e.event().actor().id()).isEqualTo("system:cli"));
            assertThat(entries.toString()).doesNotContain(generated, "correct horse", "another good", "pbkdf2");
        }
        assertThat(run("", "audit", "verify", "--data-dir", d).out()).contains("intact");
        assertThat(run("", "--help").out()).contains("user");
    }

    @Test
    void theDemoGivesItsConsoleUsersFreshPasswordsOnEveryRun() throws Exception {
        Path dir = Files.createTempDirectory("redline-demo-users-");
        try (RedlineServer server = new RedlineServer(RedlineConfig.defaults().withDataDir(dir.toString()))) {
            List<DemoCommand.DemoLogin> first = DemoCommand.resetConsoleUsers(server);
            assertThat(first)
                    .extracting(DemoCommand.DemoLogin::username)
                    .containsExactly("reviewer", "reviewer2", "editor", "auditor", "alice");
            for (DemoCommand.DemoLogin l : first) {
                assertThat(server.users()
                                .authenticate(l.username(), l.password().toCharArray()))
                        .as(l.username())
                        .get()
                        .extracting(Principal::role)
                        .isEqualTo(l.role());
            }
            Principal alice = server.users()
                    .authenticate("alice", passwordOf(first, "alice").toCharArray())
                    .orElseThrow();
            assertThat(alice.authorId()).isEqualTo(DemoData.CREATOR_AUTHOR_ID);
            assertThat(DemoData.items())
                    .as("the demo creator has notes and comments of their own")
                    .filteredOn(s -> s.authorId().equals(DemoData.CREATOR_AUTHOR_ID))
                    .extracting(Submission::surface)
                    .contains("note", "comment");

            UserInfo reviewer2 = server.users().findByUsername("reviewer2").orElseThrow();
            server.userAdmin().disable(reviewer2.id(), Principal.system("test"));
            List<DemoCommand.DemoLogin> second = DemoCommand.resetConsoleUsers(server);
            assertThat(server.users().list()).as("no new accounts").hasSize(5);
            assertThat(passwordOf(second, "reviewer2"))
                    .as("an account an admin disabled is left alone")
                    .isNull();
            for (String name : List.of("reviewer", "editor", "auditor", "alice")) {
                assertThat(passwordOf(second, name)).isNotEqualTo(passwordOf(first, name));
                assertThat(server.users()
                                .authenticate(name, passwordOf(first, name).toCharArray()))
                        .as("old " + name)
                        .isEmpty();
                assertThat(server.users()
                                .authenticate(name, passwordOf(second, name).toCharArray()))
                        .as("new " + name)
                        .isPresent();
            }
        }
    }

    private static String passwordOf(List<DemoCommand.DemoLogin> logins, String username) {
        Map<String, DemoCommand.DemoLogin> byName =
                logins.stream().collect(Collectors.toMap(DemoCommand.DemoLogin::username, Function.identity()));
        return byName.get(username).password();
    }
}
