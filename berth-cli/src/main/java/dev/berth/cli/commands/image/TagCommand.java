package dev.berth.cli.commands.image;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.run.ConfigException;
import dev.berth.cli.run.ImageReference;
import dev.berth.cli.StatusException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code berth tag SOURCE TARGET}: the target is normalized as the docker CLI sends it ({@code repo=docker.io/library/x}). */
@Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", customSynopsis = "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]")
public final class TagCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "1", paramLabel = "SOURCE_IMAGE[:TAG]")
    String source;

    @Parameters(index = "1", arity = "1", paramLabel = "TARGET_IMAGE[:TAG]")
    String target;

    public TagCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        ImageReference ref;
        try {
            ref = ImageReference.parse(target);
        } catch (ConfigException e) {
            throw new StatusException(1, "Error parsing reference: \"" + target + "\" is not a valid repository/tag: " + e.getMessage());
        }
        if (ref.digest() != null) throw new StatusException(1, "refusing to create a tag with a digest reference");
        cli.images().tag(source, ref.name(), ref.tag());
        return 0;
    }
}
