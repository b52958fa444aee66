package dev.berth.daemon.api.containers;

import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.Times;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.engine.container.ContainerFiles;
import dev.berth.engine.diff.Changes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code /containers/{id}/archive} (docker cp), {@code /export} and {@code /changes} (docker diff). */
public final class FileRoutes {
    private static final String STAT_HEADER = "X-Docker-Container-Path-Stat";
    /** What the archive, export and changes routes need of the engine. */
    public interface Backend {
        ContainerFiles.PathStat stat(String ref, String path) throws IOException;

        ContainerFiles.PathStat archive(String ref, String path, Consumer<ContainerFiles.PathStat> beforeBody, OutputStream out) throws IOException;

        void extract(String ref, String path, InputStream tar, boolean keepOwners) throws IOException;

        void export(String ref, OutputStream out) throws IOException;

        List<Changes.Change> changes(String ref) throws IOException;
    }

    private final Backend files;

    public FileRoutes(Backend files) {
        this.files = files;
    }

    public void register(Router r) {
        r.add("HEAD", "/containers/(.+)/archive", this::head);
        r.add("GET", "/containers/(.+)/archive", this::get);
        r.add("PUT", "/containers/(.+)/archive", this::put);
        r.add("GET", "/containers/(.+)/export", this::export);
        r.add("GET", "/containers/(.+)/changes", this::changes);
    }

    private void head(Router.Call c) throws IOException {
        ContainerFiles.PathStat st = files.stat(c.group(1), path(c));
        c.res().send(200, "application/x-tar", new byte[0], Map.of(STAT_HEADER, statHeader(st)));
    }

    private void get(Router.Call c) throws IOException {
        OutputStream[] body = new OutputStream[1];
        files.archive(c.group(1), path(c), st -> {
            try {
                body[0] = c.res().startStream(200, "application/x-tar", Map.of(STAT_HEADER, statHeader(st)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                body[0].write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                body[0].write(b, off, len);
            }
        });
        body[0].close();
    }

    private void put(Router.Call c) throws IOException {
        files.extract(c.group(1), path(c), c.req().body(), c.req().bool("copyUIDGID", false));
        c.res().send(200, null, new byte[0]);
    }

    private void export(Router.Call c) throws IOException {
        String id = c.group(1);
        OutputStream out = c.res().startStream(200, "application/x-tar", Map.of());
        files.export(id, out);
        out.close();
    }

    private void changes(Router.Call c) throws IOException {
        ArrayNode a = Json.object().arrayNode();
        for (Changes.Change ch : files.changes(c.group(1))) {
            ObjectNode o = a.addObject();
            o.put("Path", ch.path());
            o.put("Kind", ch.kind().ordinal());
        }
        c.json(200, a);
    }

    private static String path(Router.Call c) {
        String p = c.req().param("path");
        if (p == null || p.isEmpty()) throw new dev.berth.common.errors.BerthException.InvalidArgument("Path cannot be empty");
        return p;
    }

    static String statHeader(ContainerFiles.PathStat st) {
        ObjectNode n = Json.object();
        n.put("name", st.name());
        n.put("size", st.size());
        n.put("mode", st.mode());
        n.put("mtime", Times.rfc3339(st.mtime()));
        n.put("linkTarget", st.linkTarget());
        return Base64.getEncoder().encodeToString(Json.bytes(n));
    }
}
