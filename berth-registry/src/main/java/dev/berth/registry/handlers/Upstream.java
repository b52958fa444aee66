package dev.berth.registry.handlers;

import dev.berth.oci.Digest;
import dev.berth.registry.storage.RepositoryName;

/**
 * Where content missing from this registry may come from: another registry when the server runs
 * as a pull-through cache ({@code --proxy}), nowhere otherwise. An implementation stores what it
 * fetches (digest-verified) so the handlers then serve it as local content.
 */
public interface Upstream {
    /** Fetches and stores the blob and links it into {@code name}; false when the upstream lacks it too. */
    boolean fetchBlob(RepositoryName name, Digest digest);

    /** Fetches and stores the manifest for a tag or digest reference; false when the upstream lacks it too. */
    boolean fetchManifest(RepositoryName name, String reference);

    /** A plain registry: nothing comes from elsewhere. */
    Upstream NONE = new Upstream() {
        @Override
        public boolean fetchBlob(RepositoryName name, Digest digest) {
            return false;
        }

        @Override
        public boolean fetchManifest(RepositoryName name, String reference) {
            return false;
        }
    };
}
