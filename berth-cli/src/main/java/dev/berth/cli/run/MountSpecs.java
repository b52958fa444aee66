package dev.berth.cli.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -v/--volume}, {@code --mount} and {@code --tmpfs}. A {@code -v} with a source goes into
 * {@code HostConfig.Binds} verbatim; a bare container path becomes an anonymous volume in
 * {@code Volumes}. {@code --mount} is docker's CSV syntax and becomes {@code HostConfig.Mounts}.
 */
public final class MountSpecs {
    private MountSpecs() {}

    /** Adds one {@code -v} value to {@code binds} or {@code volumes}. */
    public static void volume(String spec, List<String> binds, List<String> volumes) {
        if (spec.isEmpty()) throw new ConfigException("invalid empty volume spec");
        String[] parts = spec.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty()) throw new ConfigException("invalid spec: " + spec + ": empty section between colons");
        }
        if (parts.length == 1) {
            if (!parts[0].startsWith("/")) throw new ConfigException("invalid volume specification: '" + spec + "'");
            volumes.add(parts[0]);
            return;
        }
        if (parts.length > 3) throw new ConfigException("invalid spec: " + spec + ": too many colons");
        if (!parts[1].startsWith("/")) throw new ConfigException("invalid volume specification: '" + spec + "': invalid mount config for type \"bind\": invalid mount path: '" + parts[1] + "' mount path must be absolute");
        binds.add(spec);
    }

    /** Parses one {@code --mount} value into a HostConfig.Mounts entry. */
    public static Map<String, Object> mount(String spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        String type = "volume";
        String source = null;
        String target = null;
        Boolean readOnly = null;
        Map<String, Object> tmpfs = new LinkedHashMap<>();
        Map<String, Object> bind = new LinkedHashMap<>();
        for (String field : spec.split(",")) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(java.util.Locale.ROOT);
            String value = eq < 0 ? null : field.substring(eq + 1);
            if (value == null && !key.equals("readonly") && !key.equals("ro")) {
                throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
            }
            switch (key) {
                case "type" -> type = value;
                case "source", "src" -> source = value;
                case "target", "destination", "dst" -> target = value;
                case "readonly", "ro" -> readOnly = value == null || Boolean.parseBoolean(value) || value.equals("1");
                case "bind-propagation" -> bind.put("Propagation", value);
                case "tmpfs-size" -> tmpfs.put("SizeBytes", dev.berth.cli.format.Sizes.parseRam(value));
                case "tmpfs-mode" -> tmpfs.put("Mode", Integer.parseInt(value, 8));
                case "consistency", "volume-driver", "volume-label", "volume-opt", "volume-nocopy", "volume-subpath", "bind-recursive" -> { }
                default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        if (target == null || target.isEmpty()) throw new IllegalArgumentException("target is required");
        m.put("Type", type);
        if (source != null) m.put("Source", source);
        m.put("Target", target);
        if (readOnly != null && readOnly) m.put("ReadOnly", true);
        if (!bind.isEmpty()) m.put("BindOptions", bind);
        if (!tmpfs.isEmpty()) m.put("TmpfsOptions", tmpfs);
        return m;
    }

    /** {@code --tmpfs /run:size=1m} → path and options. */
    public static Map.Entry<String, String> tmpfs(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? Map.entry(spec, "") : Map.entry(spec.substring(0, colon), spec.substring(colon + 1));
    }
}
