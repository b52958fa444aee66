package dev.berth.cli;

/**
 * Ends a command with an exit status. The message (may be null) is printed to stderr as is;
 * commands build it with docker's wording.
 */
public final class StatusException extends RuntimeException {
    private final int status;

    public StatusException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
