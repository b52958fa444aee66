package dev.berth.cli.run;

/** A flag combination or value the docker CLI rejects after parsing (reported as "berth: ..." with exit 125). */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
