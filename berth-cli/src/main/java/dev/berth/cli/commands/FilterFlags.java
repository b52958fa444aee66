package dev.berth.cli.commands;

import dev.berth.cli.StatusException;
import dev.berth.client.api.FilterArgs;
import picocli.CommandLine;

import java.util.List;

/** The {@code --filter key=value} flags of list and prune commands. */
public final class FilterFlags {
    private FilterFlags() {}

    /** The flags as filters, or docker's usage error (exit 125) naming the flag as {@code flag} spells it. */
    public static FilterArgs parse(List<String> filters, String flag) throws StatusException {
        try {
            return FilterArgs.parse(filters);
        } catch (IllegalArgumentException e) {
            throw new StatusException(125, "invalid argument \"" + filters.getLast() + "\" for \"" + flag + "\" flag: " + e.getMessage());
        }
    }

    /**
     * Checks each {@code --filter} value while the flags are parsed, as docker's filter option
     * does, so a malformed one is a flag error with the command's usage (exit 125).
     */
    public static final class Checked implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.indexOf('=') < 0) throw new CommandLine.TypeConversionException("bad format of filter (expected name=value)");
            return value;
        }
    }
}
