package dev.berth.cli.commands.network;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code berth network disconnect}. */
@Command(name = "disconnect", description = "Disconnect a container from a network", customSynopsis = "[OPTIONS] NETWORK CONTAINER")
public final class NetworkDisconnectCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Force the container to disconnect from a network")
    boolean force;

    @Parameters(index = "0", paramLabel = "NETWORK")
    String network;
    @Parameters(index = "1", paramLabel = "CONTAINER")
    String container;

    public NetworkDisconnectCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        cli.networks().disconnect(network, container, force);
        return 0;
    }
}
