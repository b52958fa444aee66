package dev.berth.cli.commands.network;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.commands.InspectCommand;
import dev.berth.cli.commands.Inspector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "inspect", description = "Display detailed information on one or more networks", customSynopsis = "[OPTIONS] NETWORK [NETWORK...]")
public final class NetworkInspectCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--format"}, paramLabel = "string", description = InspectCommand.FORMAT_HELP)
    String format;

    @Option(names = {"-v", "--verbose"}, arity = "0..1", description = "Verbose output for diagnostics")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    public NetworkInspectCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        return Inspector.run(cli, names, Inspector.Kind.NETWORK, format, false);
    }
}
