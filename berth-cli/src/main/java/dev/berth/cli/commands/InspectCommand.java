package dev.berth.cli.commands;

import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code berth inspect}: containers or images by name or id; without {@code --type} the first kind that matches. */
@Command(name = "inspect", description = "Return low-level information on berth objects", customSynopsis = "[OPTIONS] NAME|ID [NAME|ID...]")
public final class InspectCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    /** The help of the {@code -f/--format} flag of docker's inspect commands. */
    public static final String FORMAT_HELP = """
            Format output using a custom template:
            'json':             Print in JSON format
            'TEMPLATE':         Print output using the given Go template.
            Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates""";

    @Option(names = {"-f", "--format"}, paramLabel = "string", description = FORMAT_HELP)
    String format;

    @Option(names = {"-s", "--size"}, arity = "0..1", description = "Display total file sizes if the type is container")
    boolean size;

    @Option(names = "--type", paramLabel = "string", description = "Only inspect objects of the given type")
    String type;

    @Parameters(arity = "1..*", paramLabel = "NAME|ID")
    List<String> names;

    public InspectCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Inspector.Kind kind = null;
        if (type != null && !type.isEmpty()) {
            kind = switch (type.toLowerCase(Locale.ROOT)) {
                case "container" -> Inspector.Kind.CONTAINER;
                case "image" -> Inspector.Kind.IMAGE;
                case "network" -> Inspector.Kind.NETWORK;
                case "volume" -> Inspector.Kind.VOLUME;
                default -> throw new StatusException(1, "unknown type: \"" + type + "\": must be one of \"container\", \"image\", \"network\", \"volume\"");
            };
        }
        return Inspector.run(cli, names, kind, format, size);
    }
}
