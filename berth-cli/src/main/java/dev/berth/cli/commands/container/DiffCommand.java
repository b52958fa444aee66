package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code berth diff}: one {@code C|A|D path} line per change of the container's filesystem. */
@Command(name = "diff", description = "Inspect changes to files or directories on a container's filesystem", customSynopsis = "CONTAINER")
public final class DiffCommand implements Callable<Integer> {
    private static final String KINDS = "CAD";
    private final Cli cli;
    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    public DiffCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        for (JsonNode ch : cli.containers().changes(container)) {
            int kind = ch.path("Kind").asInt();
            cli.out().println((kind >= 0 && kind < KINDS.length() ? KINDS.charAt(kind) : '?') + " " + ch.path("Path").asText());
        }
        return 0;
    }
}
