package dev.berth.cli.commands;

import picocli.CommandLine.Option;

/** {@code --help} alone, for commands whose {@code -h} means something else. */
public final class LongHelpOption {
    @Option(names = "--help", usageHelp = true, hidden = true, description = "Print usage")
    boolean help;
}
