package dev.berth.cli.commands.image;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.commands.TarOutput;
import dev.berth.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth save}: one docker archive of the images, to {@code -o FILE} or stdout (never to a terminal). */
@Command(name = "save", description = "Save one or more images to a tar archive (streamed to STDOUT by default)",
        customSynopsis = "[OPTIONS] IMAGE [IMAGE...]")
public final class SaveCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-o", "--output"}, paramLabel = "string", description = "Write to a file, instead of STDOUT")
    String output;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    public SaveCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        TarOutput.refuseTerminal(cli, output);
        try (Response r = cli.images().save(images)) {
            TarOutput.write(cli, output, r.body());
        }
        return 0;
    }
}
