package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.Batch;
import dev.berth.cli.commands.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rm", description = "Remove one or more containers", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]")
public final class RmCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Option(names = {"-l", "--link"}, arity = "0..1", description = "Remove the specified link")
    boolean link;

    @Option(names = {"-v", "--volumes"}, arity = "0..1", description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    public RmCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        // with --force a container that is already gone is reported but is not a failure
        return Batch.run(cli, containers, c -> cli.containers().remove(c, force, volumes, link), true,
                e -> !(force && e.isNotFound())).isEmpty() ? 0 : 1;
    }
}
