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

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        // serve returns only on failure; its server threads would otherwise keep the JVM up
        System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
