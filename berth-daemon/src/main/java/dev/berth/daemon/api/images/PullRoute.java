package dev.berth.daemon.api.images;

import dev.berth.common.errors.BerthException;
import dev.berth.daemon.api.Router;
import dev.berth.distribution.Credentials;
import dev.berth.dockerapi.RegistryAuth;
import dev.berth.engine.image.Image;
import dev.berth.engine.transfer.ImagePuller;
import dev.berth.engine.transfer.PullProgress;
import dev.berth.oci.image.ImageRef;
import dev.berth.oci.manifest.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /images/create?fromImage=&tag=&platform=} with {@code X-Registry-Auth}: a registry
 * pull, streamed as Docker's JSON messages. A name without tag or digest pulls every tag of the
 * repository ({@code docker pull -a}); clients that want {@code latest} say so, as the docker CLI does.
 */
final class PullRoute {
    /** What a pull needs of the engine. */
    interface Backend {
        ImagePuller.Outcome pull(ImageRef ref, Platform platform, boolean explicitPlatform, Credentials credentials, PullProgress progress);

        List<String> tags(ImageRef repository, Credentials credentials);

        Optional<Image> find(String nameOrId);

        void event(String action, String id, Map<String, String> attributes);
    }

    private final Backend images;

    PullRoute(Backend images) {
        this.images = images;
    }

    void pull(Router.Call c, String fromImage) throws IOException {
        String tag = c.req().param("tag");
        boolean hasTag = tag != null && !tag.isEmpty();
        boolean refHasTagOrDigest = fromImage.contains("@") || fromImage.lastIndexOf(':') > fromImage.lastIndexOf('/');
        String full = fromImage + (hasTag && !fromImage.contains("@") ? (tag.startsWith("sha256:") ? "@" : ":") + tag : "");
        if (hasTag && refHasTagOrDigest && !fromImage.contains("@")) full = fromImage.substring(0, fromImage.lastIndexOf(':')) + (tag.startsWith("sha256:") ? "@" : ":") + tag;
        ImageRef ref = ImageRef.parse(full);
        boolean allTags = !hasTag && !refHasTagOrDigest;
        String platformParam = c.req().param("platform");
        boolean explicit = platformParam != null && !platformParam.isBlank();
        Platform platform = explicit ? Platform.parse(platformParam) : Platform.LINUX_AMD64;
        RegistryAuth auth = RegistryAuth.decode(c.req().header("X-Registry-Auth"));
        Credentials credentials = new Credentials(auth.username(), auth.password(), auth.identityToken(), auth.registryToken());

        PullStream stream = new PullStream(c.res());
        try {
            String done = allTags ? pullAll(ref, platform, explicit, credentials, stream) : pullOne(ref, platform, explicit, credentials, stream);
            stream.status(null, done);
        } catch (BerthException.Unavailable offline) {
            // berth works where no registry is reachable (DESIGN §4): an image already here is
            // taken as up to date then, so that clients that always pull (Testcontainers,
            // compose) still run it; dockerd would fail the pull
            if (stream.started() || allTags || images.find(ref.familiar()).isEmpty()) {
                fail(stream, offline);
            } else {
                stream.status(null, "Status: Image is up to date for " + ref.familiar());
            }
        } catch (BerthException | UncheckedIOException e) {
            fail(stream, e);
        }
        stream.end();
    }

    private static void fail(PullStream stream, RuntimeException e) throws IOException {
        // a registry's refusal is no 401 of this API: the docker CLI would take it for its own
        // login failing and prompt for credentials; dockerd answers 500 too
        if (!stream.started() && e instanceof BerthException.Unauthorized) throw new BerthException.Internal(e.getMessage());
        if (!stream.started() && e instanceof BerthException be) throw be; // answered with its own status
        stream.error(e.getMessage());
    }

    private String pullOne(ImageRef ref, Platform platform, boolean explicit, Credentials credentials, PullStream stream) {
        ImagePuller.Outcome o = images.pull(ref, platform, explicit, credentials, stream);
        images.event("pull", ref.familiar(), Map.of("name", ref.familiar()));
        return "Status: " + (o.changed() ? "Downloaded newer image for " : "Image is up to date for ") + ref.familiar();
    }

    private String pullAll(ImageRef repository, Platform platform, boolean explicit, Credentials credentials, PullStream stream) {
        boolean changed = false;
        List<String> tags = images.tags(repository, credentials);
        if (tags.isEmpty()) throw new BerthException.NotFound("no tags available for " + repository.familiarName());
        for (String t : tags) {
            ImageRef ref = repository.withTag(t);
            changed |= images.pull(ref, platform, explicit, credentials, stream).changed();
            images.event("pull", ref.familiar(), Map.of("name", ref.familiar()));
        }
        return "Status: " + (changed ? "Downloaded newer image for " : "Image is up to date for ") + repository.familiarName();
    }
}
