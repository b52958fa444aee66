package dev.berth.registry.storage;

import dev.berth.oci.Digest;
import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;

/** Digest parsing with the registry's error code for a malformed or unsupported digest. */
public final class Digests {
    private Digests() {}

    public static Digest parse(String text) {
        if (text == null || text.isEmpty()) throw new RegistryException(ErrorCode.DIGEST_INVALID, "digest missing");
        try {
            return Digest.parse(text);
        } catch (RuntimeException e) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "invalid or unsupported digest: " + text);
        }
    }
}
