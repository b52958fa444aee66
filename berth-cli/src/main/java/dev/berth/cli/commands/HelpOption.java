package dev.berth.cli.commands;

import picocli.CommandLine.Option;

/** {@code -h/--help} on commands where {@code -h} is free (docker's run and create use it for --hostname). */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, hidden = true, description = "Print usage")
    boolean help;
}
