package dev.berth.cli.commands.volume;

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

@Command(name = "inspect", description = "Display detailed information on one or more volumes", customSynopsis = "[OPTIONS] VOLUME [VOLUME...]")
public final class VolumeInspectCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--format"}, paramLabel = "string", description = InspectCommand.FORMAT_HELP)
    String format;

    @Parameters(arity = "1..*", paramLabel = "VOLUME")
    List<String> names;

    public VolumeInspectCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        return Inspector.run(cli, names, Inspector.Kind.VOLUME, format, false);
    }
}
