package dev.berth.cli.commands.image;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.credentials.ServerAddresses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code berth logout}: forgets a registry's credentials (config.json and its helper); no daemon involved. */
@Command(name = "logout", description = "Log out from a registry", customSynopsis = "[SERVER]")
public final class LogoutCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER")
    String server;

    public LogoutCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        String key = ServerAddresses.key(server);
        if (!cli.credentials().erase(key)) {
            cli.out().println("Not logged in to " + key);
            return 0;
        }
        cli.out().println("Removing login credentials for " + key);
        return 0;
    }
}
