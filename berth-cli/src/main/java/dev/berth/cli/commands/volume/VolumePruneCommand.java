package dev.berth.cli.commands.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.FilterFlags;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.commands.Prompts;
import dev.berth.cli.format.Sizes;
import dev.berth.client.api.FilterArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code berth volume prune}: since API 1.42 the daemon prunes only anonymous volumes unless the
 * filter {@code all=true} asks for named ones too, which is what {@code -a} sends.
 */
@Command(name = "prune", description = "Remove unused local volumes", customSynopsis = "[OPTIONS]")
public final class VolumePruneCommand implements Callable<Integer> {
    static final String ANONYMOUS_WARNING = "WARNING! This will remove anonymous local volumes not used by at least one container.";
    static final String ALL_WARNING = "WARNING! This will remove all local volumes not used by at least one container.";

    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--all"}, arity = "0..1", description = "Remove all unused volumes, not just anonymous ones")
    boolean all;

    @Option(names = "--filter", paramLabel = "filter", converter = FilterFlags.Checked.class, description = "Provide filter values (e.g. \"label=<label>\")")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Do not prompt for confirmation")
    boolean force;

    public VolumePruneCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FilterArgs f = filters(FilterFlags.parse(filters, "--filter"), all);
        if (!force && !Prompts.confirmed(cli, all ? ALL_WARNING : ANONYMOUS_WARNING)) return 0;
        Report r = prune(cli, f);
        cli.out().print(r.text());
        cli.out().println("Total reclaimed space: " + Sizes.human(r.spaceReclaimed(), 4));
        return 0;
    }

    /** The filters sent: the user's, plus {@code all=true} for {@code -a}, which may not be given both ways. */
    static FilterArgs filters(FilterArgs user, boolean all) {
        if (!all) return user;
        if (!user.get("all").isEmpty()) throw new StatusException(1, "conflicting options: cannot specify both --all and --filter all=1");
        return user.with("all", "true");
    }

    /** What a prune removed, as the lines docker prints before the total (empty when nothing went). */
    public record Report(String text, long spaceReclaimed) {}

    /** Prunes with {@code filters}; {@code system prune} shares this. */
    public static Report prune(Cli cli, FilterArgs filters) throws IOException {
        JsonNode report = cli.volumes().prune(filters);
        return new Report(section("Deleted Volumes:", report.path("VolumesDeleted")), report.path("SpaceReclaimed").asLong());
    }

    /** {@code title}, one line per name, then an empty line; nothing when there are no names. */
    public static String section(String title, JsonNode names) {
        if (!names.isArray() || names.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(title).append('\n');
        names.forEach(n -> sb.append(n.asText()).append('\n'));
        return sb.append('\n').toString();
    }
}
