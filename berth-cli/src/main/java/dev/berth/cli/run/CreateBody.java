package dev.berth.cli.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.json.JsonNodes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@code POST /containers/create} body from {@link ContainerOptions}, with every field
 * the docker CLI sends and in its order, so the daemon sees the same request from both clients.
 * Maps are sorted by key, as Go's JSON encoder writes them.
 */
public final class CreateBody {
    /** How the container will be used: attached {@code run}, {@code run -d}, or {@code create}. */
    public enum Mode { RUN, RUN_DETACHED, CREATE }

    private CreateBody() {}

    /**
     * @param consoleSize {rows, columns} of the local terminal when {@code -t} and stdout is one, else null
     * @param env the CLI's environment, for {@code -e NAME} and env files
     */
    public static ObjectNode build(ContainerOptions o, String image, List<String> args, Mode mode, int[] consoleSize, Map<String, String> env) {
        if (o.rm && !restartName(o.restart).equals("no")) throw new ConfigException("conflicting options: cannot specify both --restart and --rm");
        boolean detached = mode == Mode.RUN_DETACHED;
        ObjectNode b = JsonNodes.object();
        b.put("Hostname", o.hostname);
        b.put("Domainname", o.domainname);
        b.put("User", o.user);
        b.put("AttachStdin", !detached && o.attaches("stdin"));
        b.put("AttachStdout", !detached && o.attaches("stdout"));
        b.put("AttachStderr", !detached && o.attaches("stderr"));

        List<String> exposed = new ArrayList<>();
        Map<String, List<PortSpecs.Binding>> bindings = new TreeMap<>();
        for (String p : o.publish) PortSpecs.publish(p, exposed, bindings);
        for (String e : o.expose) PortSpecs.expose(e, exposed);
        if (!exposed.isEmpty()) {
            ObjectNode ep = b.putObject("ExposedPorts");
            new TreeMap<>(toMap(exposed)).keySet().forEach(ep::putObject);
        }
        b.put("Tty", o.tty);
        b.put("OpenStdin", o.interactive);
        b.put("StdinOnce", o.interactive && !detached);

        List<String> envList = new ArrayList<>();
        for (String f : o.envFiles) envList.addAll(EnvFiles.parseFile(Path.of(f), env));
        for (String e : o.env) envList.add(EnvFiles.fromFlag(e, env));
        if (envList.isEmpty()) b.putNull("Env"); else strings(b.putArray("Env"), envList);
        if (args.isEmpty()) b.putNull("Cmd"); else strings(b.putArray("Cmd"), args);
        ObjectNode health = healthcheck(o);
        if (health != null) b.set("Healthcheck", health);
        b.put("Image", image);

        List<String> binds = new ArrayList<>();
        List<String> anonymous = new ArrayList<>();
        for (String v : o.volumes) MountSpecs.volume(v, binds, anonymous);
        ObjectNode vols = b.putObject("Volumes");
        new TreeMap<>(toMap(anonymous)).keySet().forEach(vols::putObject);
        b.put("WorkingDir", o.workdir);
        if (o.entrypoint == null) b.putNull("Entrypoint");
        else b.putArray("Entrypoint").add(o.entrypoint);
        b.putNull("OnBuild");
        ObjectNode labels = b.putObject("Labels");
        Map<String, String> labelMap = new TreeMap<>();
        for (String f : o.labelFiles) for (String l : EnvFiles.parseFile(Path.of(f), Map.of())) put(labelMap, l);
        for (String l : o.labels) put(labelMap, l);
        labelMap.forEach(labels::put);
        if (o.stopSignal != null) b.put("StopSignal", o.stopSignal);
        if (o.stopTimeout != null) b.put("StopTimeout", o.stopTimeout);

        b.set("HostConfig", hostConfig(o, binds, bindings, consoleSize));
        b.set("NetworkingConfig", networking(o));
        return b;
    }

    private static ObjectNode hostConfig(ContainerOptions o, List<String> binds, Map<String, List<PortSpecs.Binding>> bindings, int[] consoleSize) {
        ObjectNode h = JsonNodes.object();
        if (binds.isEmpty()) h.putNull("Binds"); else strings(h.putArray("Binds"), binds);
        h.put("ContainerIDFile", "");
        ObjectNode log = h.putObject("LogConfig");
        log.put("Type", o.logDriver);
        ObjectNode logConfig = log.putObject("Config");
        Map<String, String> logOpts = new TreeMap<>();
        for (String opt : o.logOpts) put(logOpts, opt);
        if (o.logDriver.equals("none") && !logOpts.isEmpty()) throw new ConfigException("invalid logging opts for driver none");
        logOpts.forEach(logConfig::put);
        h.put("NetworkMode", o.network == null || o.network.isEmpty() ? "default" : o.network);
        ObjectNode pb = h.putObject("PortBindings");
        bindings.forEach((port, list) -> {
            ArrayNode a = pb.putArray(port);
            list.forEach(x -> a.addObject().put("HostIp", x.hostIp()).put("HostPort", x.hostPort()));
        });
        ObjectNode rp = h.putObject("RestartPolicy");
        rp.put("Name", restartName(o.restart));
        rp.put("MaximumRetryCount", restartCount(o.restart));
        h.put("AutoRemove", o.rm);
        h.put("VolumeDriver", "");
        if (o.volumesFrom.isEmpty()) h.putNull("VolumesFrom"); else strings(h.putArray("VolumesFrom"), o.volumesFrom);
        h.putArray("ConsoleSize").add(consoleSize == null ? 0 : consoleSize[0]).add(consoleSize == null ? 0 : consoleSize[1]);
        capabilities(h, "CapAdd", o.capAdd);
        capabilities(h, "CapDrop", o.capDrop);
        h.put("CgroupnsMode", o.cgroupns);
        strings(h.putArray("Dns"), NameFlags.dns(o.dns));
        strings(h.putArray("DnsOptions"), o.dnsOptions);
        strings(h.putArray("DnsSearch"), NameFlags.dnsSearch(o.dnsSearch));
        if (o.addHosts.isEmpty()) h.putNull("ExtraHosts"); else strings(h.putArray("ExtraHosts"), NameFlags.extraHosts(o.addHosts));
        if (o.groupAdd.isEmpty()) h.putNull("GroupAdd"); else strings(h.putArray("GroupAdd"), o.groupAdd);
        h.put("IpcMode", o.ipc);
        h.put("Cgroup", "");
        if (o.links.isEmpty()) h.putNull("Links"); else strings(h.putArray("Links"), NameFlags.links(o.links));
        h.put("OomScoreAdj", o.oomScoreAdj);
        h.put("PidMode", o.pid);
        h.put("Privileged", o.privileged);
        h.put("PublishAllPorts", o.publishAll);
        h.put("ReadonlyRootfs", o.readOnly);
        List<String> security = securityOpts(o.securityOpt);
        if (security.isEmpty()) h.putNull("SecurityOpt"); else strings(h.putArray("SecurityOpt"), security);
        if (!o.tmpfs.isEmpty()) {
            Map<String, String> t = new TreeMap<>();
            for (String s : o.tmpfs) {
                Map.Entry<String, String> e = MountSpecs.tmpfs(s);
                t.put(e.getKey(), e.getValue());
            }
            ObjectNode tn = h.putObject("Tmpfs");
            t.forEach(tn::put);
        }
        h.put("UTSMode", o.uts);
        if (!o.sysctls.isEmpty()) {
            ObjectNode sn = h.putObject("Sysctls");
            for (String s : o.sysctls) {
                int eq = s.indexOf('=');
                if (eq <= 0) throw new ConfigException("invalid argument \"" + s + "\" for \"--sysctl\" flag: sysctl '" + s + "' is not allowed");
                sn.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        h.put("UsernsMode", "");
        h.put("ShmSize", o.shmSize == null ? 0 : o.shmSize.value());
        h.put("Isolation", "");
        h.put("CpuShares", o.cpuShares);
        h.put("Memory", o.memory == null ? 0 : o.memory.value());
        h.put("NanoCpus", o.cpus == null ? 0 : o.cpus.value());
        h.put("CgroupParent", "");
        h.put("BlkioWeight", o.blkioWeight);
        for (String k : List.of("BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps")) h.putArray(k);
        h.put("CpuPeriod", o.cpuPeriod);
        h.put("CpuQuota", o.cpuQuota);
        for (String k : List.of("CpuRealtimePeriod", "CpuRealtimeRuntime")) h.put(k, 0);
        h.put("CpusetCpus", o.cpusetCpus);
        h.put("CpusetMems", o.cpusetMems);
        ArrayNode devices = h.putArray("Devices");
        for (DeviceSpecs.Device d : o.devices) {
            devices.addObject().put("PathOnHost", d.pathOnHost()).put("PathInContainer", d.pathInContainer())
                    .put("CgroupPermissions", d.cgroupPermissions());
        }
        if (o.deviceCgroupRules.isEmpty()) h.putNull("DeviceCgroupRules"); else strings(h.putArray("DeviceCgroupRules"), o.deviceCgroupRules);
        h.putNull("DeviceRequests");
        h.put("MemoryReservation", o.memoryReservation == null ? 0 : o.memoryReservation.value());
        h.put("MemorySwap", o.memorySwap == null ? 0 : o.memorySwap.value());
        if (o.memorySwappiness != -1 && (o.memorySwappiness < 0 || o.memorySwappiness > 100)) {
            throw new ConfigException("invalid value: " + o.memorySwappiness + ". Valid memory swappiness range is 0-100");
        }
        h.put("MemorySwappiness", o.memorySwappiness);
        h.put("OomKillDisable", o.oomKillDisable);
        h.put("PidsLimit", o.pidsLimit == null ? 0 : o.pidsLimit);
        ArrayNode ulimits = h.putArray("Ulimits");
        for (String u : o.ulimits) ulimits.add(ulimit(u));
        for (String k : List.of("CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth")) h.put(k, 0);
        if (!o.mounts.isEmpty()) {
            ArrayNode m = h.putArray("Mounts");
            for (String spec : o.mounts) m.add(JsonNodes.parse(JsonNodes.bytes(MountSpecs.mount(spec).body())));
        }
        h.putNull("MaskedPaths");
        h.putNull("ReadonlyPaths");
        if (o.init != null) h.put("Init", o.init);
        return h;
    }

    /**
     * {@code Healthcheck}, present when any health flag is given; zero values are left out, as Go
     * omits them. {@code --no-healthcheck} is {@code {"Test":["NONE"]}}. Durations are nanoseconds.
     */
    private static ObjectNode healthcheck(ContainerOptions o) {
        boolean any = o.healthCmd != null || o.healthInterval != null || o.healthTimeout != null || o.healthStartPeriod != null
                || o.healthStartInterval != null || o.healthRetries != null;
        if (o.noHealthcheck) {
            if (any) throw new ConfigException("--no-healthcheck conflicts with --health-* options");
            ObjectNode h = JsonNodes.object();
            h.putArray("Test").add("NONE");
            return h;
        }
        if (!any) return null;
        ObjectNode h = JsonNodes.object();
        if (o.healthCmd != null && !o.healthCmd.isEmpty()) h.putArray("Test").add("CMD-SHELL").add(o.healthCmd);
        nanos(h, "Interval", "--health-interval", o.healthInterval);
        nanos(h, "Timeout", "--health-timeout", o.healthTimeout);
        nanos(h, "StartPeriod", "--health-start-period", o.healthStartPeriod);
        nanos(h, "StartInterval", "--health-start-interval", o.healthStartInterval);
        if (o.healthRetries != null) {
            if (o.healthRetries < 0) throw new ConfigException("--health-retries cannot be negative");
            if (o.healthRetries > 0) h.put("Retries", o.healthRetries);
        }
        return h;
    }

    private static void nanos(ObjectNode h, String field, String flag, java.time.Duration d) {
        if (d == null) return;
        if (d.isNegative()) throw new ConfigException(flag + " cannot be negative");
        if (!d.isZero()) h.put(field, d.toNanos());
    }

    /** {@code default} and user networks get an endpoint (with aliases); host, none and container:x get none. */
    private static ObjectNode networking(ContainerOptions o) {
        ObjectNode n = JsonNodes.object();
        ObjectNode eps = n.putObject("EndpointsConfig");
        String net = o.network == null || o.network.isEmpty() ? "default" : o.network;
        if (net.equals("host") || net.equals("none") || net.startsWith("container:")) {
            // the daemon refuses these with the network mode, as dockerd does
            if (o.macAddress != null || o.ip != null) eps.putObject(net).put("MacAddress", o.macAddress == null ? "" : o.macAddress);
            return n;
        }
        ObjectNode ep = eps.putObject(net);
        if (o.ip == null || o.ip.isEmpty()) ep.putNull("IPAMConfig");
        else ep.putObject("IPAMConfig").put("IPv4Address", o.ip);
        ep.putNull("Links");
        if (o.networkAliases.isEmpty()) ep.putNull("Aliases"); else strings(ep.putArray("Aliases"), o.networkAliases);
        ep.put("MacAddress", o.macAddress == null ? "" : o.macAddress);
        ep.putNull("DriverOpts");
        ep.put("GwPriority", 0);
        for (String k : List.of("NetworkID", "EndpointID", "Gateway", "IPAddress")) ep.put(k, "");
        ep.put("IPPrefixLen", 0);
        ep.put("IPv6Gateway", "");
        ep.put("GlobalIPv6Address", "");
        ep.put("GlobalIPv6PrefixLen", 0);
        ep.putNull("DNSNames");
        return n;
    }

    /** {@code always}, {@code unless-stopped}, {@code on-failure[:N]} or {@code no}; other names go to the daemon to reject. */
    public static String restartName(String policy) {
        if (policy == null || policy.isEmpty()) return "no";
        int colon = policy.indexOf(':');
        return colon < 0 ? policy : policy.substring(0, colon);
    }

    public static int restartCount(String policy) {
        if (policy == null) return 0;
        int colon = policy.indexOf(':');
        if (colon < 0) return 0;
        try {
            return Integer.parseInt(policy.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid restart policy format: maximum retry count must be an integer");
        }
    }

    /** Capabilities are sent upper-cased with the {@code CAP_} prefix, except {@code ALL}. */
    private static void capabilities(ObjectNode h, String field, List<String> caps) {
        if (caps.isEmpty()) {
            h.putNull(field);
            return;
        }
        ArrayNode a = h.putArray(field);
        for (String c : caps) {
            String u = c.trim().toUpperCase(Locale.ROOT);
            a.add(u.equals("ALL") || u.startsWith("CAP_") ? u : "CAP_" + u);
        }
    }

    private static void put(Map<String, String> map, String kv) {
        int eq = kv.indexOf('=');
        if (eq < 0) map.put(kv, "");
        else map.put(kv.substring(0, eq), kv.substring(eq + 1));
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static Map<String, Boolean> toMap(List<String> keys) {
        Map<String, Boolean> m = new TreeMap<>();
        keys.forEach(k -> m.put(k, true));
        return m;
    }

    /**
     * As the docker CLI: {@code seccomp=FILE} is sent as the file's compacted JSON (the daemon may
     * not see the client's files); {@code unconfined} and {@code builtin} go as they are.
     */
    static List<String> securityOpts(List<String> given) {
        List<String> out = new java.util.ArrayList<>();
        for (String opt : given) {
            int at = opt.indexOf('=') >= 0 ? opt.indexOf('=') : opt.indexOf(':');
            if (at < 0) {
                if (!opt.equals("no-new-privileges") && !opt.equals("disable")) throw new ConfigException("invalid --security-opt: \"" + opt + "\"");
                out.add(opt);
                continue;
            }
            String key = opt.substring(0, at);
            String value = opt.substring(at + 1);
            if (key.equals("seccomp") && !value.equals("unconfined") && !value.equals("builtin")) {
                String json;
                try {
                    json = java.nio.file.Files.readString(java.nio.file.Path.of(value));
                } catch (java.io.IOException e) {
                    throw new ConfigException("opening seccomp profile (" + value + ") failed: " + e.getMessage());
                }
                try {
                    json = JsonNodes.string(JsonNodes.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                } catch (RuntimeException e) {
                    throw new ConfigException("compacting json for seccomp profile (" + value + ") failed: " + e.getMessage());
                }
                out.add("seccomp=" + json);
            } else {
                out.add(opt);
            }
        }
        return out;
    }

    /** {@code --ulimit name=soft[:hard]} as the docker CLI parses it (go-units' ParseUlimit). */
    static ObjectNode ulimit(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) throw new ConfigException("invalid argument \"" + spec + "\" for \"--ulimit\" flag: invalid ulimit argument: " + spec);
        String name = spec.substring(0, eq);
        String[] limits = spec.substring(eq + 1).split(":", -1);
        if (limits.length > 2) throw new ConfigException("invalid argument \"" + spec + "\" for \"--ulimit\" flag: too many limit value arguments - " + spec.substring(eq + 1) + ", can only have up to two, `soft[:hard]`");
        long soft;
        long hard;
        try {
            soft = Long.parseLong(limits[0]);
            hard = limits.length == 2 ? Long.parseLong(limits[1]) : soft;
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid argument \"" + spec + "\" for \"--ulimit\" flag: invalid ulimit argument: " + spec);
        }
        if (soft > hard) throw new ConfigException("invalid argument \"" + spec + "\" for \"--ulimit\" flag: ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
        return JsonNodes.object().put("Name", name).put("Hard", hard).put("Soft", soft);
    }
}
