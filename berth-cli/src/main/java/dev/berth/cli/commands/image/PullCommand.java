package dev.berth.cli.commands.image;

import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.run.ConfigException;
import dev.berth.cli.run.ImageReference;
import dev.berth.cli.view.Progress;
import dev.berth.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code berth pull}: the daemon's progress stream, then the image reference on its own line, as docker prints it. */
@Command(name = "pull", description = "Download an image from a registry", customSynopsis = "[OPTIONS] NAME[:TAG|@DIGEST]")
public final class PullCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", description = "Suppress verbose output")
    boolean quiet;

    @Parameters(index = "0", arity = "1", paramLabel = "NAME[:TAG|@DIGEST]")
    String name;

    public PullCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        ImageReference ref;
        try {
            ref = ImageReference.parse(name);
        } catch (ConfigException e) {
            throw new StatusException(1, e.getMessage());
        }
        if (!name.contains("@") && name.lastIndexOf(':') <= name.lastIndexOf('/')) cli.out().println("Using default tag: latest");
        try (Response r = cli.images().pull(ref.name(), ref.digest() != null ? ref.digest() : ref.tag())) {
            String error = Progress.print(r.body(), quiet ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : cli.out());
            if (error != null) throw new StatusException(1, error);
        }
        String full = ref.domain().equals(ImageReference.DEFAULT_DOMAIN) ? ref.name() + (ref.tag() != null ? ":" + ref.tag() : "") : ref.familiar();
        cli.out().println(full);
        return 0;
    }
}
