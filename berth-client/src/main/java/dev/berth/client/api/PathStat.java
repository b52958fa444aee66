package dev.berth.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.json.JsonNodes;

import java.util.Base64;

/**
 * A path inside a container, from the {@code X-Docker-Container-Path-Stat} header of the archive
 * endpoints. {@code mode} is a Go {@code os.FileMode}: permission bits plus type bits.
 */
public record PathStat(String name, long size, long mode, String mtime, String linkTarget) {
    private static final long MODE_DIR = 1L << 31;
    private static final long MODE_SYMLINK = 1L << 27;

    public boolean isDirectory() {
        return (mode & MODE_DIR) != 0;
    }

    public boolean isSymlink() {
        return (mode & MODE_SYMLINK) != 0;
    }

    public static PathStat fromHeader(String header) {
        if (header == null || header.isBlank()) return null;
        JsonNode n = JsonNodes.parse(Base64.getDecoder().decode(header.trim()));
        return new PathStat(n.path("name").asText(""), n.path("size").asLong(0), n.path("mode").asLong(0),
                n.path("mtime").asText(""), n.path("linkTarget").asText(""));
    }
}
