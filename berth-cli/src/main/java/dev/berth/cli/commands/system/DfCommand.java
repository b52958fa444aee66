package dev.berth.cli.commands.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.format.Sizes;
import dev.berth.cli.view.ContainerRow;
import dev.berth.cli.view.DiskUsageRow;
import dev.berth.cli.view.ImageRow;
import dev.berth.cli.view.Listing;
import dev.berth.cli.view.VolumeRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code berth system df}: the daemon's disk usage by kind, computed as docker's CLI does from
 * {@code /system/df}; with {@code -v}, every image and container too.
 */
@Command(name = "df", description = "Show berth disk usage", customSynopsis = "[OPTIONS]")
public final class DfCommand implements Callable<Integer> {
    private static final String IMAGES_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
    private static final String VOLUMES_TABLE = "table {{.Name}}\t{{.Links}}\t{{.Size}}";
    private static final String CONTAINERS_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";

    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = "--format", paramLabel = "string", description = Listing.FORMAT_HELP)
    String format;

    @Option(names = {"-v", "--verbose"}, arity = "0..1", description = "Show detailed information on space usage")
    boolean verbose;

    public DfCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode df = cli.system().diskUsage();
        if (verbose) {
            printVerbose(df);
            return 0;
        }
        String fmt = Listing.choose(format, false, null, DiskUsageRow.DEFAULT_TABLE);
        cli.out().print(Listing.render(fmt, DiskUsageRow.HEADERS, summary(df)));
        return 0;
    }

    /** docker's sums: an image is active while a container uses it, a container while it runs. */
    static List<DiskUsageRow> summary(JsonNode df) {
        long layers = df.path("LayersSize").asLong();
        long imagesActive = 0;
        long usedByActive = 0;
        for (JsonNode i : df.path("Images")) {
            if (i.path("Containers").asLong() <= 0) continue;
            imagesActive++;
            if (i.path("Size").asLong(-1) >= 0 && i.path("SharedSize").asLong(-1) >= 0) usedByActive += i.path("Size").asLong() - i.path("SharedSize").asLong();
        }
        long containersActive = 0;
        long containersSize = 0;
        long containersReclaimable = 0;
        for (JsonNode c : df.path("Containers")) {
            long rw = c.path("SizeRw").asLong();
            containersSize += rw;
            if (c.path("State").asText().equals("running")) containersActive++;
            else containersReclaimable += rw;
        }
        return List.of(
                new DiskUsageRow("Images", df.path("Images").size(), imagesActive, layers, layers - usedByActive),
                new DiskUsageRow("Containers", df.path("Containers").size(), containersActive, containersSize, containersReclaimable),
                volumes(df.path("Volumes")),
                new DiskUsageRow("Build Cache", df.path("BuildCache").size(), 0, 0, 0));
    }

    /**
     * docker's volume sums: a volume is active while a container references it; sizes the
     * daemon did not compute (-1) count for nothing, and only unreferenced volumes are reclaimable.
     */
    static DiskUsageRow volumes(JsonNode volumes) {
        long active = 0;
        long size = 0;
        long reclaimable = 0;
        for (JsonNode v : volumes) {
            JsonNode usage = v.path("UsageData");
            long refs = usage.path("RefCount").asLong();
            long bytes = usage.path("Size").asLong(-1);
            if (refs > 0) active++;
            if (bytes < 0) continue;
            size += bytes;
            if (refs == 0) reclaimable += bytes;
        }
        return new DiskUsageRow("Local Volumes", volumes.size(), active, size, reclaimable);
    }

    private void printVerbose(JsonNode df) {
        Instant now = cli.clock().instant();
        List<ImageRow> images = new ArrayList<>();
        // one row per image, under its first tag, as docker's verbose view
        for (JsonNode i : df.path("Images")) images.add(ImageRow.of(i, true, now, ZoneId::systemDefault).getFirst());
        List<ContainerRow> containers = new ArrayList<>();
        for (JsonNode c : df.path("Containers")) {
            // the SIZE column here is the writable layer alone, without ps -s's "(virtual ...)"
            ObjectNode rwOnly = ((ObjectNode) c).deepCopy();
            rwOnly.remove("SizeRootFs");
            containers.add(new ContainerRow(rwOnly, true, now, ZoneId::systemDefault));
        }
        StringBuilder out = new StringBuilder();
        out.append("Images space usage:\n\n").append(Listing.render(IMAGES_TABLE, ImageRow.HEADERS, images));
        out.append("\nContainers space usage:\n\n").append(Listing.render(CONTAINERS_TABLE, ContainerRow.HEADERS, containers));
        List<VolumeRow> volumes = new ArrayList<>();
        for (JsonNode v : df.path("Volumes")) volumes.add(new VolumeRow(v));
        out.append("\nLocal Volumes space usage:\n\n").append(Listing.render(VOLUMES_TABLE, VolumeRow.HEADERS, volumes));
        out.append("\nBuild cache usage: ").append(Sizes.human(0)).append("\n\nCACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED\n");
        cli.out().print(out);
    }
}
