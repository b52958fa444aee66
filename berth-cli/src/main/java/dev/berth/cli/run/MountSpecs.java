package dev.berth.cli.run;

import dev.berth.cli.format.Sizes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code -v/--volume}, {@code --mount} and {@code --tmpfs}, checked and rewritten on the client
 * exactly where the docker CLI does so, and otherwise passed on for the daemon to judge (its
 * messages are the ones users know).
 *
 * <ul>
 *   <li>{@code -v SRC:DST[:MODE]} goes into {@code HostConfig.Binds}; a source starting with
 *       {@code .} is a path relative to the working directory and is made absolute first
 *       (docker CLI 23+). A lone {@code -v DST} becomes an anonymous volume in {@code Volumes}.</li>
 *   <li>{@code --mount} is one CSV record of {@code key=value} fields (quotes as in CSV) and becomes a
 *       {@code HostConfig.Mounts} entry; keys are case-insensitive, values are taken as written.</li>
 * </ul>
 */
public final class MountSpecs {
    private MountSpecs() {}

    /** One {@code --mount}: the {@code HostConfig.Mounts} entry, and the deprecation warning docker prints for it, if any. */
    public record Mount(Map<String, Object> body, String warning) {}

    /** Adds one {@code -v} value to {@code binds} or {@code volumes}, relative sources resolved against the working directory. */
    public static void volume(String spec, List<String> binds, List<String> volumes) {
        volume(spec, binds, volumes, Path.of("").toAbsolutePath());
    }

    static void volume(String spec, List<String> binds, List<String> volumes, Path cwd) {
        if (spec.isEmpty()) throw new ConfigException("invalid empty volume spec");
        String[] parts = spec.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty()) throw new ConfigException("invalid spec: " + spec + ": empty section between colons");
        }
        if (parts.length > 3) throw new ConfigException("invalid spec: " + spec + ": too many colons");
        if (parts.length == 1) {
            // the daemon says what is wrong with a relative path here
            volumes.add(spec);
            return;
        }
        String source = parts[0];
        // no volume name starts with a dot, so such a source is a host path, relative to here
        if (source.startsWith(".")) source = absolute(cwd, source);
        binds.add(source + spec.substring(parts[0].length()));
    }

    /** Parses one {@code --mount} value; relative sources are resolved against the working directory. */
    public static Mount mount(String spec) {
        return mount(spec, Path.of("").toAbsolutePath());
    }

    static Mount mount(String spec, Path cwd) {
        String type = "volume";
        String source = null;
        String target = null;
        boolean readOnly = false;
        String consistency = null;
        Map<String, Object> bind = null;
        Map<String, Object> volume = null;
        Map<String, Object> tmpfs = null;
        String warning = null;
        String recursive = null;
        for (String field : Csv.record(spec)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                // the three keys that may stand alone for "true"
                switch (key) {
                    case "readonly", "ro" -> readOnly = true;
                    case "volume-nocopy" -> (volume = volumeOptions(volume)).put("NoCopy", true);
                    case "bind-nonrecursive" -> {
                        (bind = orNew(bind)).put("NonRecursive", true);
                        warning = "bind-nonrecursive is deprecated, use bind-recursive=disabled instead";
                    }
                    default -> throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
                }
                continue;
            }
            String value = field.substring(eq + 1);
            switch (key) {
                case "type" -> type = value.toLowerCase(Locale.ROOT);
                case "source", "src" -> source = value.startsWith(".") ? absolute(cwd, value) : value;
                case "target", "dst", "destination" -> target = value;
                case "readonly", "ro" -> readOnly = bool(key, value);
                case "consistency" -> consistency = value.toLowerCase(Locale.ROOT);
                case "bind-propagation" -> putIfNotEmpty(bind = orNew(bind), "Propagation", value.toLowerCase(Locale.ROOT));
                case "bind-nonrecursive" -> {
                    bind = orNew(bind);
                    if (bool(key, value)) bind.put("NonRecursive", true);
                    warning = "bind-nonrecursive is deprecated, use bind-recursive=disabled instead";
                }
                case "bind-recursive" -> {
                    if (!List.of("enabled", "disabled", "writable", "readonly").contains(value)) {
                        throw new IllegalArgumentException("invalid value for " + key + ": " + value + " (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")");
                    }
                    // "enabled" is the default: nothing to send
                    if (!value.equals("enabled")) bind = orNew(bind);
                    recursive = value;
                }
                case "volume-subpath" -> putIfNotEmpty(volume = volumeOptions(volume), "Subpath", value);
                case "volume-nocopy" -> {
                    volume = volumeOptions(volume);
                    if (bool(key, value)) volume.put("NoCopy", true);
                }
                case "volume-label" -> putPair(labels(volume = volumeOptions(volume)), value);
                case "volume-driver" -> putIfNotEmpty(driverConfig(volume = volumeOptions(volume)), "Name", value);
                case "volume-opt" -> putPair(driverOptions(volume = volumeOptions(volume)), value);
                case "tmpfs-size" -> {
                    tmpfs = orNew(tmpfs);
                    long size = size(key, value);
                    if (size != 0) tmpfs.put("SizeBytes", size);
                }
                case "tmpfs-mode" -> {
                    tmpfs = orNew(tmpfs);
                    long mode = mode(key, value);
                    if (mode != 0) tmpfs.put("Mode", mode);
                }
                default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        if (recursive != null) recursive(recursive, readOnly, bind);
        if (type.isEmpty()) throw new IllegalArgumentException("type is required");
        if (target == null || target.isEmpty()) throw new IllegalArgumentException("target is required");
        if (volume != null && !type.equals("volume")) throw mix("volume", type);
        if (bind != null && !type.equals("bind")) throw mix("bind", type);
        if (tmpfs != null && !type.equals("tmpfs")) throw mix("tmpfs", type);

        // Go's field order, empty fields left out (omitempty)
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Type", type);
        if (source != null && !source.isEmpty()) m.put("Source", source);
        m.put("Target", target);
        if (readOnly) m.put("ReadOnly", true);
        if (consistency != null && !consistency.isEmpty()) m.put("Consistency", consistency);
        if (bind != null) m.put("BindOptions", inGoOrder(bind, "Propagation", "NonRecursive", "ReadOnlyNonRecursive", "ReadOnlyForceRecursive"));
        if (volume != null) {
            Map<String, Object> driver = inGoOrder(driverConfig(volume), "Name", "Options");
            volume.put("DriverConfig", driver);
            m.put("VolumeOptions", inGoOrder(volume, "NoCopy", "Labels", "Subpath", "DriverConfig"));
        }
        if (tmpfs != null) m.put("TmpfsOptions", inGoOrder(tmpfs, "SizeBytes", "Mode"));
        return new Mount(m, warning);
    }

    /** The fields of a Go struct in its declaration order, empty maps left out as omitempty does. */
    private static Map<String, Object> inGoOrder(Map<String, Object> fields, String... order) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : order) {
            Object v = fields.get(k);
            if (v == null || (v instanceof Map<?, ?> map && map.isEmpty() && !k.equals("DriverConfig"))) continue;
            out.put(k, v);
        }
        return out;
    }

    /** {@code bind-recursive}: what each value asks of the daemon, and the flags it needs alongside. */
    private static void recursive(String value, boolean readOnly, Map<String, Object> bind) {
        switch (value) {
            case "disabled" -> bind.put("NonRecursive", true);
            case "writable" -> {
                if (!readOnly) throw new IllegalArgumentException("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
                bind.put("ReadOnlyNonRecursive", true);
            }
            case "readonly" -> {
                if (!readOnly) throw new IllegalArgumentException("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
                if (!"rprivate".equals(bind.get("Propagation"))) {
                    throw new IllegalArgumentException("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
                }
                bind.put("ReadOnlyForceRecursive", true);
            }
            default -> { }
        }
    }

    private static IllegalArgumentException mix(String options, String type) {
        return new IllegalArgumentException("cannot mix '" + options + "-*' options with mount type '" + type + "'");
    }

    /** Go's {@code strconv.ParseBool}. */
    private static boolean bool(String key, String value) {
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new IllegalArgumentException("invalid value for " + key + ": " + value);
        };
    }

    private static long size(String key, String value) {
        try {
            long n = Sizes.parseRam(value);
            if (n < 0) throw new IllegalArgumentException();
            return n;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + value);
        }
    }

    /** An octal file mode that fits in 32 bits, as {@code strconv.ParseUint(value, 8, 32)}. */
    private static long mode(String key, String value) {
        try {
            long mode = Long.parseUnsignedLong(value, 8);
            if (!value.matches("[0-7]+") || mode > 0xFFFF_FFFFL) throw new NumberFormatException();
            return mode;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + value);
        }
    }

    private static Map<String, Object> orNew(Map<String, Object> m) {
        return m != null ? m : new LinkedHashMap<>();
    }

    /** {@code VolumeOptions}, made with its (empty) {@code DriverConfig} as docker makes them. */
    private static Map<String, Object> volumeOptions(Map<String, Object> m) {
        if (m != null) return m;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("DriverConfig", new LinkedHashMap<String, Object>());
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> driverConfig(Map<String, Object> volume) {
        return (Map<String, Object>) volume.get("DriverConfig");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> volume) {
        return (Map<String, Object>) volume.computeIfAbsent("Labels", k -> new TreeMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> driverOptions(Map<String, Object> volume) {
        return (Map<String, Object>) driverConfig(volume).computeIfAbsent("Options", k -> new TreeMap<String, Object>());
    }

    /** {@code k=v} into {@code m}; a bare {@code k} has an empty value, an empty key is ignored. */
    private static void putPair(Map<String, Object> m, String pair) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        if (!k.isEmpty()) m.put(k, eq < 0 ? "" : pair.substring(eq + 1));
    }

    private static void putIfNotEmpty(Map<String, Object> m, String key, String value) {
        if (!value.isEmpty()) m.put(key, value);
    }

    /** Go's {@code filepath.Abs}: joined to the working directory and cleaned. */
    private static String absolute(Path cwd, String relative) {
        return cwd.resolve(relative).normalize().toString();
    }

    /** {@code --tmpfs /run:size=1m} → path and options. */
    public static Map.Entry<String, String> tmpfs(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? Map.entry(spec, "") : Map.entry(spec.substring(0, colon), spec.substring(colon + 1));
    }

    /** The first record of a CSV text, as Go's encoding/csv reads it (errors in its words). */
    static final class Csv {
        private Csv() {}

        static List<String> record(String text) {
            if (text.isEmpty()) throw new IllegalArgumentException("EOF");
            List<String> fields = new ArrayList<>();
            int i = 0;
            while (true) {
                StringBuilder f = new StringBuilder();
                if (i < text.length() && text.charAt(i) == '"') {
                    i++;
                    while (true) {
                        // Go's reader ends the line with a newline of its own and reports the column after it
                        if (i >= text.length()) throw new IllegalArgumentException(error(text.length() + 1, "extraneous or missing \" in quoted-field"));
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                                f.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            if (i < text.length() && text.charAt(i) != ',') throw new IllegalArgumentException(error(i, "extraneous or missing \" in quoted-field"));
                            break;
                        }
                        f.append(c);
                        i++;
                    }
                } else {
                    while (i < text.length() && text.charAt(i) != ',') {
                        if (text.charAt(i) == '"') throw new IllegalArgumentException(error(i + 1, "bare \" in non-quoted-field"));
                        f.append(text.charAt(i));
                        i++;
                    }
                }
                fields.add(f.toString());
                if (i >= text.length()) return fields;
                i++; // the comma
            }
        }

        private static String error(int column, String what) {
            return "parse error on line 1, column " + column + ": " + what;
        }
    }
}
