package dev.berth.cli.commands.network;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.client.ApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth network rm}: removes each network in turn, reporting failures and going on, as docker does. */
@Command(name = "rm", description = "Remove one or more networks", customSynopsis = "NETWORK [NETWORK...]")
public final class NetworkRmCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Do not error if the network does not exist")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    public NetworkRmCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        int status = 0;
        for (String name : names) {
            try {
                cli.networks().remove(name);
                cli.out().println(name);
            } catch (ApiException e) {
                if (force && e.isNotFound()) continue;
                cli.err().println("Error response from daemon: " + e.getMessage());
                status = 1;
            }
        }
        // docker ends a failed removal with this line too
        if (status != 0) cli.err().println("exit status " + status);
        return status;
    }
}
