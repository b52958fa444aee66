package dev.berth.cli.commands.image;

import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.view.Progress;
import dev.berth.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code berth load}: a docker archive from {@code -i FILE} or stdin; prints what was loaded. */
@Command(name = "load", description = "Load an image from a tar archive or STDIN", customSynopsis = "[OPTIONS]")
public final class LoadCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-i", "--input"}, paramLabel = "string", description = "Read from tar archive file, instead of STDIN")
    String input;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", description = "Suppress the load output")
    boolean quiet;

    public LoadCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (input == null && cli.terminal().stdinIsTerminal()) {
            throw new StatusException(1, "requested load from stdin, but stdin is empty");
        }
        InputStream body;
        try {
            body = input == null ? cli.in() : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            throw new StatusException(1, "open " + input + ": no such file or directory");
        }
        try (Response r = cli.images().load(body, quiet)) {
            String error = Progress.print(r.body(), cli.out());
            if (error != null) throw new StatusException(1, error);
        } finally {
            if (body != cli.in()) body.close();
        }
        return 0;
    }
}
