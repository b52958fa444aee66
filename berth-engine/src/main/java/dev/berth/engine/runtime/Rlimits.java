package dev.berth.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * berthd's own hard rlimits, as /proc/self/limits states them. runc sets a container's rlimits from
 * a process that inherits these: raising a hard limit above them needs CAP_SYS_RESOURCE, which a
 * sandboxed root may lack (this machine's does), and runc would then fail the start with a bare
 * "operation not permitted".
 */
public final class Rlimits {
    /** Docker's {@code --ulimit} names and the rows of /proc/self/limits they are. */
    private static final Map<String, String> ROWS = Map.ofEntries(
            Map.entry("cpu", "Max cpu time"), Map.entry("fsize", "Max file size"), Map.entry("data", "Max data size"),
            Map.entry("stack", "Max stack size"), Map.entry("core", "Max core file size"), Map.entry("rss", "Max resident set"),
            Map.entry("nproc", "Max processes"), Map.entry("nofile", "Max open files"), Map.entry("memlock", "Max locked memory"),
            Map.entry("as", "Max address space"), Map.entry("locks", "Max file locks"), Map.entry("sigpending", "Max pending signals"),
            Map.entry("msgqueue", "Max msgqueue size"), Map.entry("nice", "Max nice priority"),
            Map.entry("rtprio", "Max realtime priority"), Map.entry("rttime", "Max realtime timeout"));

    private Rlimits() {}

    /** The hard limit berthd holds for {@code name}; -1 for unlimited; empty when unknown. */
    public static OptionalLong hostHard(String name) {
        String row = ROWS.get(name);
        if (row == null) return OptionalLong.empty();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (!line.startsWith(row)) continue;
                String[] f = line.substring(row.length()).trim().split("\\s+");
                return OptionalLong.of(f[1].equals("unlimited") ? -1 : Long.parseLong(f[1]));
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Whether the container's init may raise a hard limit above berthd's. */
    public static boolean canRaise() {
        return OciSpecBuilder.HOST_CAPS.contains("CAP_SYS_RESOURCE");
    }

    /** {@code a <= b} where -1 is infinity. */
    public static boolean withinLimit(long a, long b) {
        if (b == -1) return true;
        if (a == -1) return false;
        return a <= b;
    }
}
