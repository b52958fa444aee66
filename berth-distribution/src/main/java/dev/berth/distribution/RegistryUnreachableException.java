package dev.berth.distribution;

/** No answer from a registry: a name that does not resolve, a refused or timed-out connection. */
public final class RegistryUnreachableException extends RuntimeException {
    public RegistryUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
