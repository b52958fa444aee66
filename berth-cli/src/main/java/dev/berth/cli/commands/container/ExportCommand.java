package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.commands.TarOutput;
import dev.berth.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code berth export}: the container's filesystem as a tar, to {@code -o FILE} or stdout (never to a terminal). */
@Command(name = "export", description = "Export a container's filesystem as a tar archive", customSynopsis = "[OPTIONS] CONTAINER")
public final class ExportCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-o", "--output"}, paramLabel = "string", description = "Write to a file, instead of STDOUT")
    String output;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    public ExportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        TarOutput.refuseTerminal(cli, output);
        try (Response r = cli.containers().export(container)) {
            TarOutput.write(cli, output, r.body());
        }
        return 0;
    }
}
