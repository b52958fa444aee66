package dev.berth.cli.commands.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.client.ApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth rmi} / {@code berth image rm}: prints the daemon's {@code Untagged:}/{@code Deleted:} lines. */
@Command(name = "rmi", description = "Remove one or more images", customSynopsis = "[OPTIONS] IMAGE [IMAGE...]")
public final class RmiCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Force removal of the image")
    boolean force;

    @Option(names = "--no-prune", arity = "0..1", description = "Do not delete untagged parents")
    boolean noPrune;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    public RmiCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        int status = 0;
        for (String image : images) {
            try {
                for (JsonNode line : cli.images().remove(image, force, noPrune)) {
                    if (line.hasNonNull("Untagged")) cli.out().println("Untagged: " + line.get("Untagged").asText());
                    if (line.hasNonNull("Deleted")) cli.out().println("Deleted: " + line.get("Deleted").asText());
                }
            } catch (ApiException e) {
                cli.out().flush();
                cli.err().println("Error response from daemon: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
