package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.Batch;
import dev.berth.cli.commands.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "unpause", description = "Unpause all processes within one or more containers", customSynopsis = "CONTAINER [CONTAINER...]")
public final class UnpauseCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    public UnpauseCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        return Batch.each(cli, containers, c -> cli.containers().unpause(c));
    }
}
