package dev.berth.client;

/**
 * The daemon answered with an error status. {@link #getMessage()} is the text of Docker's
 * {@code {"message": ...}} body (or the raw body when it is not JSON), exactly as the daemon wrote it.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
