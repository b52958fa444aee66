package dev.berth.cli.commands;

import dev.berth.cli.Cli;
import dev.berth.cli.commands.container.AttachCommand;
import dev.berth.cli.commands.container.ContainerInspectCommand;
import dev.berth.cli.commands.container.CommitCommand;
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
import dev.berth.cli.commands.container.PortCommand;
import dev.berth.cli.commands.container.RenameCommand;
import dev.berth.cli.commands.container.UpdateCommand;
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
import dev.berth.cli.commands.image.HistoryCommand;
import dev.berth.cli.commands.image.ImagePruneCommand;
import dev.berth.cli.commands.image.LoadCommand;
import dev.berth.cli.commands.image.SaveCommand;
import dev.berth.cli.commands.image.ImportCommand;
import dev.berth.cli.commands.image.PullCommand;
import dev.berth.cli.commands.image.RmiCommand;
import dev.berth.cli.commands.image.TagCommand;
import dev.berth.cli.commands.network.NetworkConnectCommand;
import dev.berth.cli.commands.network.NetworkCreateCommand;
import dev.berth.cli.commands.network.NetworkDisconnectCommand;
import dev.berth.cli.commands.network.NetworkInspectCommand;
import dev.berth.cli.commands.network.NetworkPruneCommand;
import dev.berth.cli.commands.network.NetworkLsCommand;
import dev.berth.cli.commands.network.NetworkRmCommand;
import dev.berth.cli.commands.system.DfCommand;
import dev.berth.cli.commands.system.EventsCommand;
import dev.berth.cli.commands.system.InfoCommand;
import dev.berth.cli.commands.system.SystemPruneCommand;
import dev.berth.cli.commands.system.VersionCommand;
import dev.berth.cli.commands.volume.VolumeCreateCommand;
import dev.berth.cli.commands.volume.VolumeInspectCommand;
import dev.berth.cli.commands.volume.VolumeLsCommand;
import dev.berth.cli.commands.volume.VolumePruneCommand;
import dev.berth.cli.commands.volume.VolumeRmCommand;
import dev.berth.cli.help.DockerHelp;
import dev.berth.cli.help.FlagErrors;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The command tree, mounted as docker's: most container and image commands exist both at the top
 * ({@code berth run}, {@code berth images}) and under their management command
 * ({@code berth container run}, {@code berth image ls}), each mount with its own command object.
 */
public final class CommandTree {
    private static final Map<String, List<String>> ROOT_GROUPS = new LinkedHashMap<>();

    static {
        ROOT_GROUPS.put("Common Commands", List.of("run", "exec", "ps", "pull", "push", "images", "login", "logout", "version", "info"));
        ROOT_GROUPS.put("Management Commands", List.of("container", "image", "network", "system", "volume"));
    }

    /** One place a command is mounted: under {@code parent} ("" for the top level) as {@code name}. */
    private record Mount(String parent, String name, Function<Cli, Object> factory, String... aliases) {}

    /** Every mount; a group's members follow the group (help pages sort names themselves). */
    private static final List<Mount> MOUNTS = List.of(
            new Mount("", "run", RunCommand::new),
            new Mount("", "exec", ExecCommand::new),
            new Mount("", "ps", PsCommand::new),
            new Mount("", "pull", PullCommand::new),
            new Mount("", "push", dev.berth.cli.commands.image.PushCommand::new),
            new Mount("", "login", dev.berth.cli.commands.image.LoginCommand::new),
            new Mount("", "logout", dev.berth.cli.commands.image.LogoutCommand::new),
            new Mount("", "images", ImagesCommand::new),
            new Mount("", "version", VersionCommand::new),
            new Mount("", "info", InfoCommand::new),
            new Mount("", "container", GroupCommand.ContainerGroup::new),
            new Mount("container", "attach", AttachCommand::new),
            new Mount("container", "commit", CommitCommand::new),
            new Mount("container", "cp", CpCommand::new),
            new Mount("container", "create", CreateCommand::new),
            new Mount("container", "diff", DiffCommand::new),
            new Mount("container", "exec", ExecCommand::new),
            new Mount("container", "export", ExportCommand::new),
            new Mount("container", "inspect", ContainerInspectCommand::new),
            new Mount("container", "kill", KillCommand::new),
            new Mount("container", "logs", LogsCommand::new),
            new Mount("container", "ls", PsCommand::new, "list", "ps"),
            new Mount("container", "pause", PauseCommand::new),
            new Mount("container", "port", PortCommand::new),
            new Mount("container", "prune", PruneCommand::new),
            new Mount("container", "rename", RenameCommand::new),
            new Mount("container", "update", UpdateCommand::new),
            new Mount("container", "restart", RestartCommand::new),
            new Mount("container", "rm", RmCommand::new, "remove"),
            new Mount("container", "run", RunCommand::new),
            new Mount("container", "start", StartCommand::new),
            new Mount("container", "stats", StatsCommand::new),
            new Mount("container", "stop", StopCommand::new),
            new Mount("container", "top", TopCommand::new),
            new Mount("container", "unpause", UnpauseCommand::new),
            new Mount("container", "wait", WaitCommand::new),
            new Mount("", "image", GroupCommand.ImageGroup::new),
            new Mount("image", "history", HistoryCommand::new),
            new Mount("image", "import", ImportCommand::new),
            new Mount("image", "inspect", ImageInspectCommand::new),
            new Mount("image", "ls", ImagesCommand::new, "list"),
            new Mount("image", "pull", PullCommand::new),
            new Mount("image", "push", dev.berth.cli.commands.image.PushCommand::new),
            new Mount("image", "rm", RmiCommand::new, "remove"),
            new Mount("image", "load", LoadCommand::new),
            new Mount("image", "prune", ImagePruneCommand::new),
            new Mount("image", "save", SaveCommand::new),
            new Mount("image", "tag", TagCommand::new),
            new Mount("", "network", GroupCommand.NetworkGroup::new),
            new Mount("network", "connect", NetworkConnectCommand::new),
            new Mount("network", "create", NetworkCreateCommand::new),
            new Mount("network", "disconnect", NetworkDisconnectCommand::new),
            new Mount("network", "inspect", NetworkInspectCommand::new),
            new Mount("network", "ls", NetworkLsCommand::new, "list"),
            new Mount("network", "prune", NetworkPruneCommand::new),
            new Mount("network", "rm", NetworkRmCommand::new, "remove"),
            new Mount("", "system", GroupCommand.SystemGroup::new),
            new Mount("system", "df", DfCommand::new),
            new Mount("system", "events", EventsCommand::new),
            new Mount("system", "info", InfoCommand::new),
            new Mount("system", "prune", SystemPruneCommand::new),
            new Mount("", "volume", GroupCommand.VolumeGroup::new),
            new Mount("volume", "create", VolumeCreateCommand::new),
            new Mount("volume", "inspect", VolumeInspectCommand::new),
            new Mount("volume", "ls", VolumeLsCommand::new, "list"),
            new Mount("volume", "prune", VolumePruneCommand::new),
            new Mount("volume", "rm", VolumeRmCommand::new, "remove"),
            new Mount("", "attach", AttachCommand::new),
            new Mount("", "commit", CommitCommand::new),
            new Mount("", "cp", CpCommand::new),
            new Mount("", "create", CreateCommand::new),
            new Mount("", "diff", DiffCommand::new),
            new Mount("", "events", EventsCommand::new),
            new Mount("", "export", ExportCommand::new),
            new Mount("", "history", HistoryCommand::new),
            new Mount("", "import", ImportCommand::new),
            new Mount("", "load", LoadCommand::new),
            new Mount("", "save", SaveCommand::new),
            new Mount("", "inspect", InspectCommand::new),
            new Mount("", "kill", KillCommand::new),
            new Mount("", "logs", LogsCommand::new),
            new Mount("", "pause", PauseCommand::new),
            new Mount("", "port", PortCommand::new),
            new Mount("", "rename", RenameCommand::new),
            new Mount("", "update", UpdateCommand::new),
            new Mount("", "restart", RestartCommand::new),
            new Mount("", "rm", RmCommand::new),
            new Mount("", "rmi", RmiCommand::new),
            new Mount("", "start", StartCommand::new),
            new Mount("", "stats", StatsCommand::new),
            new Mount("", "stop", StopCommand::new),
            new Mount("", "tag", TagCommand::new),
            new Mount("", "top", TopCommand::new),
            new Mount("", "unpause", UnpauseCommand::new),
            new Mount("", "wait", WaitCommand::new)
    );
    private static final Set<String> GROUPS = Set.of("container", "image", "network", "system", "volume");
    /** Global options of the root that take a value, to find the command word after them. */
    private static final Set<String> ROOT_VALUE_OPTIONS = Set.of("-H", "--host", "-l", "--log-level");

    private CommandTree() {}

    /** The whole tree: for help pages, aliases and "unknown command" suggestions. */
    public static CommandLine build(Cli cli) {
        return build(cli, m -> true);
    }

    /**
     * The tree needed to run {@code args}: the root plus only the command named there (and its
     * group). Building picocli's model for every command costs a third of a second of start-up;
     * help, version and anything unrecognised still get the whole tree.
     */
    public static CommandLine forArgs(Cli cli, String[] args) {
        List<String> words = commandWords(args);
        // only global options (berth --version): the root alone; no arguments at all prints the full help
        if (words.isEmpty()) return args.length > 0 && !helpAsked(args) ? build(cli, m -> false) : build(cli);
        String first = words.getFirst();
        if (GROUPS.contains(first)) {
            if (words.size() < 2) return build(cli);
            String sub = words.get(1);
            boolean known = MOUNTS.stream().anyMatch(m -> m.parent().equals(first) && (m.name().equals(sub) || List.of(m.aliases()).contains(sub)));
            if (!known) return build(cli);
            return build(cli, m -> (m.parent().isEmpty() && m.name().equals(first))
                    || (m.parent().equals(first) && (m.name().equals(sub) || List.of(m.aliases()).contains(sub))));
        }
        boolean known = MOUNTS.stream().anyMatch(m -> m.parent().isEmpty() && m.name().equals(first));
        return known ? build(cli, m -> m.parent().isEmpty() && m.name().equals(first)) : build(cli);
    }

    private static boolean helpAsked(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) return true;
        }
        return false;
    }

    /** The command (and sub-command) words, or empty when help is asked for anywhere. */
    static List<String> commandWords(String[] args) {
        List<String> words = new ArrayList<>();
        if (helpAsked(args)) return List.of();
        for (int i = 0; i < args.length && words.size() < 2; i++) {
            String a = args[i];
            if (words.isEmpty() && a.startsWith("-")) {
                if (ROOT_VALUE_OPTIONS.contains(a)) i++;
                continue;
            }
            if (a.startsWith("-")) break;
            words.add(a);
            if (!GROUPS.contains(words.getFirst())) break;
        }
        return words;
    }

    private static CommandLine build(Cli cli, Predicate<Mount> include) {
        CommandLine root = new CommandLine(new RootCommand(cli));
        Map<String, CommandLine> groups = new LinkedHashMap<>();
        for (Mount m : MOUNTS) {
            if (!include.test(m)) continue;
            CommandLine parent = m.parent().isEmpty() ? root : groups.get(m.parent());
            CommandLine sub = new CommandLine(m.factory().apply(cli));
            sub.getCommandSpec().name(m.name()).aliases(m.aliases());
            parent.addSubcommand(sub);
            if (GROUPS.contains(m.name()) && m.parent().isEmpty()) groups.put(m.name(), sub);
        }
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
        // by class: "create" is also volume create, whose flags may follow its argument
        Object c = cmd.getCommand();
        if (c instanceof RunCommand || c instanceof CreateCommand || c instanceof ExecCommand || c instanceof TopCommand) cmd.setStopAtPositional(true);
        for (CommandLine sub : cmd.getSubcommands().values()) stopAtPositional(sub);
    }
}
