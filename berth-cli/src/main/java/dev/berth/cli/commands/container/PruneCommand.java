package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.FilterFlags;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.commands.Prompts;
import dev.berth.cli.format.Sizes;
import dev.berth.client.api.FilterArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth container prune}: asks first unless {@code -f}, then prints what was deleted and the space reclaimed. */
@Command(name = "prune", description = "Remove all stopped containers", customSynopsis = "[OPTIONS]")
public final class PruneCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = "--filter", paramLabel = "filter", converter = FilterFlags.Checked.class, description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Do not prompt for confirmation")
    boolean force;

    public PruneCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (!force && !Prompts.confirmed(cli, "WARNING! This will remove all stopped containers.")) return 0;
        JsonNode report = cli.containers().prune(FilterArgs.parse(filters));
        JsonNode deleted = report.path("ContainersDeleted");
        if (deleted.isArray() && !deleted.isEmpty()) {
            cli.out().println("Deleted Containers:");
            deleted.forEach(id -> cli.out().println(id.asText()));
            cli.out().println();
        }
        cli.out().println("Total reclaimed space: " + Sizes.human(report.path("SpaceReclaimed").asLong()));
        return 0;
    }
}
