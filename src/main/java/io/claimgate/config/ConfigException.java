package io.claimgate.config;

/** Configuration that cannot be used: the message names the file and what is wrong with it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
