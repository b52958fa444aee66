package dev.berth.cli.commands;

import dev.berth.cli.StatusException;
import dev.berth.client.api.FilterArgs;

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
}
