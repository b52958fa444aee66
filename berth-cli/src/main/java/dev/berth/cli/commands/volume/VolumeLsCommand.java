package dev.berth.cli.commands.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.FilterFlags;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.format.NaturalOrder;
import dev.berth.cli.view.Listing;
import dev.berth.cli.view.VolumeRow;
import dev.berth.client.api.FilterArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth volume ls}: one row per volume, sorted by name in docker's natural order; the daemon's warnings go to stderr. */
@Command(name = "ls", description = "List volumes", customSynopsis = "[OPTIONS]")
public final class VolumeLsCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter", converter = FilterFlags.Checked.class, description = "Provide filter values (e.g. \"dangling=true\")")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = Listing.FORMAT_HELP)
    String format;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", description = "Only display volume names")
    boolean quiet;

    public VolumeLsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FilterArgs f = FilterFlags.parse(filters, "-f, --filter");
        JsonNode answer = cli.volumes().list(f);
        List<VolumeRow> rows = new ArrayList<>();
        for (JsonNode v : answer.path("Volumes")) rows.add(new VolumeRow(v));
        rows.sort(Comparator.comparing(VolumeRow::name, NaturalOrder.INSTANCE));
        String fmt = Listing.choose(format, quiet, VolumeRow.QUIET, VolumeRow.DEFAULT_TABLE);
        cli.out().print(Listing.render(fmt, VolumeRow.HEADERS, rows));
        for (JsonNode w : answer.path("Warnings")) cli.err().println(w.asText());
        return 0;
    }
}
