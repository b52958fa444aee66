package dev.berth.registry.storage;

import dev.berth.oci.Digest;
import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;

/** The {@code <reference>} of a manifest URL: a tag or a digest. */
public sealed interface Reference {
    record ByTag(Tag tag) implements Reference {}

    record ByDigest(Digest digest) implements Reference {}

    /** A reference with a colon is a digest (tags cannot hold one); anything else must be a valid tag. */
    static Reference parse(String text) {
        if (text.indexOf(':') >= 0) return new ByDigest(Digests.parse(text));
        if (!Tag.isValid(text)) throw new RegistryException(ErrorCode.MANIFEST_INVALID, "invalid tag: " + text);
        return new ByTag(new Tag(text));
    }
}
