package dev.berth.engine.transfer;

import dev.berth.common.errors.BerthException;
import dev.berth.distribution.RegistryResponseException;
import dev.berth.distribution.RegistryUnreachableException;
import dev.berth.oci.image.ImageRef;

/**
 * Turns what a registry answered into dockerd's wording, which users and scripts match on:
 * an unknown tag is "manifest for REF not found: manifest unknown: ...", an unknown or forbidden
 * repository "pull access denied for NAME, repository does not exist or may require 'docker login': ...".
 */
final class PullErrors {
    private PullErrors() {}

    static BerthException translate(RuntimeException e, ImageRef ref, boolean anonymous) {
        if (e instanceof BerthException be) return be;
        if (e instanceof RegistryUnreachableException u) return new BerthException.Unavailable(u.getMessage());
        if (!(e instanceof RegistryResponseException r)) return new BerthException.Internal(e.getMessage(), e);
        return switch (r.code()) {
            case "MANIFEST_UNKNOWN" -> new BerthException.NotFound("manifest for " + ref.familiar() + " not found: " + r.cause());
            case "NAME_UNKNOWN", "DENIED" -> denied(ref, r);
            case "UNAUTHORIZED" -> anonymous ? denied(ref, r) : new BerthException.Unauthorized(r.getMessage());
            case "NOT_FOUND" -> r.url().contains("/manifests/")
                    ? new BerthException.NotFound("manifest for " + ref.familiar() + " not found: manifest unknown: " + r.detail())
                    : new BerthException.NotFound(r.getMessage());
            case "DIGEST_INVALID", "SIZE_INVALID" -> new BerthException.InvalidArgument(r.getMessage());
            case "" -> r.status() == 401 ? new BerthException.Unauthorized(r.getMessage()) : new BerthException.Unavailable(r.getMessage());
            default -> r.status() == 429 || r.status() >= 500 ? new BerthException.Unavailable(r.getMessage()) : new BerthException.Internal(r.getMessage());
        };
    }

    private static BerthException denied(ImageRef ref, RegistryResponseException r) {
        return new BerthException.NotFound("pull access denied for " + ref.familiarName()
                + ", repository does not exist or may require 'docker login': " + r.cause());
    }
}
