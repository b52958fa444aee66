package dev.berth.daemon.api.images;

import dev.berth.common.errors.BerthException;
import dev.berth.daemon.api.Router;
import dev.berth.distribution.Credentials;
import dev.berth.dockerapi.RegistryAuth;
import dev.berth.engine.transfer.PushProgress;
import dev.berth.oci.image.ImageRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code POST /images/{name}/push?tag=} with {@code X-Registry-Auth}: a registry push, streamed as
 * Docker's JSON messages. Without a tag (in the name or the parameter) every local tag of the
 * repository is pushed, as dockerd does ({@code docker push -a}).
 */
public final class PushRoute {
    /** What a push needs of the engine. */
    public interface Backend {
        void push(ImageRef ref, boolean allTags, Credentials credentials, PushProgress progress);

        void event(String action, String id, Map<String, String> attributes);
    }

    private final Backend images;

    public PushRoute(Backend images) {
        this.images = images;
    }

    public void register(Router r) {
        r.add("POST", "/images/(.+)/push", this::push);
    }

    private void push(Router.Call c) throws IOException {
        String name = c.group(1);
        String platform = c.req().param("platform");
        // API 1.46's single-platform push of an index: berth's images have one platform
        if (platform != null && !platform.isBlank()) throw new BerthException.InvalidArgument("platform: berth does not push a selected platform of a multi-platform image");
        if (name.contains("@")) throw new BerthException.InvalidArgument("cannot push a digest reference");
        String tag = c.req().param("tag");
        boolean nameHasTag = name.lastIndexOf(':') > name.lastIndexOf('/');
        boolean hasTag = tag != null && !tag.isEmpty();
        String full = hasTag ? (nameHasTag ? name.substring(0, name.lastIndexOf(':')) : name) + ":" + tag : name;
        ImageRef ref = ImageRef.parse(full);
        boolean allTags = !hasTag && !nameHasTag;
        RegistryAuth auth = RegistryAuth.decode(c.req().header("X-Registry-Auth"));
        Credentials credentials = new Credentials(auth.username(), auth.password(), auth.identityToken(), auth.registryToken());
        PushStream stream = new PushStream(c.res());
        try {
            images.push(ref, allTags, credentials, stream);
            images.event("push", allTags ? ref.familiarName() : ref.familiar(), Map.of("name", allTags ? ref.familiarName() : ref.familiar()));
        } catch (BerthException | UncheckedIOException e) {
            // the first line always went out, so every failure is in the stream, as with dockerd
            stream.error(e.getMessage());
        }
        stream.end();
    }
}
