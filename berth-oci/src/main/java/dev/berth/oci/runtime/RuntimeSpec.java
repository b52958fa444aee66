package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.math.BigInteger;

import java.util.List;
import java.util.Map;

/**
 * The OCI runtime-spec {@code config.json} (spec 1.0.2), as far as berth writes it.
 * Nested records mirror the spec's objects one to one; absent values are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(
        @JsonProperty("ociVersion") String ociVersion,
        @JsonProperty("process") Process process,
        @JsonProperty("root") Root root,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("mounts") List<Mount> mounts,
        @JsonProperty("linux") Linux linux) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Process(
            @JsonProperty("terminal") boolean terminal,
            @JsonProperty("consoleSize") ConsoleSize consoleSize,
            @JsonProperty("user") User user,
            @JsonProperty("args") List<String> args,
            @JsonProperty("env") List<String> env,
            @JsonProperty("cwd") String cwd,
            @JsonProperty("capabilities") Capabilities capabilities,
            @JsonProperty("rlimits") List<Rlimit> rlimits,
            @JsonProperty("noNewPrivileges") boolean noNewPrivileges,
            @JsonProperty("oomScoreAdj") Integer oomScoreAdj) {}

    public record ConsoleSize(@JsonProperty("height") int height, @JsonProperty("width") int width) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(@JsonProperty("uid") long uid, @JsonProperty("gid") long gid,
                       @JsonProperty("additionalGids") List<Long> additionalGids) {}

    public record Capabilities(
            @JsonProperty("bounding") List<String> bounding,
            @JsonProperty("effective") List<String> effective,
            @JsonProperty("permitted") List<String> permitted,
            @JsonProperty("inheritable") List<String> inheritable) {
        public static Capabilities of(List<String> caps) {
            return new Capabilities(caps, caps, caps, List.of());
        }
    }

    /** An rlimit; -1 is RLIM_INFINITY, written as the unsigned 2^64-1 runc reads. */
    public record Rlimit(@JsonProperty("type") String type,
                         @JsonProperty("hard") @JsonSerialize(using = Unsigned.class) long hard,
                         @JsonProperty("soft") @JsonSerialize(using = Unsigned.class) long soft) {}

    public record Root(@JsonProperty("path") String path, @JsonProperty("readonly") boolean readonly) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mount(@JsonProperty("destination") String destination, @JsonProperty("type") String type,
                        @JsonProperty("source") String source, @JsonProperty("options") List<String> options) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Linux(
            @JsonProperty("namespaces") List<Namespace> namespaces,
            @JsonProperty("resources") Resources resources,
            @JsonProperty("cgroupsPath") String cgroupsPath,
            @JsonProperty("sysctl") Map<String, String> sysctl,
            @JsonProperty("maskedPaths") List<String> maskedPaths,
            @JsonProperty("readonlyPaths") List<String> readonlyPaths,
            @JsonProperty("seccomp") Seccomp seccomp,
            @JsonProperty("devices") List<Device> devices) {
        public Linux(List<Namespace> namespaces, Resources resources, String cgroupsPath, Map<String, String> sysctl,
                     List<String> maskedPaths, List<String> readonlyPaths, Seccomp seccomp) {
            this(namespaces, resources, cgroupsPath, sysctl, maskedPaths, readonlyPaths, seccomp, null);
        }
    }

    /** A device node runc creates in the container's /dev ({@code linux.devices}); {@code type} is c, b or p. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(@JsonProperty("path") String path, @JsonProperty("type") String type,
                         @JsonProperty("major") long major, @JsonProperty("minor") long minor,
                         @JsonProperty("fileMode") Integer fileMode, @JsonProperty("uid") Long uid,
                         @JsonProperty("gid") Long gid) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Namespace(@JsonProperty("type") String type, @JsonProperty("path") String path) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resources(
            @JsonProperty("devices") List<DeviceRule> devices,
            @JsonProperty("memory") Memory memory,
            @JsonProperty("cpu") Cpu cpu,
            @JsonProperty("pids") Pids pids,
            @JsonProperty("blockIO") BlockIO blockIO) {
        public Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) {
            this(devices, memory, cpu, pids, null);
        }
    }

    /** {@code linux.resources.blockIO}: the proportional weight (blkio.weight on v1, io.weight/io.bfq.weight on v2). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlockIO(@JsonProperty("weight") Integer weight) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceRule(@JsonProperty("allow") boolean allow, @JsonProperty("type") String type,
                             @JsonProperty("major") Long major, @JsonProperty("minor") Long minor,
                             @JsonProperty("access") String access) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(@JsonProperty("limit") Long limit, @JsonProperty("swap") Long swap,
                         @JsonProperty("reservation") Long reservation, @JsonProperty("swappiness") Long swappiness,
                         @JsonProperty("disableOOMKiller") Boolean disableOOMKiller) {
        public Memory(Long limit, Long swap, Long reservation) {
            this(limit, swap, reservation, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cpu(@JsonProperty("shares") Long shares, @JsonProperty("quota") Long quota,
                      @JsonProperty("period") Long period, @JsonProperty("cpus") String cpus,
                      @JsonProperty("mems") String mems) {
        public Cpu(Long shares, Long quota, Long period, String cpus) {
            this(shares, quota, period, cpus, null);
        }
    }

    public record Pids(@JsonProperty("limit") long limit) {}

    /**
     * {@code defaultErrnoRet}: the errno of a refusing {@code defaultAction} (runc's default is EPERM);
     * {@code flags}: seccomp(2) filter flags, which runc 1.1 refuses to take at all.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Seccomp(@JsonProperty("defaultAction") String defaultAction,
                          @JsonProperty("defaultErrnoRet") Integer defaultErrnoRet,
                          @JsonProperty("architectures") List<String> architectures,
                          @JsonProperty("flags") List<String> flags,
                          @JsonProperty("syscalls") List<SyscallRule> syscalls) {
        public Seccomp(String defaultAction, List<String> architectures, List<SyscallRule> syscalls) {
            this(defaultAction, null, architectures, null, syscalls);
        }
    }

    /** {@code args}: conditions on the call's arguments; several on one index mean any of them (runc adds one rule each). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SyscallRule(@JsonProperty("names") List<String> names, @JsonProperty("action") String action,
                              @JsonProperty("errnoRet") Integer errnoRet, @JsonProperty("args") List<SyscallArg> args) {
        public SyscallRule(List<String> names, String action, Integer errnoRet) {
            this(names, action, errnoRet, null);
        }
    }

    /** One argument condition; for {@code SCMP_CMP_MASKED_EQ}, {@code value} is the mask and {@code valueTwo} what the masked argument must equal. */
    public record SyscallArg(@JsonProperty("index") int index,
                             @JsonProperty("value") @JsonSerialize(using = Unsigned.class) long value,
                             @JsonProperty("valueTwo") @JsonSerialize(using = Unsigned.class) long valueTwo,
                             @JsonProperty("op") String op) {}

    /** Writes a long as the uint64 the spec (and runc's Go) reads: masks such as 0xffffffffffffffff are negative longs. */
    static final class Unsigned extends StdSerializer<Long> {
        Unsigned() {
            super(Long.class);
        }

        @Override
        public void serialize(Long value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeNumber(new BigInteger(Long.toUnsignedString(value)));
        }
    }
}
