package dev.berth.cli.commands.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.FilterFlags;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.commands.Prompts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth network prune}: docker's prompt and its "Deleted Networks:" list. */
@Command(name = "prune", description = "Remove all unused networks", customSynopsis = "[OPTIONS]")
public final class NetworkPruneCommand implements Callable<Integer> {
    static final String WARNING = "WARNING! This will remove all custom networks not used by at least one container.";
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = "--filter", paramLabel = "filter", converter = FilterFlags.Checked.class, description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Do not prompt for confirmation")
    boolean force;

    public NetworkPruneCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        var f = FilterFlags.parse(filters, "--filter");
        if (!force && !Prompts.confirmed(cli, WARNING)) return 0;
        JsonNode report = cli.networks().prune(f);
        JsonNode names = report.path("NetworksDeleted");
        if (names.isArray() && !names.isEmpty()) {
            cli.out().println("Deleted Networks:");
            names.forEach(n -> cli.out().println(n.asText()));
        }
        return 0;
    }
}
