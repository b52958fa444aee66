package dev.berth.cli.commands;

import dev.berth.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A management command ({@code container}, {@code image}, {@code volume}...): on its own it prints its help. */
public abstract class GroupCommand implements Callable<Integer> {
    private final Cli cli;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, hidden = true)
    boolean help;

    protected GroupCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        // docker prints it on stderr when no sub-command is given (exit 0); --help prints it on stdout
        spec.commandLine().usage(cli.err());
        return 0;
    }

    @CommandLine.Command(name = "container", description = "Manage containers", customSynopsis = "COMMAND")
    public static final class ContainerGroup extends GroupCommand {
        public ContainerGroup(Cli cli) {
            super(cli);
        }
    }

    @CommandLine.Command(name = "image", description = "Manage images", customSynopsis = "COMMAND")
    public static final class ImageGroup extends GroupCommand {
        public ImageGroup(Cli cli) {
            super(cli);
        }
    }

    @CommandLine.Command(name = "network", description = "Manage networks", customSynopsis = "COMMAND")
    public static final class NetworkGroup extends GroupCommand {
        public NetworkGroup(Cli cli) {
            super(cli);
        }
    }

    @CommandLine.Command(name = "system", description = "Manage berth", customSynopsis = "COMMAND")
    public static final class SystemGroup extends GroupCommand {
        public SystemGroup(Cli cli) {
            super(cli);
        }
    }

    @CommandLine.Command(name = "volume", description = "Manage volumes", customSynopsis = "COMMAND")
    public static final class VolumeGroup extends GroupCommand {
        public VolumeGroup(Cli cli) {
            super(cli);
        }
    }
}
