package io.claimgate.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code claimgate <command> ...}. */
@Command(name = "claimgate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "X12 837P claims gateway for outpatient therapy billing.",
        subcommands = {ScrubCommand.class, ServeCommand.class, DenialsCommand.class, GenerateCommand.class,
                BenchmarkCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every claim accepted", "1:a claim or file was rejected", "2:usage or configuration error, or an I/O failure (disk full) or a heap too small left a file unprocessed, "
                + "or the run stopped as a whole"})
public final class Main implements Runnable {
    public static final int ACCEPTED = 0;
    public static final int REJECTED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        // a helper thread that fails (an out-of-memory error can land on any thread) is reported in one line:
        // class names and claimgate source lines, never a stack trace or an exception message
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> org.slf4j.LoggerFactory.getLogger(Main.class)
                .warn("thread {} stopped: {}", thread.getName(), Failures.describe(e)));
        int exit;
        try {
            exit = run(args);
        } catch (Throwable e) {
            // an error no command handles (picocli passes errors on): one line, and never exit 1, which means
            // "rejected"
            System.err.println("claimgate: stopped: " + Failures.describe(e));
            exit = USAGE;
        }
        System.exit(exit);
    }

    /** Runs a command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // a command that fails as a whole (e.g. no room for the temporary files it starts with): one line
            // without the exception's message (it may quote data), no stack trace; the inputs are untouched
            String why = Failures.describe(e);
            org.slf4j.LoggerFactory.getLogger(Main.class).warn("stopped: {}", why);
            commandLine.getErr().println("claimgate: stopped: " + why);
            return USAGE;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            cli.getErr().println("claimgate: " + e.getMessage());
            e.getCommandLine().usage(cli.getErr());
            return USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required, e.g. scrub");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"claimgate " + version()};
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
