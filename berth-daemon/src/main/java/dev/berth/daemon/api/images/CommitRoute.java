package dev.berth.daemon.api.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;
import dev.berth.engine.container.ContainerCommits;
import dev.berth.engine.image.Image;
import dev.berth.oci.image.ImageRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /commit}: a container's writable layer becomes a new image. The body, when present,
 * is a container {@code Config} whose fields the new image's config takes before the container's.
 */
public final class CommitRoute {
    /** Docker's container Config fields: every one is recorded in the image config as sent. */
    private static final Set<String> CONFIG_FIELDS = Set.of("Hostname", "Domainname", "User", "AttachStdin", "AttachStdout",
            "AttachStderr", "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck", "ArgsEscaped", "Image",
            "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled", "MacAddress", "OnBuild", "Labels", "StopSignal", "StopTimeout", "Shell");

    /** docker-java copies its query parameters into the body too; dockerd's decoder ignores them, and so do we. */
    private static final Set<String> CLIENT_ECHOES = Set.of("containerId", "repository", "tag", "message", "author", "pause");

    /** What the route needs of the engine. */
    public interface Backend {
        Image commit(ContainerCommits.Request request);
    }

    private final Backend backend;

    public CommitRoute(Backend backend) {
        this.backend = backend;
    }

    public void register(Router r) {
        r.add("POST", "/commit", this::commit);
    }

    private void commit(Router.Call c) throws IOException {
        String container = c.req().param("container");
        if (container == null || container.isEmpty()) throw new BerthException.InvalidArgument("container: a container name or id is required");
        String pause = c.req().param("pause");
        Image image = backend.commit(new ContainerCommits.Request(container, tag(c.req().param("repo"), c.req().param("tag")),
                c.req().param("comment"), c.req().param("author"),
                // dockerd since API 1.13: pause unless told otherwise
                pause == null || pause.isEmpty() || c.req().bool("pause", true),
                c.req().params("changes"), config(c.req().bodyBytes())));
        c.json(201, Map.of("Id", image.id().toString()));
    }

    static Optional<ImageRef> tag(String repo, String tag) {
        boolean hasTag = tag != null && !tag.isEmpty();
        if (repo == null || repo.isEmpty()) {
            if (hasTag) throw new BerthException.InvalidArgument("tag: a tag needs a repo to go with it");
            return Optional.empty();
        }
        ImageRef ref = ImageRef.parse(repo);
        if (ref.digest() != null) throw new BerthException.InvalidArgument("repo: refusing to create a tag with a digest reference");
        if (hasTag) {
            if (repo.substring(repo.lastIndexOf('/') + 1).contains(":")) throw new BerthException.InvalidArgument("repo: a tag in repo and in tag both");
            if (!tag.matches("[\\w][\\w.-]{0,127}")) throw new BerthException.InvalidArgument("tag: invalid tag format: " + tag);
            ref = ref.withTag(tag);
        }
        return Optional.of(ref);
    }

    /**
     * The body's Config, or null when there is none. A field Docker's Config does not have is
     * refused by name unless it is empty (docker-java sends a few legacy ones as null or 0).
     */
    static ObjectNode config(byte[] body) {
        if (body.length == 0) return null;
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BerthException.InvalidArgument("invalid JSON in the commit config: " + e.getMessage());
        }
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (!(n instanceof ObjectNode o)) throw new BerthException.InvalidArgument("the commit config must be a JSON object");
        List<String> drop = new ArrayList<>();
        for (var e : o.properties()) {
            if (CONFIG_FIELDS.contains(e.getKey())) continue;
            JsonNode v = e.getValue();
            if (CLIENT_ECHOES.contains(e.getKey())) {
                drop.add(e.getKey());
                continue;
            }
            boolean empty = v.isNull() || (v.isNumber() && v.asLong() == 0) || (v.isBoolean() && !v.asBoolean())
                    || (v.isTextual() && v.asText().isEmpty()) || (v.isContainerNode() && v.isEmpty());
            if (!empty) throw new BerthException.InvalidArgument("commit config field " + e.getKey() + " is not a container Config field berth records");
            drop.add(e.getKey());
        }
        o.remove(drop);
        return o;
    }
}
