package dev.berth.cli.commands.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.FilterFlags;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.commands.Prompts;
import dev.berth.cli.commands.volume.VolumePruneCommand;
import dev.berth.cli.format.Sizes;
import dev.berth.client.ApiException;
import dev.berth.client.api.FilterArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code berth system prune}: containers, networks, with {@code --volumes} anonymous volumes,
 * images and build cache, in docker's order, each with the same filters. {@code -a} widens only
 * images and build cache: volumes stay anonymous-only, as with docker since API 1.42.
 */
@Command(name = "prune", description = "Remove unused data", customSynopsis = "[OPTIONS]")
public final class SystemPruneCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--all"}, arity = "0..1", description = "Remove all unused images not just dangling ones")
    boolean all;

    @Option(names = "--filter", paramLabel = "filter", converter = FilterFlags.Checked.class, description = "Provide filter values (e.g. \"label=<key>=<value>\")")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Do not prompt for confirmation")
    boolean force;

    @Option(names = "--volumes", arity = "0..1", description = "Prune anonymous volumes")
    boolean volumes;

    public SystemPruneCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FilterArgs f = FilterFlags.parse(filters, "--filter");
        // the volume prune API has no "until"; docker refuses before asking anything
        if (volumes && !f.get("until").isEmpty()) throw new StatusException(1, "ERROR: The \"until\" filter is not supported with \"--volumes\"");
        if (!force && !Prompts.confirmed(cli, warning(all, volumes, f))) return 0;

        long reclaimed = 0;
        JsonNode containers = cli.containers().prune(f);
        reclaimed += containers.path("SpaceReclaimed").asLong();
        print(VolumePruneCommand.section("Deleted Containers:", containers.path("ContainersDeleted")));
        print(VolumePruneCommand.section("Deleted Networks:", cli.networks().prune(f).path("NetworksDeleted")));
        if (volumes) {
            VolumePruneCommand.Report r = VolumePruneCommand.prune(cli, f);
            reclaimed += r.spaceReclaimed();
            print(r.text());
        }
        JsonNode images = cli.images().prune(f.with("dangling", Boolean.toString(!all)));
        reclaimed += images.path("SpaceReclaimed").asLong();
        print(imageLines(images.path("ImagesDeleted")));
        reclaimed += buildCache(f);
        cli.out().println("Total reclaimed space: " + Sizes.human(reclaimed, 4));
        return 0;
    }

    /**
     * The build cache's share. berthd has no builder yet and answers 501 there; that is "nothing
     * to prune" rather than a failure, so the rest of the prune still reports (the docker CLI
     * stops with the daemon's error at this last step).
     */
    private long buildCache(FilterArgs f) throws java.io.IOException {
        try {
            JsonNode build = cli.system().pruneBuildCache(all, f);
            print(VolumePruneCommand.section("Deleted build cache objects:", build.path("CachesDeleted")));
            return build.path("SpaceReclaimed").asLong();
        } catch (ApiException e) {
            if (e.status() == 501) return 0;
            throw e;
        }
    }

    private void print(String section) {
        cli.out().print(section);
    }

    /** {@code untagged: ...} / {@code deleted: ...} lines, as image prune prints them. */
    private static String imageLines(JsonNode deleted) {
        if (!deleted.isArray() || deleted.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("Deleted Images:\n");
        for (JsonNode line : deleted) {
            line.properties().forEach(e -> sb.append(e.getKey().toLowerCase(Locale.ROOT)).append(": ").append(e.getValue().asText()).append('\n'));
        }
        return sb.append('\n').toString();
    }

    /** docker's list of what goes, then the label and until filters that narrow it, sorted. */
    static String warning(boolean all, boolean volumes, FilterArgs f) {
        StringBuilder sb = new StringBuilder("WARNING! This will remove:\n");
        sb.append("  - all stopped containers\n");
        sb.append("  - all networks not used by at least one container\n");
        if (volumes) sb.append("  - all anonymous volumes not used by at least one container\n");
        sb.append(all ? "  - all images without at least one container associated to them\n" : "  - all dangling images\n");
        sb.append(all ? "  - all build cache\n" : "  - unused build cache\n");
        List<String> shown = new ArrayList<>();
        for (String key : List.of("label", "label!", "until")) for (String v : f.get(key)) shown.add(key + "=" + v);
        if (!shown.isEmpty()) {
            shown.sort(null);
            sb.append("\n  Items to be pruned will be filtered with:\n");
            shown.forEach(s -> sb.append("  - ").append(s).append('\n'));
        }
        return sb.toString();
    }
}
