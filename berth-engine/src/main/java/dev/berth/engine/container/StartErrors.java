package dev.berth.engine.container;

/** Docker's mapping from a runtime start failure to the exit code the client reports. */
final class StartErrors {
    private StartErrors() {}

    /** 127 when the command does not exist, 126 when it cannot be run, else {@code otherwise}. */
    static int exitCode(String runtimeMessage, int otherwise) {
        if (runtimeMessage == null) return otherwise;
        if (runtimeMessage.contains("executable file not found") || runtimeMessage.contains("no such file or directory")) return 127;
        if (runtimeMessage.contains("permission denied")) return 126;
        return otherwise;
    }
}
