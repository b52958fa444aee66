package dev.berth.distribution;

import dev.berth.oci.Digest;
import dev.berth.oci.manifest.ManifestDocument;

/** A manifest as received: the raw bytes (its digest covers them), their media type and digest, parsed. */
public record FetchedManifest(byte[] bytes, String mediaType, Digest digest, ManifestDocument document) {}
