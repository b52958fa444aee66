package dev.berth.registry.errors;

/**
 * A request the registry refuses with one of the spec's error codes. Handlers throw it; the
 * dispatcher is the one place that turns it into a status and an {@code {"errors":[...]}} body.
 */
public final class RegistryException extends RuntimeException {
    private final ErrorCode code;
    private final int status;
    private final String detail;

    public RegistryException(ErrorCode code, String detail) {
        this(code, code.status(), detail);
    }

    public RegistryException(ErrorCode code, int status, String detail) {
        super(code + ": " + detail);
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }
}
