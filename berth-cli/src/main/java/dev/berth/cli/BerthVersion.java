package dev.berth.cli;

/** The version the CLI reports ({@code berth --version}, {@code berth version}). */
public final class BerthVersion {
    public static final String VERSION = "0.1.0";

    private BerthVersion() {}
}
