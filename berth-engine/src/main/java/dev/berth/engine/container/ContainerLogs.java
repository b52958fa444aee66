package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.logging.JsonLogFile;
import dev.berth.engine.logging.LogReader;
import dev.berth.engine.logging.LogShipper;
import dev.berth.engine.runtime.Conmon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Containers' logs in Docker's json-file format ({@code <id>-json.log}, rotated per {@code --log-opt
 * max-size/max-file}), fed from conmon's spool by one {@link LogShipper} per container. A background
 * pass ships every running container's new output every {@link #SHIP_INTERVAL_MS}; readers and the
 * lifecycle ship on demand, so {@code docker logs} never misses what the container printed.
 */
public final class ContainerLogs implements AutoCloseable {
    static final long SHIP_INTERVAL_MS = 200;
    /** Options dockerd's json-file driver accepts. */
    private static final Set<String> JSON_FILE_OPTIONS = Set.of("max-file", "max-size", "compress", "labels", "labels-regex", "env", "env-regex", "tag");
    private static final Set<String> OTHER_DOCKER_DRIVERS = Set.of("local", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "etwlogs", "gcplogs", "logentries");

    private final ContainerPaths paths;
    private final Map<String, LogShipper> shippers = new ConcurrentHashMap<>();
    /** Containers whose conmon may be writing: the background pass ships these. */
    private final Map<String, ContainerSpec> active = new ConcurrentHashMap<>();
    private volatile Thread thread;

    public ContainerLogs(ContainerPaths paths) {
        this.paths = paths;
    }

    /** Checks {@code --log-driver} and {@code --log-opt} as dockerd does at create. */
    public static void validate(String driver, Map<String, String> options) {
        if (driver == null || driver.isEmpty() || driver.equals("json-file")) {
            for (String key : options.keySet()) {
                if (!JSON_FILE_OPTIONS.contains(key)) throw new BerthException.InvalidArgument("unknown log opt '" + key + "' for json-file log driver");
            }
            if (options.containsKey("max-size")) Sizes.parse(options.get("max-size"));
            if (options.containsKey("max-file")) {
                String mf = options.get("max-file");
                int files;
                try {
                    files = Integer.parseInt(mf);
                } catch (NumberFormatException ex) {
                    throw new BerthException.InvalidArgument("strconv.Atoi: parsing \"" + mf + "\": invalid syntax");
                }
                if (files < 1) throw new BerthException.InvalidArgument("max-file cannot be less than 1");
            }
            if (Boolean.parseBoolean(options.getOrDefault("compress", "false"))) {
                throw new BerthException.NotImplemented("berth: compressed json-file logs (compress=true) are not supported yet");
            }
            compile(options.get("labels-regex"));
            compile(options.get("env-regex"));
            return;
        }
        if (driver.equals("none")) {
            if (!options.isEmpty()) throw new BerthException.InvalidArgument("unknown log opt '" + options.keySet().iterator().next() + "' for none log driver");
            return;
        }
        if (OTHER_DOCKER_DRIVERS.contains(driver)) {
            throw new BerthException.NotImplemented("berth: the " + driver + " log driver is not supported; use json-file or none");
        }
        throw new BerthException.InvalidArgument("logger: no log driver named '" + driver + "' is registered");
    }

    /** Where the json-file log of a container lives (inspect's {@code LogPath}); empty with driver none. */
    public String logPath(ContainerSpec spec) {
        return spec.host().logDriver().equals("none") ? "" : jsonLog(spec.id()).toString();
    }

    Path jsonLog(String id) {
        return paths.dir(id).resolve(id + "-json.log");
    }

    /** conmon's log target for this container, in conmon's {@code driver:path} form. */
    String conmonTarget(ContainerSpec spec) {
        return spec.host().logDriver().equals("none") ? "none:" : "k8s-file:" + paths.spool(spec.id());
    }

    /** What {@code docker logs} reads; following stops once {@code running} turns false. */
    public LogReader.Source source(ContainerSpec spec, BooleanSupplier running) {
        if (spec.host().logDriver().equals("none")) {
            throw new BerthException.NotImplemented("configured logging driver does not support reading");
        }
        return new LogReader.Source(jsonLog(spec.id()), shipper(spec), running);
    }

    /** Converts what conmon has written so far. */
    public void ship(ContainerSpec spec) throws IOException {
        if (spec.host().logDriver().equals("none")) return;
        shipper(spec).ship();
    }

    /** Before a new conmon opens the spool: what an earlier run left is shipped, the spool starts empty. */
    void beforeStart(ContainerSpec spec) {
        if (spec.host().logDriver().equals("none")) return;
        try {
            shipper(spec).reset();
        } catch (IOException e) {
            throw new BerthException.Internal("cannot prepare the container's log: " + e.getMessage(), e);
        }
        active.put(spec.id(), spec);
    }

    /** A running container re-adopted at start-up. */
    void adopt(ContainerSpec spec) {
        if (!spec.host().logDriver().equals("none")) active.put(spec.id(), spec);
    }

    /**
     * The container has exited: ships its last output and, once its conmon is gone too, drops the spool.
     * Callers hold the container's lock, so no new conmon can open the spool meanwhile.
     */
    void exited(ContainerSpec spec) {
        active.remove(spec.id());
        if (spec.host().logDriver().equals("none")) return;
        try {
            if (Conmon.alivePid(paths.dir(spec.id())).isPresent()) shipper(spec).ship();
            else shipper(spec).reset();
        } catch (IOException | RuntimeException e) {
            // shipped again when the logs are read or the container starts
        }
    }

    void forget(String id) {
        active.remove(id);
        shippers.remove(id);
    }

    private LogShipper shipper(ContainerSpec spec) {
        Path bundle = paths.dir(spec.id());
        return shippers.computeIfAbsent(spec.id(), id -> new LogShipper(paths.spool(id),
                new JsonLogFile(jsonLog(id), limits(spec)), attrs(spec), () -> Conmon.reopenLog(bundle)));
    }

    static JsonLogFile.Limits limits(ContainerSpec spec) {
        Map<String, String> o = spec.host().logOptions();
        String size = o.getOrDefault("max-size", "");
        String files = o.getOrDefault("max-file", "");
        return new JsonLogFile.Limits(size.isEmpty() ? 0 : Sizes.parse(size), files.isEmpty() ? 1 : Math.max(1, Integer.parseInt(files)));
    }

    /**
     * The {@code attrs} of each line, as dockerd's {@code labels}, {@code env}, their {@code -regex} forms
     * and {@code tag} select them; {@code docker logs --details} shows them.
     */
    static Map<String, String> attrs(ContainerSpec spec) {
        Map<String, String> o = spec.host().logOptions();
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String key : list(o.get("labels"))) {
            String v = spec.labels().get(key);
            if (v != null) attrs.put(key, v);
        }
        Pattern labelsRe = compile(o.get("labels-regex"));
        if (labelsRe != null) spec.labels().forEach((k, v) -> {
            if (labelsRe.matcher(k).find()) attrs.put(k, v);
        });
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : spec.env()) {
            int eq = kv.indexOf('=');
            if (eq > 0) env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        for (String key : list(o.get("env"))) {
            String v = env.get(key);
            if (v != null) attrs.put(key, v);
        }
        Pattern envRe = compile(o.get("env-regex"));
        if (envRe != null) env.forEach((k, v) -> {
            if (envRe.matcher(k).find()) attrs.put(k, v);
        });
        String tag = o.get("tag");
        if (tag != null && !tag.isEmpty()) attrs.put("tag", expandTag(tag, spec));
        return attrs;
    }

    /** The markers of dockerd's log tag template that name the container or its image. */
    static String expandTag(String tag, ContainerSpec spec) {
        return tag.replace("{{.ID}}", spec.id().substring(0, 12))
                .replace("{{.FullID}}", spec.id())
                .replace("{{.Name}}", spec.name().startsWith("/") ? spec.name().substring(1) : spec.name())
                .replace("{{.ImageID}}", shortImageId(spec.imageId()))
                .replace("{{.ImageFullID}}", spec.imageId())
                .replace("{{.ImageName}}", spec.imageName())
                .replace("{{.DaemonName}}", "docker");
    }

    private static String shortImageId(String imageId) {
        String hex = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static Iterable<String> list(String csv) {
        if (csv == null || csv.isBlank()) return java.util.List.of();
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Pattern compile(String regex) {
        if (regex == null || regex.isEmpty()) return null;
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new BerthException.InvalidArgument("error parsing regexp: " + e.getDescription() + ": `" + regex + "`");
        }
    }

    /** Starts the background pass. */
    public void start() {
        thread = Thread.ofVirtual().name("log-shipper").start(this::loop);
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(SHIP_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            for (ContainerSpec spec : active.values()) {
                try {
                    ship(spec);
                } catch (IOException | RuntimeException ex) {
                    // removed mid-pass, or a full disk: the next pass tries again
                }
            }
        }
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t != null) t.interrupt();
    }
}
