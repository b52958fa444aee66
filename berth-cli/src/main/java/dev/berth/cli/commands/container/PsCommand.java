package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.FilterFlags;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.view.ContainerRow;
import dev.berth.cli.view.Listing;
import dev.berth.client.api.FilterArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth ps} / {@code berth container ls}. */
@Command(name = "ps", description = "List containers", customSynopsis = "[OPTIONS]")
public final class PsCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--all"}, arity = "0..1", description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = Listing.FORMAT_HELP)
    String format;

    @Option(names = {"-n", "--last"}, paramLabel = "int", description = "Show n last created containers (includes all states) (default -1)")
    int last = -1;

    @Option(names = {"-l", "--latest"}, arity = "0..1", description = "Show the latest created container (includes all states)")
    boolean latest;

    @Option(names = "--no-trunc", arity = "0..1", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", description = "Only display container IDs")
    boolean quiet;

    @Option(names = {"-s", "--size"}, arity = "0..1", description = "Display total file sizes")
    boolean size;

    public PsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FilterArgs f = FilterFlags.parse(filters, "-f, --filter");
        String table = size ? ContainerRow.DEFAULT_TABLE + "\t{{.Size}}" : ContainerRow.DEFAULT_TABLE;
        // ps, unlike the other lists, lets -q win over a custom format, and says so
        boolean custom = format != null && !format.isEmpty() && !format.equals("table");
        if (quiet && custom) cli.err().println("WARNING: Ignoring custom format, because both --format and --quiet are set.");
        String fmt = quiet ? "{{.ID}}" : Listing.choose(format, false, "{{.ID}}", table);
        // the size is computed by the daemon only when a column needs it
        boolean wantSize = size || fmt.contains(".Size");
        JsonNode list = cli.containers().list(all, latest ? 1 : last, wantSize, f);
        List<ContainerRow> rows = new ArrayList<>();
        for (JsonNode c : list) rows.add(new ContainerRow(c, !noTrunc, cli.clock().instant(), ZoneId::systemDefault));
        cli.out().print(Listing.render(fmt, ContainerRow.HEADERS, rows, Listing.Errors.CONTAINERS));
        return 0;
    }
}
