package io.redline.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code redline} — the command line. Each subcommand is a small class in this package. */
@Command(
        name = "redline",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Redline: content governance for creator communities that let generative AI in.",
            "Screen, decide, review, audit and label content; run as one process with embedded storage or against PostgreSQL."
        },
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            TokenCommand.class,
            UserCommand.class,
            ScreenCommand.class,
            PolicyCommand.class,
            RescreenCommand.class,
            AuditCommand.class,
            MediaCommand.class,
            LedgerCommand.class,
            RightsCommand.class,
            DevKafkaCommand.class,
            WorkerCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "The launcher also runs './redline test' (the whole test suite).",
            "Configuration: docs/configuration.md. API: http://localhost:8080/docs/api once serving."
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        // A plain-form screen that succeeded returns instead of calling System.exit: since JDK 21
        // Runtime.exit logs through System.Logger, whose service lookup opens every jar on the
        // class path (118 here), a fifth of a one-line screen's start-up. Its threads are daemons.
        Integer screened = ScreenCommand.runDirect(args);
        if (screened != null && screened == 0) {
            return;
        }
        int exit = screened != null ? screened : commandLine().execute(args);
        if (exit != 0 || !ServeCommand.keepsRunning()) System.exit(exit);
    }

    /** Runs a command and returns its exit code: a plain-form {@code screen} directly, anything else through picocli. */
    public static int execute(String[] args) {
        Integer screened = ScreenCommand.runDirect(args);
        return screened != null ? screened : commandLine().execute(args);
    }

    /**
     * Package-private, like every method naming a picocli type: the java launcher looks the main
     * method up by reflection, which loads the types of every public method's signature, and
     * picocli's CommandLine (Java 5 bytecode, not archivable) was loaded for that alone.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("redline: " + e.getMessage());
            return 2;
        });
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "redline " + (v == null ? "development build" : v) + " (Java " + Runtime.version() + ")"
            };
        }
    }
}
