package dev.berth.oci.manifest;

import dev.berth.oci.Digest;

import java.util.List;

/** A content descriptor: what a manifest says a blob is (its type, digest and size). */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform, List<String> urls) {
    public Descriptor {
        urls = urls == null ? List.of() : List.copyOf(urls);
        if (size < 0) throw new dev.berth.common.errors.BerthException.InvalidArgument("invalid descriptor: negative size for " + digest);
    }
}
