package io.claimgate.cli;

import io.claimgate.gateway.Gateway;
import io.claimgate.gateway.GatewayMetrics;
import io.claimgate.gateway.GatewayRoutes;
import io.claimgate.gateway.GatewaySettings;
import io.claimgate.gateway.ManagementServer;
import io.claimgate.gateway.RemitIntake;
import io.claimgate.config.RemitCodes;
import io.claimgate.remit.DenialReport;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerException;
import io.claimgate.report.FindingsCsvExport;
import io.claimgate.rules.therapy.TherapyRules;
import io.claimgate.scrub.ScrubService;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code claimgate serve [--drain] [--properties FILE] [--set KEY=VALUE]...}: the gateway service. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway: pick 837P files up from the inbox (and SFTP, when configured), scrub each, "
                + "keep the ledger. With --drain, process what is there and exit with scrub's exit codes.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Installation installation;

    @Option(names = "--properties", paramLabel = "FILE",
            description = "gateway settings (default: the configuration folder's application.properties)")
    Path properties;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a setting that overrides the properties file")
    Map<String, String> overrides = Map.of();

    @Option(names = "--drain", description = "exit once no file has arrived for --idle-seconds")
    boolean drain;

    @Option(names = "--idle-seconds", paramLabel = "N", defaultValue = "5",
            description = "with --drain: seconds without a file before exiting (default: ${DEFAULT-VALUE})")
    int idleSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        GatewaySettings settings;
        try {
            settings = installation.gatewaySettings(properties, overrides);
        } catch (IllegalArgumentException | io.claimgate.config.ConfigException e) {
            err.println("claimgate: configuration error: " + e.getMessage());
            return Main.USAGE;
        }
        Installation.Scrubbing scrubbing = installation.load(err);
        if (scrubbing == null) {
            return Main.USAGE;
        }
        FindingsCsvExport csv = scrubbing.csv();
        TherapyRules rules = scrubbing.rules();
        Ledger ledger;
        try {
            ledger = Ledger.open(settings.ledger());
        } catch (LedgerException e) {
            err.println("claimgate: " + e.getMessage() + ": " + Failures.describe(e));
            scrubbing.close();
            return Main.USAGE;
        }
        try (ledger) {
            return serve(err, settings, ledger, csv, rules);
        } catch (java.io.IOException | RuntimeException e) {
            err.println("claimgate: serve stopped: " + Failures.describe(e));
            return Main.USAGE;
        } finally {
            scrubbing.close();
        }
    }

    private int serve(PrintWriter err, GatewaySettings settings, Ledger ledger, FindingsCsvExport csv,
                      TherapyRules rules) throws Exception {
        Gateway gateway;
        try {
            gateway = new Gateway(settings, ledger, Installation.limited(new ScrubService(
                    settings.folders().out(), csv, rules), settings.limits()), new GatewayMetrics());
        } catch (IllegalArgumentException | io.claimgate.scrub.ControlNumbers.DamagedException e) {
            err.println("claimgate: configuration error: " + e.getMessage());
            return Main.USAGE;
        }
        int settled = gateway.reconcile();
        if (settled > 0) {
            err.printf("claimgate: %d file(s) left in the work folder by an earlier run were settled%n", settled);
        }
        ManagementServer management;
        DenialReport denialReport = null;
        int sftpCode = 0;
        try {
            management = settings.managementPort() < 0 ? null : new ManagementServer(settings, gateway);
        } catch (java.net.BindException e) {
            err.printf("claimgate: management port %s:%d is not free (set claimgate.management.port, -1 for "
                    + "none)%n", settings.managementHost(), settings.managementPort());
            return Main.USAGE;
        }
        try {
            denialReport = new DenialReport(installation.mappingsDir());
            GatewayRoutes routes = new GatewayRoutes(settings, gateway).remits(new RemitIntake(settings, ledger,
                    RemitCodes.load(installation.configDir().resolve("reference")), denialReport));
            org.apache.camel.main.Main main = new org.apache.camel.main.Main();
            main.configure().addRoutesBuilder(routes);
            main.configure().setName("claimgate");
            if (drain) {
                drainWatch(main, gateway);
            }
            String outbox = routes.sftpOutboxUri();
            if (outbox != null) {
                gateway.uploader(files -> {
                    ProducerTemplate template;
                    try {
                        template = main.getCamelTemplate();
                    } catch (Exception e) {
                        throw new java.io.IOException("Camel is not running", e);
                    }
                    for (Path f : files) {
                        template.sendBodyAndHeader(outbox, f.toFile(), Exchange.FILE_NAME,
                                f.getFileName().toString());
                    }
                });
            }
            gateway.housekeeping();
            err.printf("claimgate: serving inbox %s as node %s%s%n", settings.folders().inbox(), settings.node(),
                    management == null ? "" : ", management on " + settings.managementHost() + ":"
                            + management.port());
            main.run();
            if (drain) {
                // a drain that could not reach a configured SFTP inbox, or left work on it, does not exit 0
                sftpCode = routes.sftpDrainReport(err);
            }
        } finally {
            if (management != null) {
                management.close();
            }
            if (denialReport != null) {
                denialReport.close();
            }
        }
        int code = Math.max(gateway.exitCode(), sftpCode);
        if (drain) {
            int left = gateway.filesLeft();
            if (left > 0) {
                err.printf("claimgate: %d file(s) left unfinished in the inbox (still being written, waiting for a "
                        + "done marker or for the rest of an interchange)%n", left);
                code = Math.max(code, Main.USAGE);
            }
            err.flush();
        }
        return code;
    }

    /**
     * Ends a drain once nothing is in flight and no file has got anywhere (taken, answered, settled) for
     * {@code --idle-seconds}: a file that waits (incomplete, still open for writing) or an entry refused is not
     * activity, so they cannot keep a drain running; what they leave is counted at the end.
     */
    private void drainWatch(org.apache.camel.main.Main main, Gateway gateway) {
        java.time.Duration idle = java.time.Duration.ofSeconds(idleSeconds);
        Thread watch = new Thread(() -> {
            boolean started = false;
            while (true) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                org.apache.camel.CamelContext camel = main.getCamelContext();
                if (camel == null || !camel.isStarted()) {
                    continue;
                }
                if (!started) {
                    started = true;
                    gateway.progress(); // idle time counts from the start of the routes
                }
                if (camel.getInflightRepository().size() == 0 && gateway.sinceProgress().compareTo(idle) >= 0) {
                    main.completed();
                    return;
                }
            }
        }, "claimgate-drain");
        watch.setDaemon(true);
        watch.start();
    }
}
