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

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code berth push}: the daemon's progress stream (bars on a terminal, plain lines elsewhere),
 * with the credentials {@code berth login} or {@code docker login} stored for the registry.
 */
@Command(name = "push", description = "Upload an image to a registry", customSynopsis = "[OPTIONS] NAME[:TAG]")
public final class PushCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--all-tags"}, arity = "0..1", description = "Push all tags of an image to the repository")
    boolean allTags;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", description = "Suppress verbose output")
    boolean quiet;

    @Option(names = "--disable-content-trust", arity = "0..1", description = "Skip image signing (default true)")
    boolean disableContentTrust = true;

    @Option(names = "--platform", paramLabel = "string", description = "Push a platform-specific manifest as a single-platform image")
    String platform;

    @Parameters(index = "0", arity = "1", paramLabel = "NAME[:TAG]")
    String name;

    public PushCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (platform != null) throw new StatusException(1, "berth push: --platform is not supported: berth's images have a single platform");
        if (!disableContentTrust) throw new StatusException(1, "berth push: content trust (--disable-content-trust=false) is not supported");
        ImageReference ref;
        try {
            ref = ImageReference.parse(name);
        } catch (ConfigException e) {
            throw new StatusException(1, e.getMessage());
        }
        if (ref.digest() != null) throw new StatusException(1, "cannot push a digest reference");
        boolean nameOnly = name.lastIndexOf(':') <= name.lastIndexOf('/');
        if (allTags && !nameOnly) throw new StatusException(1, "tag can't be used with --all-tags/-a");
        if (nameOnly && !allTags && !quiet) cli.out().println("Using default tag: latest");
        String tag = allTags ? null : ref.tag() == null ? "latest" : ref.tag();
        try (Response r = cli.images().push(ref.familiarName(), tag, cli.registryAuth(ref.domain()))) {
            PrintStream sink = quiet ? new PrintStream(OutputStream.nullOutputStream()) : cli.out();
            String error = Progress.print(r.body(), sink, !quiet && cli.terminal().stdoutIsTerminal());
            if (error != null) throw new StatusException(1, error);
        }
        if (quiet) cli.out().println(allTags ? ref.familiarName() : ref.familiarName() + ":" + tag);
        return 0;
    }
}
