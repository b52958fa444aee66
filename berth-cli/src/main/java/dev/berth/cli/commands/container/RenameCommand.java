package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "rename", description = "Rename a container", customSynopsis = "CONTAINER NEW_NAME")
public final class RenameCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "1", paramLabel = "NEW_NAME")
    String newName;

    public RenameCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (newName.isBlank()) {
            cli.err().println("Error: neither old or new names may be empty");
            return 1;
        }
        try {
            cli.containers().rename(container, newName.strip());
        } catch (dev.berth.client.ApiException e) {
            cli.err().println("Error response from daemon: " + e.getMessage());
            cli.err().println("Error: failed to rename container named " + container);
            return 1;
        }
        return 0;
    }
}
