package dev.berth.cli.commands.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.FilterFlags;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.view.ImageRow;
import dev.berth.cli.view.Listing;
import dev.berth.client.api.FilterArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code berth images} / {@code berth image ls}: one row per repository:tag. The {@code reference}
 * and {@code dangling} filters are also applied here, so the result is right even from a daemon
 * that ignores them.
 */
@Command(name = "images", description = "List images", customSynopsis = "[OPTIONS] [REPOSITORY[:TAG]]")
public final class ImagesCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--all"}, arity = "0..1", description = "Show all images (default hides intermediate images)")
    boolean all;

    @Option(names = "--digests", arity = "0..1", description = "Show digests")
    boolean digests;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = Listing.FORMAT_HELP)
    String format;

    @Option(names = "--no-trunc", arity = "0..1", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", description = "Only show image IDs")
    boolean quiet;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    public ImagesCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FilterArgs f = FilterFlags.parse(filters, "-f, --filter");
        if (reference != null) f = f.with("reference", reference);
        JsonNode list = cli.images().list(all, f);
        List<ImageRow> rows = new ArrayList<>();
        for (JsonNode i : list) {
            for (ImageRow r : ImageRow.of(i, !noTrunc, cli.clock().instant(), ZoneId::systemDefault)) {
                if (matches(r, f)) rows.add(r);
            }
        }
        String fmt = Listing.choose(format, quiet, "{{.ID}}", digests ? ImageRow.DIGESTS_TABLE : ImageRow.DEFAULT_TABLE);
        cli.out().print(Listing.render(fmt, ImageRow.HEADERS, rows));
        return 0;
    }

    private static boolean matches(ImageRow r, FilterArgs f) {
        List<String> refs = f.get("reference");
        if (!refs.isEmpty()) {
            String repo = (String) r.field("Repository", List.of());
            String tag = (String) r.field("Tag", List.of());
            boolean any = false;
            for (String pattern : refs) {
                boolean hasTag = pattern.lastIndexOf(':') > pattern.lastIndexOf('/');
                any |= glob(pattern).matcher(hasTag ? repo + ":" + tag : repo).matches();
            }
            if (!any) return false;
        }
        List<String> dangling = f.get("dangling");
        if (!dangling.isEmpty()) return dangling.contains("true") == r.dangling();
        return true;
    }

    /** Docker's reference filter is a path glob: {@code *} does not cross {@code /}. */
    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
