package dev.berth.cli;

import dev.berth.client.ApiException;
import dev.berth.client.DaemonUnreachableException;
import picocli.CommandLine;

import java.io.IOException;

/**
 * The one place a failed command becomes a message and an exit status: a {@link StatusException}
 * as the command wrote it; a daemon error as {@code Error response from daemon: <message>} (1);
 * an unreachable daemon with docker's "Cannot connect" wording (1).
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    private final Cli cli;

    ErrorReporter(Cli cli) {
        this.cli = cli;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        cli.out().flush();
        return switch (ex) {
            case StatusException s -> {
                if (s.getMessage() != null && !s.getMessage().isEmpty()) cli.err().println(s.getMessage());
                yield s.status();
            }
            case ApiException a -> {
                cli.err().println("Error response from daemon: " + a.getMessage());
                yield 1;
            }
            case DaemonUnreachableException d -> {
                cli.err().println(d.getMessage());
                yield 1;
            }
            case dev.berth.cli.io.StrictOutput.ClosedException closed -> 141;
            case IOException io -> {
                cli.err().println("error during connect: " + (io.getMessage() == null ? io.toString() : io.getMessage()));
                yield 1;
            }
            default -> {
                cli.err().println("berth: " + ex);
                if (cli.env().containsKey("BERTH_DEBUG")) ex.printStackTrace(cli.err());
                yield 1;
            }
        };
    }
}
