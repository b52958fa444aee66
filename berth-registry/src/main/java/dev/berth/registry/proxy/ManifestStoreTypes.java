package dev.berth.registry.proxy;

import dev.berth.registry.storage.ManifestDocument;

import java.util.List;

/** The manifest media types a cache asks its upstream for: every kind this registry stores. */
final class ManifestStoreTypes {
    static final List<String> ALL = List.of(ManifestDocument.OCI_INDEX, ManifestDocument.OCI_MANIFEST,
            ManifestDocument.DOCKER_LIST, ManifestDocument.DOCKER_MANIFEST);

    private ManifestStoreTypes() {}
}
