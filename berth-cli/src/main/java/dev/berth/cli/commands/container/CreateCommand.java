package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.LongHelpOption;
import dev.berth.cli.io.Terminal;
import dev.berth.cli.run.ConfigException;
import dev.berth.cli.run.ContainerOptions;
import dev.berth.cli.run.CreateBody;
import dev.berth.cli.run.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth create}: the create half of run; prints the new container's id. */
@Command(name = "create", description = "Create a new container", customSynopsis = "[OPTIONS] IMAGE [COMMAND] [ARG...]")
public final class CreateCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin LongHelpOption help;
    @Mixin ContainerOptions options;

    @Parameters(index = "0", arity = "1", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND")
    List<String> args = new ArrayList<>();

    public CreateCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Terminal term = cli.terminal();
        ObjectNode body;
        ImageReference ref;
        try {
            ref = ImageReference.parse(image);
            int[] console = options.tty() && term.stdoutIsTerminal() ? term.size() : null;
            body = CreateBody.build(options, image, args, CreateBody.Mode.CREATE, console, cli.env());
            options.pullPolicy();
        } catch (ConfigException e) {
            throw RunErrors.withHelp("create", e.getMessage(), 125);
        }
        options.mountWarnings().forEach(cli.err()::println);
        cli.out().println(Launcher.create(cli, options.name(), body, ref, options.pullPolicy(), options.platform()));
        return 0;
    }
}
