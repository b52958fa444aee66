package dev.berth.engine.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.oci.image.ImageRef;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes images from root filesystem tarballs ({@code docker import}): one layer, a config with the
 * given changes, an optional tag.
 */
public final class ImageImporter {
    public static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private final ImageStore images;

    public ImageImporter(ImageStore images) {
        this.images = images;
    }

    /** Settings of an imported image's config; the {@code --change} subset berth understands. */
    public record ImportConfig(List<String> cmd, List<String> entrypoint, List<String> env, String workingDir,
                               String user, Map<String, String> labels, List<String> exposedPorts, List<String> volumes) {
        public ImportConfig {
            volumes = volumes == null ? List.of() : List.copyOf(volumes);
        }

        public ImportConfig(List<String> cmd, List<String> entrypoint, List<String> env, String workingDir,
                            String user, Map<String, String> labels, List<String> exposedPorts) {
            this(cmd, entrypoint, env, workingDir, user, labels, exposedPorts, List.of());
        }

        public static ImportConfig empty() {
            return new ImportConfig(null, null, List.of(DEFAULT_PATH), null, null, Map.of(), List.of());
        }
    }

    public Image importRootfs(InputStream tar, ImportConfig config, String comment, Optional<ImageRef> tag, Instant created) {
        try (ImageStore.Lease lease = images.lease()) {
            return importRootfs(lease.importLayer(tar, null), config, comment, tag, created);
        }
    }

    private Image importRootfs(String diffId, ImportConfig config, String comment, Optional<ImageRef> tag, Instant created) {
        ObjectNode cfg = Json.object();
        cfg.put("architecture", "amd64");
        cfg.put("os", "linux");
        cfg.put("created", DateTimeFormatter.ISO_INSTANT.format(created));
        ObjectNode c = cfg.putObject("config");
        ArrayNode env = c.putArray("Env");
        config.env().forEach(env::add);
        if (config.cmd() != null) config.cmd().forEach(c.putArray("Cmd")::add);
        if (config.entrypoint() != null) config.entrypoint().forEach(c.putArray("Entrypoint")::add);
        if (config.workingDir() != null) c.put("WorkingDir", config.workingDir());
        if (config.user() != null) c.put("User", config.user());
        if (!config.labels().isEmpty()) {
            ObjectNode labels = c.putObject("Labels");
            config.labels().forEach(labels::put);
        }
        if (!config.exposedPorts().isEmpty()) {
            ObjectNode ports = c.putObject("ExposedPorts");
            config.exposedPorts().forEach(p -> ports.putObject(p.contains("/") ? p : p + "/tcp"));
        }
        if (!config.volumes().isEmpty()) {
            ObjectNode vols = c.putObject("Volumes");
            config.volumes().forEach(vols::putObject);
        }
        ObjectNode rootfs = cfg.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        ObjectNode history = cfg.putArray("history").addObject();
        history.put("created", DateTimeFormatter.ISO_INSTANT.format(created));
        history.put("created_by", "berth import");
        if (comment != null && !comment.isEmpty()) history.put("comment", comment);
        return images.register(Json.bytes(cfg), tag);
    }

    /** Parses Dockerfile-style {@code --change} lines (CMD, ENTRYPOINT, ENV, WORKDIR, USER, LABEL, EXPOSE, VOLUME). */
    public static ImportConfig parseChanges(List<String> changes) {
        ImportConfig c = ImportConfig.empty();
        List<String> env = new java.util.ArrayList<>(c.env());
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        List<String> ports = new java.util.ArrayList<>();
        List<String> volumes = new java.util.ArrayList<>();
        List<String> cmd = null;
        List<String> entrypoint = null;
        String workdir = null;
        String user = null;
        for (String line : changes) {
            String t = line.trim();
            int sp = t.indexOf(' ');
            if (sp < 0) throw new BerthException.InvalidArgument("invalid change: " + line);
            String op = t.substring(0, sp).toUpperCase();
            String arg = t.substring(sp + 1).trim();
            switch (op) {
                case "CMD" -> cmd = commandForm(arg);
                case "ENTRYPOINT" -> entrypoint = commandForm(arg);
                case "ENV" -> {
                    String kv = arg.contains("=") ? arg : arg.replaceFirst("\\s+", "=");
                    String k = kv.substring(0, kv.indexOf('='));
                    env.removeIf(e -> e.startsWith(k + "="));
                    env.add(kv);
                }
                case "WORKDIR" -> workdir = arg;
                case "USER" -> user = arg;
                case "LABEL" -> {
                    String[] kv = arg.split("=", 2);
                    labels.put(kv[0], kv.length > 1 ? kv[1].replaceAll("^\"|\"$", "") : "");
                }
                case "EXPOSE" -> ports.addAll(List.of(arg.split("\\s+")));
                case "VOLUME" -> volumes.addAll(arg.startsWith("[") ? commandForm(arg) : List.of(arg.split("\\s+")));
                default -> throw new BerthException.InvalidArgument(op + " is not a valid change command");
            }
        }
        return new ImportConfig(cmd, entrypoint, env, workdir, user, labels, ports, volumes);
    }

    private static List<String> commandForm(String arg) {
        if (arg.startsWith("[")) {
            try {
                return List.of(Json.MAPPER.readValue(arg, String[].class));
            } catch (java.io.IOException e) {
                throw new BerthException.InvalidArgument("invalid JSON array: " + arg);
            }
        }
        return List.of("/bin/sh", "-c", arg);
    }
}
