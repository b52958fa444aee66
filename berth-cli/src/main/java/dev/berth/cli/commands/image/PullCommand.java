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

/**
 * {@code berth pull}: the daemon's progress stream (bars on a terminal, plain lines elsewhere),
 * then the image reference on its own line, as docker prints it.
 */
@Command(name = "pull", description = "Download an image from a registry", customSynopsis = "[OPTIONS] NAME[:TAG|@DIGEST]")
public final class PullCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--all-tags"}, arity = "0..1", description = "Download all tagged images in the repository")
    boolean allTags;

    @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
    String platform;

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
        boolean nameOnly = !name.contains("@") && name.lastIndexOf(':') <= name.lastIndexOf('/');
        if (allTags && !nameOnly) throw new StatusException(1, "tag can't be used with --all-tags/-a");
        if (nameOnly && !allTags && !quiet) cli.out().println("Using default tag: latest");
        String tag = allTags ? null : ref.digest() != null ? ref.digest() : ref.tag();
        try (Response r = cli.images().pull(ref.name(), tag, platform, cli.registryAuth(ref.domain()))) {
            java.io.PrintStream sink = quiet ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : cli.out();
            String error = Progress.print(r.body(), sink, !quiet && cli.terminal().stdoutIsTerminal());
            if (error != null) throw new StatusException(1, error);
        }
        String full;
        if (allTags) {
            full = ref.domain().equals(ImageReference.DEFAULT_DOMAIN) ? ref.name() : ref.familiarName();
        } else {
            full = ref.domain().equals(ImageReference.DEFAULT_DOMAIN) ? ref.name() + (ref.tag() != null ? ":" + ref.tag() : "@" + ref.digest()) : ref.familiar();
        }
        cli.out().println(full);
        return 0;
    }
}
