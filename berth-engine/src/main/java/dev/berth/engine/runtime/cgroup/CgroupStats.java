package dev.berth.engine.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a container's usage from the cgroup filesystem (v1 per-controller hierarchies, or the v2
 * unified tree) and its network counters from {@code /proc/<pid>/net/dev}, which shows the
 * container's own namespace. Files that are missing read as zero: controllers vary by host.
 */
public final class CgroupStats {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux
    private final Path cgroupRoot;
    private final boolean v2;

    public CgroupStats(Path cgroupRoot) {
        this.cgroupRoot = cgroupRoot;
        this.v2 = Files.exists(cgroupRoot.resolve("cgroup.controllers"));
    }

    public static CgroupStats host() {
        return new CgroupStats(Path.of("/sys/fs/cgroup"));
    }

    public boolean isV2() {
        return v2;
    }

    /** The cgroup directory of a container in a controller ({@code controller} is ignored on v2). */
    public Path dir(String controller, String cgroupPath) {
        String rel = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        return v2 ? cgroupRoot.resolve(rel) : cgroupRoot.resolve(controller).resolve(rel);
    }

    /** A sample for the container in {@code cgroupPath} whose init process is {@code pid}. */
    public Usage sample(String cgroupPath, int pid) {
        Instant now = Instant.now();
        long system = systemCpuNanos();
        int cpus = onlineCpus();
        Map<String, Usage.NetIo> nets = pid > 0 ? networks(Path.of("/proc", Integer.toString(pid), "net", "dev")) : Map.of();
        return v2 ? sampleV2(now, cgroupPath, system, cpus, nets) : sampleV1(now, cgroupPath, system, cpus, nets);
    }

    private Usage sampleV1(Instant now, String cg, long system, int cpus, Map<String, Usage.NetIo> nets) {
        Path cpu = dir("cpuacct", cg);
        Map<String, Long> cpuStat = keyValues(cpu.resolve("cpuacct.stat"));
        List<Long> perCpu = new ArrayList<>();
        for (String v : read(cpu.resolve("cpuacct.usage_percpu")).trim().split("\\s+")) {
            if (!v.isEmpty()) perCpu.add(parse(v));
        }
        Path mem = dir("memory", cg);
        long limit = number(mem.resolve("memory.limit_in_bytes"));
        Path pids = dir("pids", cg);
        String pidsMax = read(pids.resolve("pids.max")).trim();
        return new Usage(now, number(cpu.resolve("cpuacct.usage")), cpuStat.getOrDefault("user", 0L) * NANOS_PER_TICK,
                cpuStat.getOrDefault("system", 0L) * NANOS_PER_TICK, perCpu, system, cpus,
                number(mem.resolve("memory.usage_in_bytes")), number(mem.resolve("memory.max_usage_in_bytes")),
                effectiveLimit(limit), keyValues(mem.resolve("memory.stat")), number(mem.resolve("memory.failcnt")),
                number(pids.resolve("pids.current")), pidsMax.equals("max") || pidsMax.isEmpty() ? 0 : parse(pidsMax),
                blkioV1(dir("blkio", cg)), nets, false);
    }

    private Usage sampleV2(Instant now, String cg, long system, int cpus, Map<String, Usage.NetIo> nets) {
        Path d = dir("", cg);
        Map<String, Long> cpuStat = keyValues(d.resolve("cpu.stat"));
        String memMax = read(d.resolve("memory.max")).trim();
        String pidsMax = read(d.resolve("pids.max")).trim();
        return new Usage(now, cpuStat.getOrDefault("usage_usec", 0L) * 1000, cpuStat.getOrDefault("user_usec", 0L) * 1000,
                cpuStat.getOrDefault("system_usec", 0L) * 1000, List.of(), system, cpus,
                number(d.resolve("memory.current")), 0,
                effectiveLimit(memMax.equals("max") || memMax.isEmpty() ? Long.MAX_VALUE : parse(memMax)),
                keyValues(d.resolve("memory.stat")), 0,
                number(d.resolve("pids.current")), pidsMax.equals("max") || pidsMax.isEmpty() ? 0 : parse(pidsMax),
                ioV2(d.resolve("io.stat")), nets, true);
    }

    /** An unlimited cgroup reports a huge number; Docker shows the host's memory instead. */
    private static long effectiveLimit(long limit) {
        long host = hostMemory();
        return limit <= 0 || (host > 0 && limit > host) ? host : limit;
    }

    static long hostMemory() {
        for (String l : lines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) return parse(l.replaceAll("[^0-9]", "")) * 1024;
        }
        return 0;
    }

    /** Total CPU time of the host since boot, as Docker's system_cpu_usage. */
    static long systemCpuNanos() {
        for (String l : lines(Path.of("/proc/stat"))) {
            if (l.startsWith("cpu ")) {
                String[] f = l.trim().split("\\s+");
                long ticks = 0;
                for (int i = 1; i < f.length && i <= 8; i++) ticks += parse(f[i]);
                return ticks * NANOS_PER_TICK;
            }
        }
        return 0;
    }

    static int onlineCpus() {
        int n = 0;
        for (String l : lines(Path.of("/proc/stat"))) if (l.matches("cpu\\d+ .*")) n++;
        return Math.max(n, 1);
    }

    private static List<Usage.BlockIo> blkioV1(Path blkio) {
        // Docker reads the recursive service bytes; newer kernels without CFQ only fill the throttle file.
        List<Usage.BlockIo> io = parseBlkioV1(blkio.resolve("blkio.io_service_bytes_recursive"));
        return io.isEmpty() ? parseBlkioV1(blkio.resolve("blkio.throttle.io_service_bytes_recursive")) : io;
    }

    static List<Usage.BlockIo> parseBlkioV1(Path f) {
        List<Usage.BlockIo> out = new ArrayList<>();
        for (String l : lines(f)) {
            String[] p = l.trim().split("\\s+");
            if (p.length != 3 || !p[0].contains(":")) continue;
            String[] dev = p[0].split(":");
            out.add(new Usage.BlockIo(parse(dev[0]), parse(dev[1]), p[1], parse(p[2])));
        }
        return out;
    }

    static List<Usage.BlockIo> ioV2(Path f) {
        List<Usage.BlockIo> out = new ArrayList<>();
        for (String l : lines(f)) {
            String[] p = l.trim().split("\\s+");
            if (p.length < 2 || !p[0].contains(":")) continue;
            String[] dev = p[0].split(":");
            for (int i = 1; i < p.length; i++) {
                String[] kv = p[i].split("=");
                if (kv.length != 2) continue;
                if (kv[0].equals("rbytes")) out.add(new Usage.BlockIo(parse(dev[0]), parse(dev[1]), "read", parse(kv[1])));
                if (kv[0].equals("wbytes")) out.add(new Usage.BlockIo(parse(dev[0]), parse(dev[1]), "write", parse(kv[1])));
            }
        }
        return out;
    }

    static Map<String, Usage.NetIo> networks(Path netDev) {
        Map<String, Usage.NetIo> out = new LinkedHashMap<>();
        for (String l : lines(netDev)) {
            int colon = l.indexOf(':');
            if (colon < 0) continue;
            String name = l.substring(0, colon).trim();
            if (name.equals("lo")) continue;
            String[] f = l.substring(colon + 1).trim().split("\\s+");
            if (f.length < 16) continue;
            out.put(name, new Usage.NetIo(parse(f[0]), parse(f[1]), parse(f[2]), parse(f[3]),
                    parse(f[8]), parse(f[9]), parse(f[10]), parse(f[11])));
        }
        return out;
    }

    static Map<String, Long> keyValues(Path f) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String l : lines(f)) {
            String[] p = l.trim().split("\\s+");
            if (p.length == 2) out.put(p[0], parse(p[1]));
        }
        return out;
    }

    private static long number(Path f) {
        return parse(read(f).trim());
    }

    private static long parse(String s) {
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            return List.of();
        }
    }
}
