package dev.berth.daemon.api.containers;

import dev.berth.daemon.api.Times;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.engine.container.ContainerFiles;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.container.DeviceAccess;
import dev.berth.engine.container.KernelSettings;
import dev.berth.engine.container.ResourceLimits;
import dev.berth.engine.runtime.OciSpecBuilder;
import dev.berth.engine.container.ContainerState;
import dev.berth.engine.container.ContainerState.Status;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.container.ContainerNetworking;
import dev.berth.engine.network.Endpoint;
import dev.berth.dockerapi.ApiVersion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.berth.engine.container.health.Health;
import dev.berth.engine.container.health.HealthCheck;

/** Maps engine containers to the Engine API's container list items and inspect documents. */
public final class ContainerJson {
    private ContainerJson() {}

    static String statusText(ContainerState s, Optional<Health> health) {
        Instant now = Instant.now();
        String h = health.map(x -> x.status().equals(Health.STARTING) ? " (health: starting)" : " (" + x.status() + ")").orElse("");
        return switch (s.status()) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + Times.human(Duration.between(s.startedAt(), now)) + h;
            case PAUSED -> "Up " + Times.human(Duration.between(s.startedAt(), now)) + " (Paused)";
            case RESTARTING -> "Restarting (" + s.exitCode() + ") " + Times.human(Duration.between(s.finishedAt(), now)) + " ago";
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
            case EXITED -> s.finishedAt().getEpochSecond() < 0 ? "Created"
                    : "Exited (" + s.exitCode() + ") " + Times.human(Duration.between(s.finishedAt(), now)) + " ago";
        };
    }

    static String command(ContainerSpec spec) {
        return String.join(" ", spec.argv());
    }

    static String networkMode(ContainerSpec spec) {
        String m = spec.host().networkMode();
        return m == null || m.isEmpty() ? "default" : m;
    }

    /** The sizes {@code size=1} adds to a list item or inspect document. */
    public static ObjectNode withSize(ObjectNode n, ContainerFiles.DiskSize size) {
        n.put("SizeRw", size.rw());
        n.put("SizeRootFs", size.rootFs());
        return n;
    }

    public static ObjectNode summary(ContainerStore.Entry e, Optional<Endpoint> ep, Optional<Health> health, java.nio.file.Path volumesRoot) {
        return summary(e, ep, List.of(), health, volumesRoot);
    }

    /** {@code joined}: the container's user-defined networks. */
    public static ObjectNode summary(ContainerStore.Entry e, Optional<Endpoint> ep, List<ContainerNetworking.Joined> joined,
                                     Optional<Health> health, java.nio.file.Path volumesRoot) {
        ContainerSpec spec = e.spec();
        ObjectNode n = Json.object();
        n.put("Id", spec.id());
        n.putArray("Names").add("/" + spec.name());
        n.put("Image", spec.imageName());
        n.put("ImageID", spec.imageId());
        n.put("Command", command(spec));
        n.put("Created", spec.created().getEpochSecond());
        ArrayNode ports = n.putArray("Ports");
        for (String p : spec.exposedPorts()) {
            String[] pt = p.split("/");
            ports.addObject().put("PrivatePort", Integer.parseInt(pt[0])).put("Type", pt.length > 1 ? pt[1] : "tcp");
        }
        ObjectNode labels = n.putObject("Labels");
        spec.labels().forEach(labels::put);
        n.put("State", e.state().status().wire());
        n.put("Status", statusText(e.state(), health));
        n.putObject("HostConfig").put("NetworkMode", networkMode(spec));
        ObjectNode nets = n.putObject("NetworkSettings").putObject("Networks");
        NetworkSettingsJson.networks(nets, spec, ep.orElse(Endpoint.NONE), joined);
        n.set("Mounts", MountJson.mounts(spec, volumesRoot));
        return n;
    }

    static ObjectNode endpoint(Endpoint ep) {
        ObjectNode n = Json.object();
        n.putNull("IPAMConfig");
        n.putNull("Links");
        n.putNull("Aliases");
        n.put("MacAddress", ep.macAddress());
        n.put("NetworkID", ep.networkId());
        n.put("EndpointID", ep.endpointId());
        n.put("Gateway", ep.gateway());
        n.put("IPAddress", ep.ipAddress());
        n.put("IPPrefixLen", ep.prefixLength());
        n.put("IPv6Gateway", "");
        n.put("GlobalIPv6Address", "");
        n.put("GlobalIPv6PrefixLen", 0);
        n.putNull("DriverOpts");
        n.putNull("DNSNames");
        return n;
    }

    static ObjectNode inspect(ContainerStore.Entry e, Optional<Endpoint> ep, List<ContainerNetworking.Joined> joined, Optional<Health> health, String logPath,
                              List<String> execIds, String dataDir, ApiVersion v) {
        ContainerSpec spec = e.spec();
        ContainerState s = e.state();
        ObjectNode n = Json.object();
        n.put("Id", spec.id());
        n.put("Created", Times.rfc3339(spec.created()));
        List<String> argv = spec.argv();
        n.put("Path", argv.isEmpty() ? "" : argv.getFirst());
        ArrayNode args = n.putArray("Args");
        argv.stream().skip(1).forEach(args::add);
        ObjectNode st = n.putObject("State");
        st.put("Status", s.status().wire());
        st.put("Running", s.status() == Status.RUNNING || s.status() == Status.PAUSED);
        st.put("Paused", s.status() == Status.PAUSED);
        st.put("Restarting", s.status() == Status.RESTARTING);
        st.put("OOMKilled", s.oomKilled());
        st.put("Dead", s.status() == Status.DEAD);
        st.put("Pid", s.pid());
        st.put("ExitCode", s.exitCode());
        st.put("Error", s.error() == null ? "" : s.error());
        st.put("StartedAt", Times.rfc3339(s.startedAt()));
        st.put("FinishedAt", Times.rfc3339(s.finishedAt()));
        health.ifPresent(h -> {
            ObjectNode hn = st.putObject("Health");
            hn.put("Status", h.status());
            hn.put("FailingStreak", h.failingStreak());
            ArrayNode log = hn.putArray("Log");
            for (Health.Probe p : h.log()) {
                log.addObject().put("Start", Times.rfc3339(p.start())).put("End", Times.rfc3339(p.end()))
                        .put("ExitCode", p.exitCode()).put("Output", p.output());
            }
        });
        n.put("Image", spec.imageId());
        String dir = dataDir + "/containers/" + spec.id();
        n.put("ResolvConfPath", dir + "/resolv.conf");
        n.put("HostnamePath", dir + "/hostname");
        n.put("HostsPath", dir + "/hosts");
        n.put("LogPath", logPath);
        n.put("Name", "/" + spec.name());
        n.put("RestartCount", s.restartCount());
        n.put("Driver", "overlay2");
        n.put("Platform", "linux");
        n.put("MountLabel", "");
        n.put("ProcessLabel", "");
        n.put("AppArmorProfile", "");
        if (execIds.isEmpty()) n.putNull("ExecIDs");
        else execIds.forEach(n.withArray("ExecIDs")::add);
        n.set("HostConfig", hostConfig(spec));
        ObjectNode gd = n.putObject("GraphDriver");
        gd.put("Name", "overlay2");
        gd.putObject("Data").put("MergedDir", dir + "/rootfs");
        n.set("Mounts", MountJson.mounts(spec, java.nio.file.Path.of(dataDir, "volumes")));
        n.set("Config", config(spec));
        ObjectNode ns = n.putObject("NetworkSettings");
        Endpoint main = ep.orElse(Endpoint.NONE);
        ns.put("Bridge", "");
        ns.put("SandboxID", spec.id());
        ns.put("HairpinMode", false);
        ns.put("LinkLocalIPv6Address", "");
        ns.put("LinkLocalIPv6PrefixLen", 0);
        ObjectNode ports = ns.putObject("Ports");
        if (s.isRunning()) spec.exposedPorts().forEach(p -> ports.putNull(p));
        ns.put("SandboxKey", s.isRunning() && s.pid() > 0 ? "/proc/" + s.pid() + "/ns/net" : "");
        ns.putNull("SecondaryIPAddresses");
        ns.putNull("SecondaryIPv6Addresses");
        ns.put("EndpointID", main.endpointId());
        ns.put("Gateway", main.gateway());
        ns.put("GlobalIPv6Address", "");
        ns.put("GlobalIPv6PrefixLen", 0);
        ns.put("IPAddress", main.ipAddress());
        ns.put("IPPrefixLen", main.prefixLength());
        ns.put("IPv6Gateway", "");
        ns.put("MacAddress", main.macAddress());
        ObjectNode nets = ns.putObject("Networks");
        NetworkSettingsJson.networks(nets, spec, main, joined);
        return n;
    }

    static ObjectNode config(ContainerSpec spec) {
        ObjectNode c = Json.object();
        c.put("Hostname", spec.hostname());
        c.put("Domainname", spec.domainname());
        c.put("User", spec.user());
        c.put("AttachStdin", spec.attach().stdin());
        c.put("AttachStdout", spec.attach().stdout());
        c.put("AttachStderr", spec.attach().stderr());
        if (!spec.exposedPorts().isEmpty()) {
            ObjectNode ep = c.putObject("ExposedPorts");
            spec.exposedPorts().forEach(ep::putObject);
        }
        c.put("Tty", spec.tty());
        c.put("OpenStdin", spec.openStdin());
        c.put("StdinOnce", spec.stdinOnce());
        ArrayNode env = c.putArray("Env");
        spec.env().forEach(env::add);
        ArrayNode cmd = c.putArray("Cmd");
        spec.cmd().forEach(cmd::add);
        c.put("Image", spec.imageName());
        MountJson.configVolumes(c, spec.mountRequests());
        c.put("WorkingDir", spec.workingDir());
        if (spec.entrypoint().isEmpty()) c.putNull("Entrypoint");
        else spec.entrypoint().forEach(c.putArray("Entrypoint")::add);
        c.putNull("OnBuild");
        ObjectNode labels = c.putObject("Labels");
        spec.labels().forEach(labels::put);
        if (spec.stopSignal() != null) c.put("StopSignal", spec.stopSignal());
        if (spec.stopTimeout() != null) c.put("StopTimeout", spec.stopTimeout());
        HealthCheck hc = spec.healthCheck();
        if (hc != null) {
            ObjectNode hn = c.putObject("Healthcheck");
            hc.test().forEach(hn.putArray("Test")::add);
            if (hc.intervalNanos() != 0) hn.put("Interval", hc.intervalNanos());
            if (hc.timeoutNanos() != 0) hn.put("Timeout", hc.timeoutNanos());
            if (hc.startPeriodNanos() != 0) hn.put("StartPeriod", hc.startPeriodNanos());
            if (hc.startIntervalNanos() != 0) hn.put("StartInterval", hc.startIntervalNanos());
            if (hc.retries() != 0) hn.put("Retries", hc.retries());
        }
        return c;
    }

    /** HostConfig in dockerd's shape and order: every field, the ones berth does not act on at their zero values. */
    static ObjectNode hostConfig(ContainerSpec spec) {
        ContainerSpec.HostSettings h = spec.host();
        KernelSettings k = h.kernel();
        ResourceLimits r = h.resources();
        ObjectNode n = Json.object();
        MountJson.hostConfig(n, spec.mountRequests());
        n.put("ContainerIDFile", "");
        ObjectNode log = n.putObject("LogConfig");
        log.put("Type", h.logDriver());
        ObjectNode lc = log.putObject("Config");
        h.logOptions().forEach(lc::put);
        n.put("NetworkMode", networkMode(spec));
        n.putObject("PortBindings");
        n.putObject("RestartPolicy").put("Name", h.restartPolicy().name()).put("MaximumRetryCount", h.restartPolicy().maximumRetryCount());
        n.put("AutoRemove", h.autoRemove());
        n.put("VolumeDriver", "");
        n.putArray("ConsoleSize").add(h.consoleHeight()).add(h.consoleWidth());
        stringsOrNull(n, "CapAdd", h.capAdd());
        stringsOrNull(n, "CapDrop", h.capDrop());
        n.put("CgroupnsMode", k.effectiveCgroupnsMode(CGROUP_V2));
        dev.berth.engine.container.NameSettings names = spec.names();
        names.dns().forEach(n.putArray("Dns")::add);
        names.dnsOptions().forEach(n.putArray("DnsOptions")::add);
        names.dnsSearch().forEach(n.putArray("DnsSearch")::add);
        stringsOrNull(n, "ExtraHosts", names.extraHosts());
        stringsOrNull(n, "GroupAdd", k.groupAdd());
        n.put("IpcMode", k.ipcMode().isEmpty() ? "private" : k.ipcMode());
        n.put("Cgroup", "");
        // dockerd's form: /child:/me/alias (a link kept for a user network's DNS shows as sent)
        stringsOrNull(n, "Links", names.links().stream().map(l -> l.containerId().isEmpty()
                ? l.name() + ":" + l.alias() : "/" + l.name() + ":/" + spec.name() + "/" + l.alias()).toList());
        n.put("OomScoreAdj", k.oomScoreAdj());
        n.put("PidMode", k.pidMode());
        n.put("Privileged", h.privileged());
        n.put("PublishAllPorts", false);
        n.put("ReadonlyRootfs", h.readonlyRootfs());
        // as given, as dockerd shows them (a seccomp profile's whole JSON included)
        stringsOrNull(n, "SecurityOpt", h.security().raw());
        if (!h.tmpfs().isEmpty()) {
            ObjectNode tmpfs = n.putObject("Tmpfs");
            h.tmpfs().forEach(tmpfs::put);
        }
        n.put("UTSMode", k.utsMode());
        n.put("UsernsMode", "");
        n.put("ShmSize", r.shmSize() > 0 ? r.shmSize() : ResourceLimits.DEFAULT_SHM_SIZE);
        if (!k.sysctls().isEmpty()) {
            ObjectNode sysctls = n.putObject("Sysctls");
            new java.util.TreeMap<>(k.sysctls()).forEach(sysctls::put);
        }
        n.put("Runtime", "runc");
        n.put("Isolation", "");
        n.put("CpuShares", r.cpuShares());
        n.put("Memory", r.memory());
        n.put("NanoCpus", r.nanoCpus());
        n.put("CgroupParent", "");
        n.put("BlkioWeight", r.blkioWeight());
        for (String f : List.of("BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps")) {
            n.putArray(f);
        }
        n.put("CpuPeriod", r.cpuPeriod());
        n.put("CpuQuota", r.cpuQuota());
        n.put("CpuRealtimePeriod", r.cpuRealtimePeriod());
        n.put("CpuRealtimeRuntime", r.cpuRealtimeRuntime());
        n.put("CpusetCpus", r.cpusetCpus());
        n.put("CpusetMems", r.cpusetMems());
        ArrayNode devices = n.putArray("Devices");
        for (DeviceAccess.Mapping d : h.devices().devices()) {
            devices.addObject().put("PathOnHost", d.pathOnHost()).put("PathInContainer", d.pathInContainer())
                    .put("CgroupPermissions", d.cgroupPermissions());
        }
        stringsOrNull(n, "DeviceCgroupRules", h.devices().cgroupRules());
        n.putNull("DeviceRequests");
        n.put("MemoryReservation", r.memoryReservation());
        n.put("MemorySwap", r.memorySwap());
        if (r.memorySwappiness() != null) n.put("MemorySwappiness", r.memorySwappiness()); else n.putNull("MemorySwappiness");
        n.put("OomKillDisable", Boolean.TRUE.equals(r.oomKillDisable()));
        if (r.pidsLimit() != null && r.pidsLimit() > 0) n.put("PidsLimit", r.pidsLimit()); else n.putNull("PidsLimit");
        ArrayNode ulimits = n.putArray("Ulimits");
        for (KernelSettings.Ulimit u : k.ulimits()) ulimits.addObject().put("Name", u.name()).put("Hard", u.hard()).put("Soft", u.soft());
        for (String f : List.of("CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth")) n.put(f, 0);
        if (h.privileged()) {
            n.putNull("MaskedPaths");
            n.putNull("ReadonlyPaths");
        } else {
            OciSpecBuilder.MASKED.forEach(n.putArray("MaskedPaths")::add);
            OciSpecBuilder.READONLY.forEach(n.putArray("ReadonlyPaths")::add);
        }
        n.put("Init", h.init());
        return n;
    }

    /** A list as dockerd marshals a nil slice: null when empty. */
    private static void stringsOrNull(ObjectNode n, String field, List<String> values) {
        if (values.isEmpty()) n.putNull(field); else values.forEach(n.putArray(field)::add);
    }

    private static final boolean CGROUP_V2 = java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/cgroup.controllers"));
}
