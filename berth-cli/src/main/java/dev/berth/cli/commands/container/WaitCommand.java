package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.client.ApiException;
import dev.berth.client.api.PendingWait;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes",
        customSynopsis = "CONTAINER [CONTAINER...]")
public final class WaitCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    public WaitCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        int status = 0;
        for (String c : containers) {
            try (PendingWait w = cli.containers().waitFor(c, null)) {
                PendingWait.Result r = w.await();
                cli.out().println(r.statusCode());
                cli.out().flush();
            } catch (ApiException e) {
                cli.err().println("Error response from daemon: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
