package io.claimgate.cli;

import io.claimgate.config.ConfigException;
import io.claimgate.config.Configuration;
import io.claimgate.report.FindingsCsvExport;
import io.claimgate.rules.therapy.TherapyRules;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The options of every command that scrubs (picocli mixin): where the configuration, payer policies and export
 * mappings are, each defaulting to the installation's folders, and loading them with one error message style.
 */
final class Installation {

    @Option(names = "--config", paramLabel = "DIR",
            description = "configuration folder (default: the installation's config/)")
    Path config;

    @Option(names = "--payer-config", paramLabel = "DIR",
            description = "payer policy folder (default: the configuration folder's payers/)")
    Path payerConfig;

    @Option(names = "--mappings", paramLabel = "DIR",
            description = "Smooks export mappings folder (default: the installation's mappings/)")
    Path mappings;

    /** What the scrub service needs, loaded and checked; closed when the command ends. */
    record Scrubbing(Configuration configuration, FindingsCsvExport csv, TherapyRules rules,
                     io.claimgate.config.InputLimits limits) implements AutoCloseable {
        @Override
        public void close() {
            csv.close();
            rules.close();
        }
    }

    /** The installation folder ({@code -Dclaimgate.home}, set by the launcher). */
    Path home() {
        return Paths.get(System.getProperty("claimgate.home", "."));
    }

    Path configDir() {
        return config != null ? config : home().resolve("config");
    }

    /**
     * The gateway's settings: {@code properties} (default: the configuration folder's application.properties)
     * with {@code overrides} over it. Throws IllegalArgumentException on a bad or unknown setting.
     */
    io.claimgate.gateway.GatewaySettings gatewaySettings(Path properties, java.util.Map<String, String> overrides)
            throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        p.putAll(overrides);
        return io.claimgate.gateway.GatewaySettings.load(home(), properties != null ? properties
                : configDir().resolve("application.properties"), p);
    }

    /** The scrub service with the configured input limits. */
    static io.claimgate.scrub.ScrubService limited(io.claimgate.scrub.ScrubService service,
                                                   io.claimgate.config.InputLimits limits) {
        return service.limits(new io.claimgate.x12.ClaimReader.Limits(limits.maxSegmentLength(),
                limits.maxClaimsPerSet(), limits.maxLinesPerClaim(), limits.maxSegmentsPerClaim()),
                limits.maxFileBytes());
    }

    Path mappingsDir() {
        return mappings != null ? mappings : home().resolve("mappings");
    }

    /**
     * Loads configuration, rules and export mappings; on a problem prints one line to {@code err} and returns
     * null (the caller exits with {@link Main#USAGE}).
     */
    Scrubbing load(PrintWriter err) {
        Path configDir = configDir();
        if (!Files.isDirectory(configDir)) {
            err.println("claimgate: configuration folder not found: " + configDir);
            return null;
        }
        Configuration configuration;
        try {
            configuration = Configuration.load(configDir, payerConfig != null ? payerConfig
                    : configDir.resolve("payers"));
        } catch (ConfigException e) {
            err.println("claimgate: configuration error: " + e.getMessage());
            return null;
        }
        FindingsCsvExport csv;
        try {
            csv = new FindingsCsvExport(mappingsDir());
        } catch (IllegalArgumentException e) {
            err.println("claimgate: " + e.getMessage());
            return null;
        }
        io.claimgate.config.InputLimits limits;
        try {
            limits = io.claimgate.config.InputLimits.load(configDir.resolve("application.properties"));
        } catch (ConfigException e) {
            csv.close();
            err.println("claimgate: configuration error: " + e.getMessage());
            return null;
        }
        return new Scrubbing(configuration, csv, new TherapyRules(configuration), limits);
    }
}
