package dev.berth.common.errors;

/**
 * The one error taxonomy of berth. Every domain failure is one of these classes; the daemon's
 * API layer is the only place that turns a class into an HTTP status (see containerd errdefs).
 * Messages are written for the user and, where Docker has a wording, use Docker's wording.
 */
public sealed class BerthException extends RuntimeException
        permits BerthException.NotFound, BerthException.AlreadyExists, BerthException.Conflict,
                BerthException.InvalidArgument, BerthException.FailedPrecondition, BerthException.Unauthorized,
                BerthException.Forbidden, BerthException.Unavailable, BerthException.NotImplemented,
                BerthException.NotModified, BerthException.TooLarge, BerthException.Internal {

    private BerthException(String message, Throwable cause) {
        super(message, cause);
    }

    public static final class NotFound extends BerthException {
        public NotFound(String message) { super(message, null); }
    }

    public static final class AlreadyExists extends BerthException {
        public AlreadyExists(String message) { super(message, null); }
    }

    public static final class Conflict extends BerthException {
        public Conflict(String message) { super(message, null); }
    }

    public static final class InvalidArgument extends BerthException {
        public InvalidArgument(String message) { super(message, null); }
    }

    public static final class FailedPrecondition extends BerthException {
        public FailedPrecondition(String message) { super(message, null); }
    }

    public static final class Unauthorized extends BerthException {
        public Unauthorized(String message) { super(message, null); }
    }

    public static final class Forbidden extends BerthException {
        public Forbidden(String message) { super(message, null); }
    }

    public static final class Unavailable extends BerthException {
        public Unavailable(String message) { super(message, null); }
    }

    public static final class NotImplemented extends BerthException {
        public NotImplemented(String message) { super(message, null); }
    }

    /** The request asked for a state the object is already in (Docker answers 304). */
    public static final class NotModified extends BerthException {
        public NotModified(String message) { super(message, null); }
    }

    /** The request is larger than berthd will hold for it (HTTP 413). */
    public static final class TooLarge extends BerthException {
        public TooLarge(String message) { super(message, null); }
    }

    public static final class Internal extends BerthException {
        public Internal(String message) { super(message, null); }
        public Internal(String message, Throwable cause) { super(message, cause); }
    }
}
