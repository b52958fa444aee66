package dev.berth.cli.commands.container;

import dev.berth.cli.StatusException;
import dev.berth.client.ApiException;

/**
 * How {@code run} reports a failure (docker's {@code toStatusError}): prefixed with the program
 * name and followed by a help hint, exit 127 when the command was not found, 126 when it could
 * not be executed, 125 for everything else.
 */
final class RunErrors {
    private RunErrors() {}

    static StatusException of(String command, Exception e) {
        String msg = e instanceof ApiException ? "Error response from daemon: " + e.getMessage() : e.getMessage();
        int code = 125;
        if (msg.contains("executable file not found") || msg.contains("no such file or directory")
                || msg.contains("system cannot find the file specified")) {
            code = 127;
        } else if (msg.contains("permission denied") || msg.contains("is a directory")) {
            code = 126;
        }
        return withHelp(command, msg, code);
    }

    static StatusException withHelp(String command, String msg, int code) {
        return new StatusException(code, "berth: " + msg + "\n\nRun 'berth " + command + " --help' for more information");
    }
}
