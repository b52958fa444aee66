package dev.berth.cli.commands;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.container.AttachCommand;
import dev.berth.cli.commands.container.ContainerInspectCommand;
import dev.berth.cli.commands.container.CpCommand;
import dev.berth.cli.commands.container.CreateCommand;
import dev.berth.cli.commands.container.DiffCommand;
import dev.berth.cli.commands.container.ExecCommand;
import dev.berth.cli.commands.container.ExportCommand;
import dev.berth.cli.commands.container.KillCommand;
import dev.berth.cli.commands.container.LogsCommand;
import dev.berth.cli.commands.container.PauseCommand;
import dev.berth.cli.commands.container.PruneCommand;
import dev.berth.cli.commands.container.PsCommand;
import dev.berth.cli.commands.container.RenameCommand;
import dev.berth.cli.commands.container.RestartCommand;
import dev.berth.cli.commands.container.RmCommand;
import dev.berth.cli.commands.container.RunCommand;
import dev.berth.cli.commands.container.StartCommand;
import dev.berth.cli.commands.container.StatsCommand;
import dev.berth.cli.commands.container.StopCommand;
import dev.berth.cli.commands.container.TopCommand;
import dev.berth.cli.commands.container.UnpauseCommand;
import dev.berth.cli.commands.container.WaitCommand;
import dev.berth.cli.commands.image.ImageInspectCommand;
import dev.berth.cli.commands.image.ImagesCommand;
import dev.berth.cli.commands.image.ImportCommand;
import dev.berth.cli.commands.image.PullCommand;
import dev.berth.cli.commands.image.RmiCommand;
import dev.berth.cli.commands.image.TagCommand;
import dev.berth.cli.commands.system.EventsCommand;
import dev.berth.cli.commands.system.InfoCommand;
import dev.berth.cli.commands.system.VersionCommand;
import dev.berth.cli.help.DockerHelp;
import dev.berth.cli.help.FlagErrors;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command tree, mounted as docker's: most container and image commands exist both at the top
 * ({@code berth run}, {@code berth images}) and under their management command
 * ({@code berth container run}, {@code berth image ls}), each mount with its own command object.
 */
public final class CommandTree {
    private static final Map<String, Set<String>> ROOT_GROUPS = new LinkedHashMap<>();

    static {
        ROOT_GROUPS.put("Common Commands", Set.of("run", "exec", "ps", "pull", "images", "version", "info"));
        ROOT_GROUPS.put("Management Commands", Set.of("container", "image", "system"));
    }

    private CommandTree() {}

    public static CommandLine build(Cli cli) {
        CommandLine root = new CommandLine(new RootCommand(cli));
        // top level, in docker's help order
        mount(root, "run", new RunCommand(cli));
        mount(root, "exec", new ExecCommand(cli));
        mount(root, "ps", new PsCommand(cli));
        mount(root, "pull", new PullCommand(cli));
        mount(root, "images", new ImagesCommand(cli));
        mount(root, "version", new VersionCommand(cli));
        mount(root, "info", new InfoCommand(cli));

        CommandLine container = new CommandLine(new GroupCommand.Container(cli));
        mount(container, "attach", new AttachCommand(cli));
        mount(container, "cp", new CpCommand(cli));
        mount(container, "create", new CreateCommand(cli));
        mount(container, "diff", new DiffCommand(cli));
        mount(container, "exec", new ExecCommand(cli));
        mount(container, "export", new ExportCommand(cli));
        mount(container, "inspect", new ContainerInspectCommand(cli));
        mount(container, "kill", new KillCommand(cli));
        mount(container, "logs", new LogsCommand(cli));
        mount(container, "ls", new PsCommand(cli), "list", "ps");
        mount(container, "pause", new PauseCommand(cli));
        mount(container, "prune", new PruneCommand(cli));
        mount(container, "rename", new RenameCommand(cli));
        mount(container, "restart", new RestartCommand(cli));
        mount(container, "rm", new RmCommand(cli), "remove");
        mount(container, "run", new RunCommand(cli));
        mount(container, "start", new StartCommand(cli));
        mount(container, "stats", new StatsCommand(cli));
        mount(container, "stop", new StopCommand(cli));
        mount(container, "top", new TopCommand(cli));
        mount(container, "unpause", new UnpauseCommand(cli));
        mount(container, "wait", new WaitCommand(cli));
        root.addSubcommand("container", container);

        CommandLine image = new CommandLine(new GroupCommand.Image(cli));
        mount(image, "import", new ImportCommand(cli));
        mount(image, "inspect", new ImageInspectCommand(cli));
        mount(image, "ls", new ImagesCommand(cli), "list");
        mount(image, "pull", new PullCommand(cli));
        mount(image, "rm", new RmiCommand(cli), "remove");
        mount(image, "tag", new TagCommand(cli));
        root.addSubcommand("image", image);

        CommandLine system = new CommandLine(new GroupCommand.System(cli));
        mount(system, "events", new EventsCommand(cli));
        mount(system, "info", new InfoCommand(cli));
        root.addSubcommand("system", system);

        mount(root, "attach", new AttachCommand(cli));
        mount(root, "cp", new CpCommand(cli));
        mount(root, "create", new CreateCommand(cli));
        mount(root, "diff", new DiffCommand(cli));
        mount(root, "events", new EventsCommand(cli));
        mount(root, "export", new ExportCommand(cli));
        mount(root, "import", new ImportCommand(cli));
        mount(root, "inspect", new InspectCommand(cli));
        mount(root, "kill", new KillCommand(cli));
        mount(root, "logs", new LogsCommand(cli));
        mount(root, "pause", new PauseCommand(cli));
        mount(root, "rename", new RenameCommand(cli));
        mount(root, "restart", new RestartCommand(cli));
        mount(root, "rm", new RmCommand(cli));
        mount(root, "rmi", new RmiCommand(cli));
        mount(root, "start", new StartCommand(cli));
        mount(root, "stats", new StatsCommand(cli));
        mount(root, "stop", new StopCommand(cli));
        mount(root, "tag", new TagCommand(cli));
        mount(root, "top", new TopCommand(cli));
        mount(root, "unpause", new UnpauseCommand(cli));
        mount(root, "wait", new WaitCommand(cli));

        configure(root);
        new DockerHelp(root, ROOT_GROUPS).install();
        return root;
    }

    /** Adds a command under {@code name} (not its annotated name): {@code ps} is {@code ls} under {@code container}. */
    private static void mount(CommandLine parent, String name, Object command, String... aliases) {
        CommandLine sub = new CommandLine(command);
        sub.getCommandSpec().name(name).aliases(aliases);
        parent.addSubcommand(sub);
    }

    /** pflag's parsing rules: options may repeat (last wins), and run/exec/top stop at their first argument. */
    private static void configure(CommandLine root) {
        root.setOverwrittenOptionsAllowed(true);
        root.setParameterExceptionHandler(new FlagErrors());
        root.setCaseInsensitiveEnumValuesAllowed(true);
        Converters.register(root);
        stopAtPositional(root);
    }

    private static void stopAtPositional(CommandLine cmd) {
        String name = cmd.getCommandName();
        if (name.equals("run") || name.equals("create") || name.equals("exec") || name.equals("top")) cmd.setStopAtPositional(true);
        for (CommandLine sub : cmd.getSubcommands().values()) stopAtPositional(sub);
    }
}
