package dev.berth.cli.commands.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.FilterFlags;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.format.NaturalOrder;
import dev.berth.cli.view.Listing;
import dev.berth.cli.view.NetworkRow;
import dev.berth.client.api.FilterArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth network ls}: one row per network, sorted by name as docker sorts them. */
@Command(name = "ls", description = "List networks", customSynopsis = "[OPTIONS]")
public final class NetworkLsCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter", converter = FilterFlags.Checked.class, description = "Provide filter values (e.g. \"driver=bridge\")")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = Listing.FORMAT_HELP)
    String format;

    @Option(names = "--no-trunc", arity = "0..1", description = "Do not truncate the output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", description = "Only display network IDs")
    boolean quiet;

    public NetworkLsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FilterArgs f = FilterFlags.parse(filters, "-f, --filter");
        List<NetworkRow> rows = new ArrayList<>();
        for (JsonNode n : cli.networks().list(f)) rows.add(new NetworkRow(n, !noTrunc, ZoneId::systemDefault));
        rows.sort(Comparator.comparing(r -> (String) r.field("Name", List.of()), NaturalOrder.INSTANCE));
        String fmt = Listing.choose(format, quiet, "{{.ID}}", NetworkRow.DEFAULT_TABLE);
        cli.out().print(Listing.render(fmt, NetworkRow.HEADERS, rows));
        return 0;
    }
}
