package io.claimgate.config;

import java.nio.file.Path;

/**
 * Everything the rules need, loaded once at start from a config folder: the payer policies and the reference
 * tables.
 */
public record Configuration(Policies policies, ReferenceTables tables) {

    /** Loads {@code configDir/reference}, {@code configDir/ytd} and the policies of {@code payersDir}. */
    public static Configuration load(Path configDir, Path payersDir) {
        ReferenceTables tables = ReferenceTables.load(configDir.resolve("reference"), configDir.resolve("ytd"));
        return new Configuration(Policies.load(payersDir, tables), tables);
    }

    public static Configuration load(Path configDir) {
        return load(configDir, configDir.resolve("payers"));
    }
}
