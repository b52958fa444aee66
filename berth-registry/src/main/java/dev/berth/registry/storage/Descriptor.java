package dev.berth.registry.storage;

import dev.berth.oci.Digest;

import java.util.List;
import java.util.Map;

/** An OCI content descriptor, as far as the registry reads it. {@code artifactType} may be null. */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
                         Map<String, String> annotations, List<String> urls) {
    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    /** Layers with URLs are non-distributable (Windows base layers): their bytes live elsewhere. */
    public boolean foreign() {
        return !urls.isEmpty();
    }
}
