package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.container.HostFacts.Feature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@link HostFacts} from the kernel's files, the way dockerd's sysinfo does: on cgroup v1 a
 * feature is the presence of its file under the controller's mount; on v2 it is a controller
 * enabled for the daemon's own cgroup. A hybrid host (v1 controllers plus an empty
 * {@code unified} mount) counts as v1, as it does for Docker. Read once at startup: the answer
 * only changes with a reboot or a remount.
 *
 * <p>Example: {@code HostFactsProbe.read(Path.of("/sys/fs/cgroup"), Path.of("/proc/self"))}.
 */
public final class HostFactsProbe {
    private HostFactsProbe() {}

    /**
     * @param cgroupRoot the cgroup mount, normally {@code /sys/fs/cgroup}
     * @param procSelf   this process's {@code /proc} entry, for its CPU affinity and cgroup path
     */
    public static HostFacts read(Path cgroupRoot, Path procSelf) {
        int cpus = allowedCpus(procSelf);
        if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) return unified(cgroupRoot, procSelf, cpus);
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        Path memory = cgroupRoot.resolve("memory"), cpu = cgroupRoot.resolve("cpu"), cpuset = cgroupRoot.resolve("cpuset");
        present(features, Feature.MEMORY_LIMIT, memory.resolve("memory.limit_in_bytes"));
        present(features, Feature.SWAP_LIMIT, memory.resolve("memory.memsw.limit_in_bytes"));
        present(features, Feature.MEMORY_RESERVATION, memory.resolve("memory.soft_limit_in_bytes"));
        present(features, Feature.MEMORY_SWAPPINESS, memory.resolve("memory.swappiness"));
        present(features, Feature.OOM_KILL_DISABLE, memory.resolve("memory.oom_control"));
        // a hierarchy's root group has no pids.max, so the mounted controller is the test, as for dockerd
        present(features, Feature.PIDS_LIMIT, cgroupRoot.resolve("pids/cgroup.procs"));
        present(features, Feature.CPU_SHARES, cpu.resolve("cpu.shares"));
        present(features, Feature.CPU_CFS, cpu.resolve("cpu.cfs_quota_us"));
        present(features, Feature.CPU_REALTIME, cpu.resolve("cpu.rt_runtime_us"));
        present(features, Feature.CPUSET, cpuset.resolve("cpuset.cpus"));
        present(features, Feature.BLKIO_WEIGHT, cgroupRoot.resolve("blkio/blkio.weight"));
        return new HostFacts(cpus, text(cpuset.resolve("cpuset.cpus")), text(cpuset.resolve("cpuset.mems")), features);
    }

    private static HostFacts unified(Path root, Path procSelf, int cpus) {
        // the daemon's own group: its "0::/path" line; controllers enabled there are the ones a child can use
        String own = lines(procSelf.resolve("cgroup")).stream().filter(l -> l.startsWith("0::"))
                .map(l -> l.substring(3)).findFirst().orElse("/");
        Path group = root.resolve(own.replaceFirst("^/+", ""));
        List<String> controllers = List.of(text(group.resolve("cgroup.controllers")).split("\\s+"));
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        if (controllers.contains("memory")) {
            features.add(Feature.MEMORY_LIMIT);
            features.add(Feature.MEMORY_RESERVATION);
            present(features, Feature.SWAP_LIMIT, group.resolve("memory.swap.max"));
        }
        if (controllers.contains("cpu")) {
            features.add(Feature.CPU_SHARES);
            features.add(Feature.CPU_CFS);
        }
        if (controllers.contains("pids")) features.add(Feature.PIDS_LIMIT);
        if (controllers.contains("io")) present(features, Feature.BLKIO_WEIGHT, group.resolve("io.bfq.weight"));
        if (!controllers.contains("cpuset")) return new HostFacts(cpus, "", "", features);
        features.add(Feature.CPUSET);
        return new HostFacts(cpus, text(group.resolve("cpuset.cpus.effective")), text(group.resolve("cpuset.mems.effective")), features);
    }

    /** The scheduler affinity count ({@code nproc}), which is what dockerd compares NanoCpus with. */
    private static int allowedCpus(Path procSelf) {
        // not Runtime.availableProcessors(): the JVM also divides by its own cgroup's CPU quota
        for (String line : lines(procSelf.resolve("status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                int n = Cpusets.parse(line.substring(line.indexOf(':') + 1).strip(), 0).cardinality();
                if (n > 0) return n;
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static void present(Set<Feature> features, Feature feature, Path file) {
        if (Files.exists(file)) features.add(feature);
    }

    private static String text(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "" : lines.getFirst().strip();
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new BerthException.Internal("reading " + file + ": " + e.getMessage(), e);
        }
    }
}
