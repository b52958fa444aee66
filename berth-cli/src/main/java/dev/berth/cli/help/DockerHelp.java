package dev.berth.cli.help;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Help pages laid out like docker's (cobra) instead of picocli's default:
 * <pre>
 * Usage:  berth ps [OPTIONS]
 *
 * List containers
 *
 * Aliases:
 *   berth container ls, berth container list, berth container ps, berth ps
 *
 * Options:
 *   -a, --all             Show all containers (default shows just running)
 * </pre>
 * A command's usage arguments come from its {@code customSynopsis}; aliases are every place the
 * same command class is mounted in the tree; option type words come from {@code paramLabel}.
 */
public final class DockerHelp {
    /** The name of the single help section that replaces all of picocli's. */
    public static final String SECTION = "dockerUsage";
    private static final int COLUMNS = 79;

    private final CommandLine root;
    private final Map<String, List<String>> rootGroups;

    /**
     * {@code rootGroups}: heading ("Common Commands", "Management Commands") → command names in the
     * order docker lists them; the other commands are listed sorted under "Commands".
     */
    public DockerHelp(CommandLine root, Map<String, List<String>> rootGroups) {
        this.root = root;
        this.rootGroups = rootGroups;
    }

    /** Installs the renderer on every command of the tree. */
    public void install() {
        install(root);
    }

    private void install(CommandLine cmd) {
        cmd.getHelpSectionMap().put(SECTION, help -> render(help.commandSpec()));
        cmd.setHelpSectionKeys(List.of(SECTION));
        for (CommandLine sub : cmd.getSubcommands().values()) install(sub);
    }

    /** The "Usage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]" line. */
    public static String usageLine(CommandSpec spec) {
        String[] synopsis = spec.usageMessage().customSynopsis();
        String args = synopsis.length > 0 ? synopsis[0] : (spec.subcommands().isEmpty() ? "[OPTIONS]" : "COMMAND");
        return "Usage:  " + spec.qualifiedName() + " " + args;
    }

    public String render(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append(usageLine(spec)).append("\n\n");
        String[] desc = spec.usageMessage().description();
        if (desc.length > 0) sb.append(String.join("\n", desc)).append("\n");
        List<String> aliases = aliases(spec);
        if (aliases.size() > 1) sb.append("\nAliases:\n  ").append(String.join(", ", aliases)).append("\n");
        if (spec.parent() == null) {
            renderRoot(spec, sb);
            return sb.toString();
        }
        if (!spec.subcommands().isEmpty()) {
            sb.append("\nCommands:\n");
            commandList(sb, spec, name -> true, null);
            sb.append("\nRun '").append(spec.qualifiedName()).append(" COMMAND --help' for more information on a command.\n");
            return sb.toString();
        }
        List<FlagUsages.Flag> flags = flags(spec);
        if (!flags.isEmpty()) sb.append("\nOptions:\n").append(FlagUsages.render(flags, COLUMNS));
        return sb.toString();
    }

    private void renderRoot(CommandSpec spec, StringBuilder sb) {
        Set<String> grouped = new java.util.HashSet<>();
        for (Map.Entry<String, List<String>> g : rootGroups.entrySet()) {
            sb.append('\n').append(g.getKey()).append(":\n");
            commandList(sb, spec, g.getValue()::contains, g.getValue());
            grouped.addAll(g.getValue());
        }
        sb.append("\nCommands:\n");
        commandList(sb, spec, name -> !grouped.contains(name), null);
        sb.append("\nGlobal Options:\n").append(FlagUsages.render(flags(spec), COLUMNS));
        sb.append("\nRun '").append(spec.qualifiedName()).append(" COMMAND --help' for more information on a command.\n");
    }

    /** Lists sub-commands: in {@code order} when given, else sorted by name. */
    private static void commandList(StringBuilder sb, CommandSpec spec, java.util.function.Predicate<String> include, List<String> order) {
        Map<String, CommandLine> subs = spec.subcommands();
        List<String> names = new ArrayList<>();
        int width = 11;
        java.util.Set<CommandLine> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            // picocli lists each alias as a key: show a command once, under the name it was added with
            if (!seen.add(e.getValue()) || !include.test(e.getKey())) continue;
            names.add(e.getKey());
            width = Math.max(width, e.getKey().length());
        }
        names.sort(order == null ? Comparator.naturalOrder() : Comparator.comparingInt(order::indexOf));
        for (String n : names) {
            // a command whose help page says more than its line in the list (docker's Short and Long) has a header
            String[] h = subs.get(n).getCommandSpec().usageMessage().header();
            String[] d = h.length > 0 ? h : subs.get(n).getCommandSpec().usageMessage().description();
            sb.append("  ").append(n).append(" ".repeat(width + 1 - n.length())).append(d.length > 0 ? d[0] : "").append('\n');
        }
    }

    /** Every name under which the same command class is mounted, longest paths first, as docker lists them. */
    private List<String> aliases(CommandSpec spec) {
        Object user = spec.userObject();
        if (user == null || spec.parent() == null) return List.of();
        List<String> out = new ArrayList<>();
        collect(root, user.getClass(), out);
        out.sort(Comparator.comparingInt((String s) -> -s.split(" ").length));
        return out;
    }

    private static void collect(CommandLine cmd, Class<?> type, List<String> out) {
        java.util.Set<CommandLine> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
            CommandLine sub = e.getValue();
            if (sub.getCommandSpec().userObject() != null && sub.getCommandSpec().userObject().getClass() == type) {
                out.add(cmd.getCommandSpec().qualifiedName() + " " + e.getKey());
            } else if (seen.add(sub)) {
                collect(sub, type, out);
            }
        }
    }

    private static List<FlagUsages.Flag> flags(CommandSpec spec) {
        List<FlagUsages.Flag> out = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden() || o.usageHelp() || o.versionHelp()) continue;
            String shortName = null;
            String longName = null;
            for (String n : o.names()) {
                if (n.startsWith("--")) longName = longName == null ? n.substring(2) : longName;
                else shortName = n.substring(1);
            }
            if (longName == null) continue;
            boolean bool = o.type() == boolean.class || o.type() == Boolean.class;
            String type = bool ? null : o.paramLabel().startsWith("<") ? "string" : o.paramLabel();
            out.add(new FlagUsages.Flag(shortName, longName, type, String.join("\n", o.description())));
        }
        out.sort(Comparator.comparing(FlagUsages.Flag::longName));
        return out;
    }
}
