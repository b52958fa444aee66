package dev.berth.client;

/** The daemon's socket could not be reached; the message uses Docker's wording with berth's name. */
public final class DaemonUnreachableException extends RuntimeException {
    private final DockerHost host;

    public DaemonUnreachableException(DockerHost host, String detail, Throwable cause) {
        super(detail == null
                ? "Cannot connect to the berth daemon at " + host + ". Is the berth daemon running?"
                : detail, cause);
        this.host = host;
    }

    public DockerHost host() {
        return host;
    }
}
