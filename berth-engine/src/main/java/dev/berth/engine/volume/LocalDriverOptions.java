package dev.berth.engine.volume;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.mount.Mount;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docker's local driver options: {@code type}, {@code device} and {@code o}, what mount(8) takes
 * ({@code -o type=tmpfs -o device=tmpfs -o o=size=100m}, {@code -o type=none -o o=bind -o
 * device=/srv/data}, {@code type=nfs}...). A volume with them is mounted on its {@code _data} while
 * a running container uses it; without them {@code _data} is a plain directory.
 */
record LocalDriverOptions(String type, String device, String o) {
    private static final Set<String> VALID = Set.of("type", "device", "o", "size");
    /** Each option and the ones it cannot go without, as dockerd checks them. */
    private static final Map<String, List<String>> REQUIRES = Map.of(
            "device", List.of("type"),
            "type", List.of("device"),
            "o", List.of("device", "type"));

    static final LocalDriverOptions NONE = new LocalDriverOptions("", "", "");

    /** The options of a new volume, validated (dockerd's messages). */
    static LocalDriverOptions parse(Map<String, String> options) {
        if (options.isEmpty()) return NONE;
        for (String key : options.keySet().stream().sorted().toList()) {
            if (!VALID.contains(key)) throw new BerthException.InvalidArgument("invalid option: \"" + key + "\"");
        }
        for (var e : REQUIRES.entrySet()) {
            if (!options.containsKey(e.getKey())) continue;
            for (String needed : e.getValue()) {
                if (!options.containsKey(needed)) throw new BerthException.InvalidArgument("missing required option: \"" + needed + "\"");
            }
        }
        // dockerd takes size only as an XFS project quota on its volumes directory; berth sets none
        if (options.containsKey("size")) throw new BerthException.InvalidArgument("quota size requested but no quota support");
        return new LocalDriverOptions(options.getOrDefault("type", ""), options.getOrDefault("device", ""), options.getOrDefault("o", ""));
    }

    /** Whether the volume is a mount of something rather than a directory of its own. */
    boolean mounted() {
        return !type.isEmpty();
    }

    /** The mount that backs the volume, if any. */
    Optional<Mount> mount() {
        if (!mounted()) return Optional.empty();
        List<String> opts = o.isEmpty() ? List.of() : Arrays.stream(o.split(",")).filter(s -> !s.isEmpty()).toList();
        return Optional.of(new Mount(type, device, opts));
    }
}
