package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.run.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth commit}: a new image from a container's changes; prints its id as docker does. */
@Command(name = "commit", description = "Create a new image from a container's changes",
        customSynopsis = "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]")
public final class CommitCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--author"}, paramLabel = "string", description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
    String author;

    @Option(names = {"-c", "--change"}, paramLabel = "list", description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "string", description = "Commit message")
    String message;

    @Option(names = {"-p", "--pause"}, arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Pause container during commit (default true)")
    boolean pause = true;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    public CommitCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        String[] target = ImageReference.newImageTarget(reference);
        String repo = target[0];
        String tag = target[1];
        cli.out().println(cli.images().commit(container, repo, tag, message, author, pause, changes));
        return 0;
    }
}
