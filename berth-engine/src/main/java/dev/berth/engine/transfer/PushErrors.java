package dev.berth.engine.transfer;

import dev.berth.common.errors.BerthException;
import dev.berth.distribution.RegistryResponseException;
import dev.berth.distribution.RegistryUnreachableException;

/**
 * A registry's refusal of a push in dockerd's wording, the error without the request:
 * "denied: requested access to the resource is denied", "unauthorized: authentication required",
 * "no basic auth credentials".
 */
final class PushErrors {
    private PushErrors() {}

    static BerthException translate(RuntimeException e) {
        if (e instanceof BerthException be) return be;
        if (e instanceof RegistryUnreachableException u) return new BerthException.Unavailable(u.getMessage());
        if (e instanceof java.io.UncheckedIOException io) return new BerthException.Internal(io.getCause().getMessage(), io);
        if (!(e instanceof RegistryResponseException r)) return new BerthException.Internal(String.valueOf(e.getMessage()), e);
        return switch (r.status()) {
            case 401 -> new BerthException.Unauthorized(r.cause());
            case 403 -> new BerthException.Forbidden(r.cause());
            case 404 -> new BerthException.NotFound(r.cause());
            default -> r.status() == 429 || r.status() >= 500 ? new BerthException.Unavailable(r.cause()) : new BerthException.InvalidArgument(r.cause());
        };
    }
}
