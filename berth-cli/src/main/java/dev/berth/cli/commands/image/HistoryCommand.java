package dev.berth.cli.commands.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.view.HistoryRow;
import dev.berth.cli.view.Listing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth history}: the image's build steps, newest first. */
@Command(name = "history", description = "Show the history of an image", customSynopsis = "[OPTIONS] IMAGE")
public final class HistoryCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = "--format", paramLabel = "string", description = Listing.FORMAT_HELP)
    String format;

    @Option(names = {"-H", "--human"}, arity = "0..1", description = "Print sizes and dates in human readable format (default true)")
    boolean human = true;

    @Option(names = "--no-trunc", arity = "0..1", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", description = "Only show image IDs")
    boolean quiet;

    @Parameters(index = "0", arity = "1", paramLabel = "IMAGE")
    String image;

    public HistoryCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        List<HistoryRow> rows = new ArrayList<>();
        for (JsonNode h : cli.images().history(image)) rows.add(new HistoryRow(h, !noTrunc, human, cli.clock().instant(), ZoneId::systemDefault));
        String fmt = Listing.choose(format, quiet, "{{.ID}}", HistoryRow.DEFAULT_TABLE);
        cli.out().print(Listing.render(fmt, HistoryRow.headers(human), rows));
        return 0;
    }
}
