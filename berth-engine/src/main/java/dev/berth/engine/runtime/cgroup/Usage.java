package dev.berth.engine.runtime.cgroup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sample of a container's resource use, read from its cgroup and network namespace. Values
 * the host does not provide are zero; {@code memoryStats} keeps the kernel's own key names
 * (cgroup v1 and v2 differ, and Docker passes them through as they are).
 */
public record Usage(
        Instant read,
        long cpuTotalNanos,
        long cpuUserNanos,
        long cpuKernelNanos,
        List<Long> perCpuNanos,
        long systemCpuNanos,
        int onlineCpus,
        long memoryUsage,
        long memoryMaxUsage,
        long memoryLimit,
        Map<String, Long> memoryStats,
        long memoryFailcnt,
        long pids,
        long pidsLimit,
        List<BlockIo> blockIo,
        Map<String, NetIo> networks,
        boolean cgroupV2) {

    /** Bytes read or written on one block device; op is "read" or "write" (v1 also "sync", "total"...). */
    public record BlockIo(long major, long minor, String op, long bytes) {}

    /** One interface's counters as the container sees them. */
    public record NetIo(long rxBytes, long rxPackets, long rxErrors, long rxDropped,
                        long txBytes, long txPackets, long txErrors, long txDropped) {}

    public static Usage empty() {
        return new Usage(null, 0, 0, 0, List.of(), 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, List.of(), Map.of(), false);
    }
}
