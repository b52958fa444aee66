package dev.berth.cli.commands;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.container.AttachCommand;
import dev.berth.cli.commands.container.ContainerInspectCommand;
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
import java.util.function.Function;

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
        Function<Function<Cli, Object>, Object> make = f -> f.apply(cli);

        // top level, in docker's help order
        root.addSubcommand("run", make.apply(RunCommand::new));
        root.addSubcommand("exec", make.apply(ExecCommand::new));
        root.addSubcommand("ps", make.apply(PsCommand::new));
        root.addSubcommand("pull", make.apply(PullCommand::new));
        root.addSubcommand("images", make.apply(ImagesCommand::new));
        root.addSubcommand("version", make.apply(VersionCommand::new));
        root.addSubcommand("info", make.apply(InfoCommand::new));

        CommandLine container = new CommandLine(new GroupCommand.Container(cli));
        container.addSubcommand("attach", make.apply(AttachCommand::new));
        container.addSubcommand("create", make.apply(CreateCommand::new));
        container.addSubcommand("diff", make.apply(DiffCommand::new));
        container.addSubcommand("exec", make.apply(ExecCommand::new));
        container.addSubcommand("export", make.apply(ExportCommand::new));
        container.addSubcommand("inspect", make.apply(ContainerInspectCommand::new));
        container.addSubcommand("kill", make.apply(KillCommand::new));
        container.addSubcommand("logs", make.apply(LogsCommand::new));
        container.addSubcommand("ls", make.apply(PsCommand::new), "list", "ps");
        container.addSubcommand("pause", make.apply(PauseCommand::new));
        container.addSubcommand("prune", make.apply(PruneCommand::new));
        container.addSubcommand("rename", make.apply(RenameCommand::new));
        container.addSubcommand("restart", make.apply(RestartCommand::new));
        container.addSubcommand("rm", make.apply(RmCommand::new), "remove");
        container.addSubcommand("run", make.apply(RunCommand::new));
        container.addSubcommand("start", make.apply(StartCommand::new));
        container.addSubcommand("stop", make.apply(StopCommand::new));
        container.addSubcommand("top", make.apply(TopCommand::new));
        container.addSubcommand("unpause", make.apply(UnpauseCommand::new));
        container.addSubcommand("wait", make.apply(WaitCommand::new));
        root.addSubcommand("container", container);

        CommandLine image = new CommandLine(new GroupCommand.Image(cli));
        image.addSubcommand("import", make.apply(ImportCommand::new));
        image.addSubcommand("inspect", make.apply(ImageInspectCommand::new));
        image.addSubcommand("ls", make.apply(ImagesCommand::new), "list");
        image.addSubcommand("pull", make.apply(PullCommand::new));
        image.addSubcommand("rm", make.apply(RmiCommand::new), "remove");
        image.addSubcommand("tag", make.apply(TagCommand::new));
        root.addSubcommand("image", image);

        CommandLine system = new CommandLine(new GroupCommand.System(cli));
        system.addSubcommand("events", make.apply(EventsCommand::new));
        system.addSubcommand("info", make.apply(InfoCommand::new));
        root.addSubcommand("system", system);

        root.addSubcommand("attach", make.apply(AttachCommand::new));
        root.addSubcommand("create", make.apply(CreateCommand::new));
        root.addSubcommand("diff", make.apply(DiffCommand::new));
        root.addSubcommand("events", make.apply(EventsCommand::new));
        root.addSubcommand("export", make.apply(ExportCommand::new));
        root.addSubcommand("import", make.apply(ImportCommand::new));
        root.addSubcommand("inspect", make.apply(InspectCommand::new));
        root.addSubcommand("kill", make.apply(KillCommand::new));
        root.addSubcommand("logs", make.apply(LogsCommand::new));
        root.addSubcommand("pause", make.apply(PauseCommand::new));
        root.addSubcommand("rename", make.apply(RenameCommand::new));
        root.addSubcommand("restart", make.apply(RestartCommand::new));
        root.addSubcommand("rm", make.apply(RmCommand::new));
        root.addSubcommand("rmi", make.apply(RmiCommand::new));
        root.addSubcommand("start", make.apply(StartCommand::new));
        root.addSubcommand("stop", make.apply(StopCommand::new));
        root.addSubcommand("tag", make.apply(TagCommand::new));
        root.addSubcommand("top", make.apply(TopCommand::new));
        root.addSubcommand("unpause", make.apply(UnpauseCommand::new));
        root.addSubcommand("wait", make.apply(WaitCommand::new));

        configure(root);
        new DockerHelp(root, ROOT_GROUPS).install();
        return root;
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
