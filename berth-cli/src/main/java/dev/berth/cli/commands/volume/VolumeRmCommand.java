package dev.berth.cli.commands.volume;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.client.ApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code berth volume rm}: removes each volume in turn, printing its name, and reports failures
 * and goes on, as docker does. {@code -f} is sent to the daemon, which then takes a missing
 * volume as removed (docker prints its name too); a volume in use is refused even so.
 */
@Command(name = "rm", header = "Remove one or more volumes", description = "Remove one or more volumes. You cannot remove a volume that is in use by a container.",
        customSynopsis = "[OPTIONS] VOLUME [VOLUME...]")
public final class VolumeRmCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--force"}, arity = "0..1", description = "Force the removal of one or more volumes")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "VOLUME")
    List<String> names;

    public VolumeRmCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        int status = 0;
        for (String name : names) {
            try {
                cli.volumes().remove(name, force);
                cli.out().println(name);
            } catch (ApiException e) {
                cli.out().flush();
                cli.err().println("Error response from daemon: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
