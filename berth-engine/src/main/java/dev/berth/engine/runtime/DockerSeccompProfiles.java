package dev.berth.engine.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.oci.runtime.RuntimeSpec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seccomp profiles in Docker's JSON format ({@code --security-opt seccomp=PROFILE.json}, whose
 * content the docker CLI sends in place of the file name), turned into the OCI section for one
 * container the way dockerd does it:
 * <ul>
 * <li>{@code defaultAction}, {@code defaultErrnoRet}, {@code flags} and {@code architectures} are
 * taken as they are; {@code archMap} contributes the entry for the host's architecture and its
 * sub-architectures (amd64: x86 and x32). A profile with both refuses to load.
 * <li>A rule ({@code names}, or the older single {@code name}) is kept when its {@code includes}
 * hold and its {@code excludes} do not: {@code includes.caps} needs every capability listed,
 * {@code excludes.caps} drops the rule for any of them; {@code arches} are matched against the
 * host's ({@code amd64}, {@code arm64}...); {@code minKernel} ("5.8") against the running kernel.
 * <li>A profile with no default action and no rules means no filter at all.
 * </ul>
 * Unlike dockerd, actions and comparison operators are checked here, so a typo is a clear 400
 * rather than runc's failure at start.
 */
public final class DockerSeccompProfiles {
    /** {@code --security-opt seccomp=unconfined}: no filter. */
    public static final String UNCONFINED = "unconfined";
    /** {@code --security-opt seccomp=builtin}: the default profile. */
    public static final String BUILTIN = "builtin";

    private static final Set<String> ACTIONS = Set.of("SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
            "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG");
    private static final Set<String> OPERATORS = Set.of("SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
            "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ");
    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

    /** An architecture as Docker's profiles name it in {@code arches} and in {@code archMap}. */
    record Arch(String name, String seccompName) {
        private static final Map<String, Arch> BY_JAVA_NAME = Map.of(
                "amd64", new Arch("amd64", "SCMP_ARCH_X86_64"), "x86_64", new Arch("amd64", "SCMP_ARCH_X86_64"),
                "aarch64", new Arch("arm64", "SCMP_ARCH_AARCH64"), "s390x", new Arch("s390x", "SCMP_ARCH_S390X"),
                "ppc64le", new Arch("ppc64le", "SCMP_ARCH_PPC64LE"), "riscv64", new Arch("riscv64", "SCMP_ARCH_RISCV64"));

        static Arch host() {
            String javaName = System.getProperty("os.arch");
            Arch arch = BY_JAVA_NAME.get(javaName);
            if (arch == null) throw new BerthException.FailedPrecondition("seccomp profiles: unsupported architecture " + javaName);
            return arch;
        }
    }

    /** A kernel version as {@code minKernel} compares it: major and minor only. */
    record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
        private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

        /** "5.8" as in a profile; anything else is refused, as dockerd does. */
        static KernelVersion parse(String text) {
            Matcher m = VERSION.matcher(text);
            if (!m.matches()) throw invalid("invalid kernel version: " + text);
            return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        static KernelVersion running() {
            try {
                String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
                Matcher m = VERSION.matcher(release);
                if (!m.lookingAt()) throw new BerthException.Internal("unreadable kernel release " + release, null);
                return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            } catch (IOException e) {
                throw new BerthException.Internal("reading the kernel release", e);
            }
        }

        @Override
        public int compareTo(KernelVersion other) {
            return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
        }
    }

    private DockerSeccompProfiles() {}

    /**
     * The seccomp section for a container given the value of its {@code --security-opt seccomp=...}:
     * null (no option) or {@code builtin} is berth's default profile, {@code unconfined} no filter
     * (null), anything else a profile in Docker's JSON format. A privileged container has no filter
     * whatever this says; that is the caller's to decide.
     */
    public static RuntimeSpec.Seccomp forSecurityOption(String value, Collection<String> capabilities) {
        if (value == null || value.equals(BUILTIN)) return SeccompProfile.forCapabilities(capabilities);
        if (value.equals(UNCONFINED)) return null;
        return fromDockerJson(value, capabilities);
    }

    /**
     * The OCI seccomp section a Docker-format profile gives a container with these capabilities
     * ({@code CAP_...} names) on this host and kernel; null when the profile asks for no filter.
     *
     * @throws BerthException.InvalidArgument when the JSON is not such a profile
     */
    public static RuntimeSpec.Seccomp fromDockerJson(String json, Collection<String> capabilities) {
        return fromDockerJson(json, capabilities, Arch.host(), KernelVersion.running());
    }

    static RuntimeSpec.Seccomp fromDockerJson(String json, Collection<String> capabilities, Arch arch, KernelVersion kernel) {
        JsonNode profile;
        try {
            profile = Json.MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw invalid("Decoding seccomp profile failed: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("Decoding seccomp profile failed: " + e.getMessage());
        }
        if (profile == null || !profile.isObject()) throw invalid("Decoding seccomp profile failed: not a JSON object");
        String defaultAction = text(profile, "defaultAction");
        JsonNode rules = arrayOrEmpty(profile, "syscalls");
        if (defaultAction == null && rules.isEmpty()) return null;
        if (defaultAction == null) throw invalid("seccomp profile: defaultAction is missing");
        action(defaultAction);
        if (profile.hasNonNull("listenerPath")) throw invalid("seccomp profile: listenerPath (SCMP_ACT_NOTIFY) is not supported");

        List<String> architectures = strings(profile, "architectures");
        JsonNode archMap = arrayOrEmpty(profile, "archMap");
        if (!architectures.isEmpty() && !archMap.isEmpty()) {
            throw invalid("both 'architectures' and 'archMap' are specified in the seccomp profile, use either 'architectures' or 'archMap'");
        }
        architectures = new ArrayList<>(architectures);
        for (JsonNode entry : archMap) {
            if (arch.seccompName().equals(text(entry, "architecture"))) {
                architectures.add(arch.seccompName());
                architectures.addAll(strings(entry, "subArchitectures"));
                break;
            }
        }

        List<RuntimeSpec.SyscallRule> kept = new ArrayList<>();
        for (JsonNode rule : rules) {
            if (!rule.isObject()) throw invalid("Decoding seccomp profile failed: a syscalls entry is not an object");
            List<String> names = strings(rule, "names");
            String name = text(rule, "name");
            if (name != null && !name.isEmpty()) {
                if (!names.isEmpty()) throw invalid("both 'name' and 'names' are specified in the seccomp profile, use either 'name' or 'names'");
                names = List.of(name);
            }
            if (excluded(rule.path("excludes"), capabilities, arch, kernel) || !included(rule.path("includes"), capabilities, arch, kernel)) continue;
            String action = text(rule, "action");
            if (action == null) throw invalid("seccomp profile: the rule for " + names + " has no action");
            action(action);
            List<RuntimeSpec.SyscallArg> args = new ArrayList<>();
            for (JsonNode arg : arrayOrEmpty(rule, "args")) args.add(arg(arg, names));
            kept.add(new RuntimeSpec.SyscallRule(names, action, errno(rule, "errnoRet"), args.isEmpty() ? null : List.copyOf(args)));
        }
        List<String> flags = strings(profile, "flags");
        return new RuntimeSpec.Seccomp(defaultAction, errno(profile, "defaultErrnoRet"),
                architectures.isEmpty() ? null : List.copyOf(architectures), flags.isEmpty() ? null : flags,
                kept.isEmpty() ? null : List.copyOf(kept));
    }

    private static boolean excluded(JsonNode excludes, Collection<String> capabilities, Arch arch, KernelVersion kernel) {
        if (excludes.isMissingNode() || excludes.isNull()) return false;
        if (strings(excludes, "arches").contains(arch.name())) return true;
        if (strings(excludes, "caps").stream().anyMatch(capabilities::contains)) return true;
        String minKernel = text(excludes, "minKernel");
        return minKernel != null && !minKernel.isEmpty() && kernel.compareTo(KernelVersion.parse(minKernel)) >= 0;
    }

    private static boolean included(JsonNode includes, Collection<String> capabilities, Arch arch, KernelVersion kernel) {
        if (includes.isMissingNode() || includes.isNull()) return true;
        List<String> arches = strings(includes, "arches");
        if (!arches.isEmpty() && !arches.contains(arch.name())) return false;
        if (!capabilities.containsAll(strings(includes, "caps"))) return false;
        String minKernel = text(includes, "minKernel");
        return minKernel == null || minKernel.isEmpty() || kernel.compareTo(KernelVersion.parse(minKernel)) >= 0;
    }

    private static RuntimeSpec.SyscallArg arg(JsonNode arg, List<String> names) {
        String op = text(arg, "op");
        if (op == null || !OPERATORS.contains(op)) {
            throw invalid("seccomp profile: unknown comparison " + op + " in the rule for " + names + "; one of " + OPERATORS);
        }
        long index = uint64(arg, "index");
        if (index > 5) throw invalid("seccomp profile: argument index " + index + " in the rule for " + names + "; calls have 6");
        return new RuntimeSpec.SyscallArg((int) index, uint64(arg, "value"), uint64(arg, "valueTwo"), op);
    }

    private static void action(String action) {
        if (!ACTIONS.contains(action)) throw invalid("seccomp profile: unknown action " + action + "; one of " + ACTIONS);
    }

    private static Integer errno(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.canConvertToInt() || value.intValue() < 0 || !value.isIntegralNumber()) {
            throw invalid("Decoding seccomp profile failed: " + field + " must be an errno number, not " + value);
        }
        return value.intValue();
    }

    /** A Go uint64 field: absent is 0. */
    private static long uint64(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return 0;
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0 || value.bigIntegerValue().compareTo(UINT64_LIMIT) >= 0) {
            throw invalid("Decoding seccomp profile failed: " + field + " must be an unsigned 64-bit number, not " + value);
        }
        return value.bigIntegerValue().longValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw invalid("Decoding seccomp profile failed: " + field + " must be a string, not " + value);
        return value.textValue();
    }

    private static JsonNode arrayOrEmpty(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return Json.MAPPER.createArrayNode();
        if (!value.isArray()) throw invalid("Decoding seccomp profile failed: " + field + " must be a list, not " + value);
        return value;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : arrayOrEmpty(node, field)) {
            if (!item.isTextual()) throw invalid("Decoding seccomp profile failed: " + field + " must list strings, not " + item);
            values.add(item.textValue());
        }
        return List.copyOf(values);
    }

    private static BerthException.InvalidArgument invalid(String message) {
        return new BerthException.InvalidArgument(message);
    }
}
