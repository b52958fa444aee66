package dev.berth.registry.handlers;

import dev.berth.registry.storage.RepositoryName;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution API's endpoints. Names may hold slashes, so a path is matched from its end:
 * {@code /v2/a/b/blobs/uploads/<id>} is repository {@code a/b}. Upload paths are tried before
 * blob paths for that reason.
 */
sealed interface Route {
    record Base() implements Route {}

    record Catalog() implements Route {}

    record Tags(RepositoryName name) implements Route {}

    record Manifest(RepositoryName name, String reference) implements Route {}

    record Blob(RepositoryName name, String digest) implements Route {}

    record UploadStart(RepositoryName name) implements Route {}

    record Upload(RepositoryName name, String id) implements Route {}

    record Referrers(RepositoryName name, String digest) implements Route {}

    Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    Pattern UPLOAD_START = Pattern.compile("/v2/(.+)/blobs/uploads/?");
    Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)");
    Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/([^/]+)");
    Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
    Pattern REFERRERS = Pattern.compile("/v2/(.+)/referrers/([^/]+)");

    /** The route for a decoded path, or empty for a path outside the API. A bad name throws NAME_INVALID. */
    static Optional<Route> of(String path) {
        if (path.equals("/v2/") || path.equals("/v2")) return Optional.of(new Base());
        if (path.equals("/v2/_catalog")) return Optional.of(new Catalog());
        Matcher m;
        if ((m = MANIFEST.matcher(path)).matches()) return Optional.of(new Manifest(name(m), m.group(2)));
        if ((m = UPLOAD_START.matcher(path)).matches()) return Optional.of(new UploadStart(name(m)));
        if ((m = UPLOAD.matcher(path)).matches()) return Optional.of(new Upload(name(m), m.group(2)));
        if ((m = BLOB.matcher(path)).matches()) return Optional.of(new Blob(name(m), m.group(2)));
        if ((m = TAGS.matcher(path)).matches()) return Optional.of(new Tags(name(m)));
        if ((m = REFERRERS.matcher(path)).matches()) return Optional.of(new Referrers(name(m), m.group(2)));
        return Optional.empty();
    }

    private static RepositoryName name(Matcher m) {
        return new RepositoryName(m.group(1));
    }
}
