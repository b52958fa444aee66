package dev.berth.cli.commands;

import dev.berth.cli.BerthVersion;
import dev.berth.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code berth} itself: the global options; without a command it prints its help, as docker does. */
@Command(name = "berth", description = "A self-sufficient runtime for containers", customSynopsis = "[OPTIONS] COMMAND")
public final class RootCommand implements Callable<Integer> {
    private final Cli cli;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, hidden = true)
    boolean help;

    @Option(names = {"-D", "--debug"}, arity = "0..1", description = "Enable debug mode")
    boolean debug;

    @Option(names = {"-l", "--log-level"}, paramLabel = "string", description = "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\") (default \"info\")")
    String logLevel;

    @Option(names = {"-v", "--version"}, arity = "0..1", description = "Print version information and quit")
    boolean version;

    public RootCommand(Cli cli) {
        this.cli = cli;
    }

    @Option(names = {"-H", "--host"}, paramLabel = "list", description = "Daemon socket to connect to")
    void host(String host) {
        cli.hostFlag(host);
    }

    @Override
    public Integer call() {
        if (version) {
            cli.out().println("berth version " + BerthVersion.VERSION);
            return 0;
        }
        spec.commandLine().usage(cli.out());
        return 0;
    }
}
