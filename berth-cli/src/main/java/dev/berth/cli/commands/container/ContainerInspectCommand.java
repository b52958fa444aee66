package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.commands.Inspector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "inspect", description = "Display detailed information on one or more containers", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]")
public final class ContainerInspectCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--format"}, paramLabel = "string", description = "Format output using a custom template")
    String format;

    @Option(names = {"-s", "--size"}, arity = "0..1", description = "Display total file sizes")
    boolean size;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> names;

    public ContainerInspectCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        return Inspector.run(cli, names, Inspector.Kind.CONTAINER, format, size);
    }
}
