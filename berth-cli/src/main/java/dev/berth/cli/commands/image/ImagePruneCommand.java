package dev.berth.cli.commands.image;

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
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code berth image prune}: dangling images, or with {@code -a} every image no container uses. */
@Command(name = "prune", description = "Remove unused images", customSynopsis = "[OPTIONS]")
public final class ImagePruneCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--all"}, arity = "0..1", description = "Remove all unused images, not just dangling ones")
    boolean all;

    @Option(names = "--filter", paramLabel = "filter", converter = FilterFlags.Checked.class, description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Do not prompt for confirmation")
    boolean force;

    public ImagePruneCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FilterArgs f = FilterFlags.parse(filters, "--filter");
        String warning = all ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.";
        if (!force && !Prompts.confirmed(cli, warning)) return 0;
        JsonNode report = cli.images().prune(f.with("dangling", Boolean.toString(!all)));
        JsonNode deleted = report.path("ImagesDeleted");
        if (deleted.isArray() && !deleted.isEmpty()) {
            cli.out().println("Deleted Images:");
            for (JsonNode line : deleted) {
                line.properties().forEach(e -> cli.out().println(e.getKey().toLowerCase(Locale.ROOT) + ": " + e.getValue().asText()));
            }
            cli.out().println();
        }
        cli.out().println("Total reclaimed space: " + Sizes.human(report.path("SpaceReclaimed").asLong()));
        return 0;
    }
}
