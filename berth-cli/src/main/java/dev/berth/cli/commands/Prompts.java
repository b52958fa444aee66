package dev.berth.cli.commands;

import dev.berth.cli.Cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** docker's confirmation prompt for destructive commands run without {@code -f}. */
public final class Prompts {
    private Prompts() {}

    /** Prints the warning and docker's question; only "y" or "yes" (any case) confirms. */
    public static boolean confirmed(Cli cli, String warning) throws IOException {
        cli.out().print(warning + "\nAre you sure you want to continue? [y/N] ");
        cli.out().flush();
        String answer = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
