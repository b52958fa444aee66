package dev.berth.daemon.api.system;

import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.Times;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.engine.container.ContainerState;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.events.Event;
import dev.berth.engine.events.EventBus;
import dev.berth.dockerapi.ApiVersion;
import dev.berth.dockerapi.Filters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code /_ping}, {@code /version}, {@code /info}, {@code /events}. */
public final class SystemRoutes {
    /** berth's own version: the {@code berth} entry of /version's Components and the {@code dev.berth.version} label of /info. */
    public static final String VERSION = "0.1.0";
    /** The label /info carries berth's version in (dockerd's own Labels are the operator's, none by default). */
    public static final String VERSION_LABEL = "dev.berth.version";
    /** What /info, /version and /events need of the engine. */
    public interface Backend {
        List<ContainerStore.Entry> containers();

        int imageCount();

        int eventListeners();

        EventBus.Replay subscribeToEvents();

        void unsubscribe(BlockingQueue<Event> subscription);
    }

    private final Backend engine;
    private final String dataRoot;
    private final String daemonId;

    public SystemRoutes(Backend engine, String dataRoot, String daemonId) {
        this.engine = engine;
        this.dataRoot = dataRoot;
        this.daemonId = daemonId;
    }

    public void register(Router r) {
        r.add("GET", "/_ping", c -> c.res().send(200, "text/plain; charset=utf-8", c.req().method.equals("HEAD") ? new byte[0] : "OK".getBytes(),
                Map.of("Cache-Control", "no-cache, no-store, must-revalidate", "Pragma", "no-cache", "Builder-Version", "1", "Swarm", "inactive")));
        r.add("GET", "/version", c -> c.json(200, version()));
        r.add("GET", "/info", c -> c.json(200, info()));
        r.add("GET", "/events", this::events);
        r.add("GET", "/plugins", c -> c.json(200, Json.MAPPER.createArrayNode()));
    }

    private static String kernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * dockerd's /version. {@code Version} and the Engine component carry the Docker release of the
     * API served ({@link ApiVersion#DOCKER_RELEASE}), which clients compare with Docker versions;
     * berth's own version is a component of its own, as dockerd lists containerd and runc.
     */
    private ObjectNode version() {
        ObjectNode v = Json.object();
        v.putObject("Platform").put("Name", "berth");
        ArrayNode components = v.putArray("Components");
        ObjectNode engine = components.addObject();
        engine.put("Name", "Engine");
        engine.put("Version", ApiVersion.DOCKER_RELEASE);
        ObjectNode d = engine.putObject("Details");
        d.put("ApiVersion", ApiVersion.MAX.toString());
        d.put("Arch", "amd64");
        d.put("BuildTime", "");
        d.put("Experimental", "false");
        d.put("GitCommit", "");
        d.put("GoVersion", "java" + Runtime.version().feature());
        d.put("KernelVersion", kernel());
        d.put("MinAPIVersion", ApiVersion.MIN.toString());
        d.put("Os", "linux");
        ObjectNode berth = components.addObject();
        berth.put("Name", "berth");
        berth.put("Version", VERSION);
        berth.putObject("Details").put("JavaVersion", Runtime.version().toString());
        v.put("Version", ApiVersion.DOCKER_RELEASE);
        v.put("ApiVersion", ApiVersion.MAX.toString());
        v.put("MinAPIVersion", ApiVersion.MIN.toString());
        v.put("GitCommit", "");
        v.put("GoVersion", "java" + Runtime.version().feature());
        v.put("Os", "linux");
        v.put("Arch", "amd64");
        v.put("KernelVersion", kernel());
        v.put("BuildTime", "");
        return v;
    }

    private ObjectNode info() {
        List<ContainerStore.Entry> all = engine.containers();
        long running = all.stream().filter(e -> e.state().status() == ContainerState.Status.RUNNING).count();
        long paused = all.stream().filter(e -> e.state().status() == ContainerState.Status.PAUSED).count();
        ObjectNode i = Json.object();
        i.put("ID", daemonId);
        i.put("Containers", all.size());
        i.put("ContainersRunning", running);
        i.put("ContainersPaused", paused);
        i.put("ContainersStopped", all.size() - running - paused);
        i.put("Images", engine.imageCount());
        i.put("Driver", "overlay2");
        i.putArray("DriverStatus").addArray().add("Backing Filesystem").add("extfs");
        ObjectNode plugins = i.putObject("Plugins");
        plugins.putArray("Volume").add("local");
        plugins.putArray("Network").add("bridge").add("host").add("none");
        plugins.putNull("Authorization");
        plugins.putArray("Log").add("json-file");
        i.put("MemoryLimit", true);
        i.put("SwapLimit", true);
        i.put("CpuCfsPeriod", true);
        i.put("CpuCfsQuota", true);
        i.put("CPUShares", true);
        i.put("CPUSet", true);
        i.put("PidsLimit", true);
        i.put("IPv4Forwarding", true);
        i.put("Debug", false);
        i.put("NFd", 0);
        i.put("OomKillDisable", false);
        i.put("NGoroutines", Thread.activeCount());
        i.put("SystemTime", Times.rfc3339(Instant.now()));
        i.put("LoggingDriver", "json-file");
        i.put("CgroupDriver", "cgroupfs");
        i.put("CgroupVersion", Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1");
        i.put("NEventsListener", engine.eventListeners());
        i.put("KernelVersion", kernel());
        i.put("OperatingSystem", osName());
        i.put("OSVersion", "");
        i.put("OSType", "linux");
        i.put("Architecture", "x86_64");
        i.put("IndexServerAddress", "https://index.docker.io/v1/");
        ObjectNode reg = i.putObject("RegistryConfig");
        reg.putArray("InsecureRegistryCIDRs").add("127.0.0.0/8");
        reg.putObject("IndexConfigs");
        reg.putArray("Mirrors");
        i.put("NCPU", Runtime.getRuntime().availableProcessors());
        i.put("MemTotal", memTotal());
        i.putArray("GenericResources");
        i.put("DockerRootDir", dataRoot);
        i.put("HttpProxy", "");
        i.put("HttpsProxy", "");
        i.put("NoProxy", "");
        i.put("Name", hostname());
        i.putArray("Labels").add(VERSION_LABEL + "=" + VERSION);
        i.put("ExperimentalBuild", false);
        i.put("ServerVersion", ApiVersion.DOCKER_RELEASE);
        i.putObject("Runtimes").putObject("runc").put("path", "runc");
        i.put("DefaultRuntime", "runc");
        ObjectNode swarm = i.putObject("Swarm");
        swarm.put("NodeID", "");
        swarm.put("NodeAddr", "");
        swarm.put("LocalNodeState", "inactive");
        swarm.put("ControlAvailable", false);
        swarm.put("Error", "");
        swarm.putNull("RemoteManagers");
        i.put("LiveRestoreEnabled", true);
        i.put("Isolation", "");
        i.put("InitBinary", "tini");
        i.putObject("ContainerdCommit").put("ID", "");
        i.putObject("RuncCommit").put("ID", "");
        i.putObject("InitCommit").put("ID", "");
        i.putArray("SecurityOptions").add("name=seccomp,profile=builtin");
        i.putArray("Warnings");
        return i;
    }

    private static String osName() {
        try {
            for (String l : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (l.startsWith("PRETTY_NAME=")) return l.substring(12).replace("\"", "");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "Linux";
    }

    private static long memTotal() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException ignored) {
            // fall through
        }
        return 0;
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "berth";
        }
    }

    private void events(Router.Call c) throws IOException {
        Filters f = Filters.parse(c.req().param("filters"));
        Instant since = Times.parse(c.req().param("since"));
        Instant until = Times.parse(c.req().param("until"));
        EventBus.Replay replay = engine.subscribeToEvents();
        BlockingQueue<Event> q = replay.live();
        try {
            c.res().startChunked(200, "application/json");
            if (since != null) {
                for (Event e : replay.past()) {
                    if (e.timeNano() >= since.getEpochSecond() * 1_000_000_000L + since.getNano() && match(e, f)
                            && (until == null || e.timeNano() < until.getEpochSecond() * 1_000_000_000L + until.getNano())) {
                        c.res().chunk(encode(e));
                    }
                }
            }
            while (true) {
                if (until != null && Instant.now().isAfter(until)) break;
                Event e = q.poll(1, TimeUnit.SECONDS);
                if (e == null) {
                    continue;
                }
                if (match(e, f)) c.res().chunk(encode(e));
            }
            c.res().endChunked();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            engine.unsubscribe(q);
        }
    }

    private static boolean match(Event e, Filters f) {
        if (f.has("type") && !f.get("type").contains(e.type())) return false;
        if (f.has("event") && f.get("event").stream().noneMatch(a -> e.action().equals(a) || e.action().startsWith(a + ":"))) return false;
        if (f.has("container") && (!e.type().equals("container") || f.get("container").stream().noneMatch(x -> e.id().startsWith(x) || x.equals(e.attributes().get("name"))))) return false;
        if (f.has("image") && f.get("image").stream().noneMatch(x -> x.equals(e.attributes().get("image")))) return false;
        return f.matchLabels(e.attributes());
    }

    private static byte[] encode(Event e) {
        ObjectNode n = Json.object();
        if (e.type().equals("container") || e.type().equals("image")) {
            n.put("status", e.action());
            n.put("id", e.id());
            if (e.attributes().containsKey("image")) n.put("from", e.attributes().get("image"));
        }
        n.put("Type", e.type());
        n.put("Action", e.action());
        ObjectNode actor = n.putObject("Actor");
        actor.put("ID", e.id());
        ObjectNode attrs = actor.putObject("Attributes");
        e.attributes().forEach(attrs::put);
        n.put("scope", "local");
        n.put("time", e.timeNano() / 1_000_000_000L);
        n.put("timeNano", e.timeNano());
        return (Json.string(n) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
