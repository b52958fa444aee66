package dev.berth.registry;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code berth registry ...}: the standalone OCI registry, its own JVM (bin/berth-registry), so
 * the berth CLI carries neither Jetty nor bcrypt.
 */
@Command(name = "berth registry", description = "Run and maintain an OCI distribution registry",
        mixinStandardHelpOptions = true, subcommands = {ServeCommand.class, GcCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Held so the setting is not collected with a weakly referenced logger. */
    private static final java.util.logging.Logger JETTY = java.util.logging.Logger.getLogger("org.eclipse.jetty");

    public static void main(String[] args) {
        // Jetty's start-up banner says nothing the "listening on" line does not
        JETTY.setLevel(java.util.logging.Level.WARNING);
        int code = new CommandLine(new Main()).execute(args);
        // serve returns only on failure; its server threads would otherwise keep the JVM up
        System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
