package dev.berth.cli.help;

import dev.berth.cli.template.GoFormat;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports command-line mistakes with docker's wording and exit codes: flag errors exit 125
 * ({@code unknown flag: --foo}, {@code invalid argument "6x" for "-m, --memory" flag: ...}),
 * argument-count errors and unknown commands exit 1 ({@code 'berth logs' requires 1 argument}).
 * A mistyped flag or command also gets a "did you mean" hint.
 */
public final class FlagErrors implements CommandLine.IParameterExceptionHandler {
    public static final int FLAG_ERROR = 125;
    public static final int USAGE_ERROR = 1;

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        CommandSpec spec = cmd.getCommandSpec();
        PrintWriter err = cmd.getErr();
        String name = spec.qualifiedName();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().getFirst();
            if (isFlag(first)) return unknownFlag(err, spec, first);
            if (!spec.subcommands().isEmpty()) {
                err.println(spec.root().name() + ": unknown command: " + name + " " + first);
                String hint = Suggestions.closest(first, commandNames(spec));
                if (hint != null) err.println("did you mean " + hint + "?");
                if (spec.parent() != null) err.println("\nUsage:  " + name);
                err.println("\nRun '" + name + " --help' for more information");
                return USAGE_ERROR;
            }
            return argumentCount(err, spec);
        }
        ArgSpec arg = ex.getArgSpec();
        if (ex instanceof CommandLine.MissingParameterException m) {
            if (arg instanceof OptionSpec o || (m.getMissing() != null && !m.getMissing().isEmpty() && m.getMissing().getFirst().isOption())) {
                OptionSpec o = arg instanceof OptionSpec os ? os : (OptionSpec) m.getMissing().getFirst();
                return flagError(err, spec, "flag needs an argument: " + (o.longestName().startsWith("--") ? o.longestName() : "'" + o.longestName().substring(1) + "' in " + o.longestName()));
            }
            return argumentCount(err, spec);
        }
        if (arg instanceof OptionSpec o) {
            String reason = ex.getCause() != null && ex.getCause().getMessage() != null ? ex.getCause().getMessage() : ex.getMessage();
            return flagError(err, spec, "invalid argument " + GoFormat.quote(ex.getValue()) + " for \"" + flagNames(o) + "\" flag: " + reason);
        }
        if (arg instanceof PositionalParamSpec) return argumentCount(err, spec);
        return flagError(err, spec, ex.getMessage());
    }

    private static boolean isFlag(String s) {
        return s.startsWith("-") && s.length() > 1 && !s.matches("-\\d+(\\.\\d+)?");
    }

    private static int unknownFlag(PrintWriter err, CommandSpec spec, String typed) {
        String message;
        String lookup;
        if (typed.startsWith("--")) {
            lookup = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            message = "unknown flag: " + lookup;
        } else {
            // pflag names the first letter of a -abc cluster that is not a known flag
            char bad = typed.charAt(1);
            for (int i = 1; i < typed.length(); i++) {
                if (spec.findOption("-" + typed.charAt(i)) == null) {
                    bad = typed.charAt(i);
                    break;
                }
            }
            lookup = "-" + bad;
            message = "unknown shorthand flag: '" + bad + "' in " + typed;
        }
        List<String> names = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            for (String n : o.names()) if (n.startsWith("--") && !o.usageHelp()) names.add(n);
        }
        String hint = lookup.startsWith("--") ? Suggestions.closest(lookup, names) : null;
        return flagError(err, spec, hint == null ? message : message + "\ndid you mean " + hint + "?");
    }

    private static int flagError(PrintWriter err, CommandSpec spec, String message) {
        err.println(message);
        err.println();
        err.println(DockerHelp.usageLine(spec));
        err.println();
        err.println("Run '" + spec.qualifiedName() + " --help' for more information");
        err.flush();
        return FLAG_ERROR;
    }

    /** cobra's argument-count messages; docker says "See" for minimums and "Run" otherwise. */
    private static int argumentCount(PrintWriter err, CommandSpec spec) {
        int min = 0;
        int max = 0;
        for (PositionalParamSpec p : spec.positionalParameters()) {
            min += p.arity().min();
            max = max < 0 || p.arity().max() == Integer.MAX_VALUE ? -1 : max + p.arity().max();
        }
        String name = spec.qualifiedName();
        String what;
        String verb = "Run";
        if (max == 0) {
            what = "accepts no arguments";
        } else if (min == max) {
            what = "requires " + min + " argument" + (min == 1 ? "" : "s");
        } else if (max < 0) {
            what = "requires at least " + min + " argument" + (min == 1 ? "" : "s");
            verb = "See";
        } else if (min == 0) {
            what = "requires at most " + max + " argument" + (max == 1 ? "" : "s");
            // sic: the docker CLI (28.2) prints this word so for its at-most rule
            verb = "SRun";
        } else {
            what = "requires at least " + min + " and at most " + max + " arguments";
        }
        err.println(spec.root().name() + ": '" + name + "' " + what);
        err.println();
        err.println(DockerHelp.usageLine(spec));
        err.println();
        err.println(verb + " '" + name + " --help' for more information");
        err.flush();
        return USAGE_ERROR;
    }

    private static String flagNames(OptionSpec o) {
        String shortName = null;
        String longName = null;
        for (String n : o.names()) {
            if (n.startsWith("--")) longName = longName == null ? n : longName;
            else shortName = n;
        }
        return shortName != null && longName != null ? shortName + ", " + longName : o.longestName();
    }

    private static List<String> commandNames(CommandSpec spec) {
        return new ArrayList<>(spec.subcommands().keySet());
    }
}
