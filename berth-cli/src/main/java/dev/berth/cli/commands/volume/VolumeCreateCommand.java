package dev.berth.cli.commands.volume;

import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code berth volume create}: prints the new volume's name (the daemon's choice when none is
 * given). Options are not checked here: the driver refuses those it does not know, by name.
 */
@Command(name = "create", description = "Create a volume", customSynopsis = "[OPTIONS] [VOLUME]")
public final class VolumeCreateCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-d", "--driver"}, paramLabel = "string", description = "Specify volume driver name (default \"local\")")
    String driver = "local";

    @Option(names = "--label", paramLabel = "list", description = "Set metadata for a volume")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-o", "--opt"}, paramLabel = "map", description = "Set driver specific options (default map[])")
    List<String> opts = new ArrayList<>();

    /** docker's hidden, older spelling of the positional name. */
    @Option(names = "--name", paramLabel = "string", hidden = true, description = "Specify volume name")
    String nameFlag;

    @Parameters(arity = "0..1", paramLabel = "VOLUME")
    String name;

    public VolumeCreateCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (name != null && nameFlag != null) {
            throw new StatusException(1, "conflicting options: cannot specify a volume-name through both --name and as a positional arg");
        }
        String chosen = name != null ? name : nameFlag != null ? nameFlag : "";
        var created = cli.volumes().create(chosen, driver, pairs(opts), pairs(labels));
        cli.out().println(created.path("Name").asText());
        return 0;
    }

    /** {@code key=value} flags as a map; a bare {@code key} has an empty value, and a repeated key keeps its last value. */
    static Map<String, String> pairs(List<String> flags) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : flags) {
            int eq = f.indexOf('=');
            if (eq < 0) m.put(f, "");
            else m.put(f.substring(0, eq), f.substring(eq + 1));
        }
        return m;
    }
}
