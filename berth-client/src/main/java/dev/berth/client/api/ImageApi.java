package dev.berth.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.EngineClient;
import dev.berth.client.Response;
import dev.berth.client.http.Body;
import dev.berth.client.http.Paths;
import dev.berth.client.http.Query;
import dev.berth.client.http.Request;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** {@code /images/...}. */
public final class ImageApi {
    /** Anonymous registry credentials: base64url of {@code {}}. */
    private static final String ANONYMOUS_AUTH = "e30=";
    private final EngineClient client;

    public ImageApi(EngineClient client) {
        this.client = client;
    }

    public JsonNode list(boolean all, FilterArgs filters) throws IOException {
        Query q = Query.of().flag("all", all);
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        return client.json(Request.get("/images/json", q));
    }

    public JsonNode inspect(String name) throws IOException {
        return client.json(Request.get("/images/" + Paths.segment(name) + "/json", Query.of()));
    }

    public void tag(String source, String repo, String tag) throws IOException {
        client.call(Request.post("/images/" + Paths.segment(source) + "/tag", Query.of().add("repo", repo).addIfPresent("tag", tag)));
    }

    /** {@code DELETE /images/{name}}: the list of {@code {"Untagged":...}} / {@code {"Deleted":...}} lines. */
    public JsonNode remove(String name, boolean force, boolean noPrune) throws IOException {
        return client.json(Request.delete("/images/" + Paths.segment(name), Query.of().flag("force", force).flag("noprune", noPrune)));
    }

    /** {@code POST /images/prune}: {@code ImagesDeleted} report lines and {@code SpaceReclaimed}. */
    public JsonNode prune(FilterArgs filters) throws IOException {
        Query q = Query.of();
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        return client.json(Request.post("/images/prune", q));
    }

    /** {@code GET /images/get}: the images as one docker archive (a tar). */
    public Response save(List<String> names) throws IOException {
        Query q = Query.of();
        names.forEach(n -> q.add("names", n));
        return client.open(Request.get("/images/get", q));
    }

    /** {@code POST /images/load}: the body is a JSON message stream. */
    public Response load(InputStream archive, boolean quiet) throws IOException {
        return client.open(Request.post("/images/load", Query.of().flag("quiet", quiet)).withBody(new Body.Stream(archive, "application/x-tar")));
    }

    /** {@code GET /images/{name}/history}: newest first. */
    public JsonNode history(String name) throws IOException {
        return client.json(Request.get("/images/" + Paths.segment(name) + "/history", Query.of()));
    }

    /** Starts a pull; the body is a JSON progress stream. */
    public Response pull(String fromImage, String tag) throws IOException {
        return pull(fromImage, tag, null);
    }

    /**
     * Starts a pull of {@code fromImage} at {@code tag} (a tag or digest; null pulls every tag)
     * for {@code platform} ({@code os/arch[/variant]}, null for the daemon's). Anonymous: the
     * credentials of ~/.docker/config.json come with {@code berth login}.
     */
    public Response pull(String fromImage, String tag, String platform) throws IOException {
        return pull(fromImage, tag, platform, ANONYMOUS_AUTH);
    }

    /** As {@link #pull(String, String, String)} with an {@code X-Registry-Auth} value (base64url AuthConfig JSON). */
    public Response pull(String fromImage, String tag, String platform, String registryAuth) throws IOException {
        Request r = Request.post("/images/create", Query.of().add("fromImage", fromImage).addIfPresent("tag", tag).addIfPresent("platform", platform))
                .withHeader("X-Registry-Auth", registryAuth == null ? ANONYMOUS_AUTH : registryAuth);
        return client.open(r);
    }

    /** Starts a push of {@code name} at {@code tag} (null: every tag); the body is a JSON progress stream. */
    public Response push(String name, String tag, String registryAuth) throws IOException {
        Request r = Request.post("/images/" + Paths.segment(name) + "/push", Query.of().addIfPresent("tag", tag))
                .withHeader("X-Registry-Auth", registryAuth == null ? ANONYMOUS_AUTH : registryAuth);
        return client.open(r);
    }

    /** {@code POST /auth}: checks {@code authConfig} (username, password, serveraddress) against its registry. */
    public JsonNode auth(byte[] authConfig) throws IOException {
        return client.json(Request.post("/auth", Query.of()).withBody(new dev.berth.client.http.Body.Bytes(authConfig, "application/json")));
    }

    /** {@code import}: a rootfs tarball from the request body ({@code fromSrc=-}) or from a URL. */
    public Response importImage(InputStream tarball, String url, String repo, String tag, String message, List<String> changes) throws IOException {
        Query q = Query.of();
        changes.forEach(c -> q.add("changes", c));
        q.add("fromSrc", tarball != null ? "-" : url).addIfPresent("message", message).addIfPresent("repo", repo).addIfPresent("tag", tag);
        Request r = Request.post("/images/create", q);
        if (tarball != null) r = r.withBody(new Body.Stream(tarball, "application/x-tar"));
        return client.open(r);
    }

    /** {@code POST /commit}: returns the new image's id. */
    public String commit(String container, String repo, String tag, String comment, String author, boolean pause, List<String> changes) throws IOException {
        Query q = Query.of().add("container", container).addIfPresent("repo", repo).addIfPresent("tag", tag)
                .addIfPresent("comment", comment).addIfPresent("author", author).add("pause", Boolean.toString(pause));
        changes.forEach(c -> q.add("changes", c));
        return client.json(Request.post("/commit", q)).path("Id").asText();
    }
}
