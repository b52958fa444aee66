package dev.berth.cli.run;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The container configuration flags shared by {@code run} and {@code create}, named and typed as
 * in docker. Values are only parsed here; {@link CreateBody} turns them into the request.
 */
public final class ContainerOptions {
    @Option(names = "--add-host", paramLabel = "list", description = "Add a custom host-to-IP mapping (host:ip)")
    List<String> addHosts = new ArrayList<>();

    @Option(names = {"-a", "--attach"}, paramLabel = "list", converter = StreamName.class, description = "Attach to STDIN, STDOUT or STDERR")
    List<String> attach = new ArrayList<>();

    @Option(names = "--cap-add", paramLabel = "list", description = "Add Linux capabilities")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--security-opt", paramLabel = "list", description = "Security Options")
    List<String> securityOpt = new ArrayList<>();

    @Option(names = "--ulimit", paramLabel = "ulimit", description = "Ulimit options")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--group-add", paramLabel = "list", description = "Add additional groups to join")
    List<String> groupAdd = new ArrayList<>();

    @Option(names = "--pid", paramLabel = "string", description = "PID namespace to use")
    String pid = "";

    @Option(names = "--uts", paramLabel = "string", description = "UTS namespace to use")
    String uts = "";

    @Option(names = "--ipc", paramLabel = "string", description = "IPC mode to use")
    String ipc = "";

    @Option(names = "--cgroupns", paramLabel = "string", description = "Cgroup namespace to use (host|private)")
    String cgroupns = "";

    @Option(names = "--sysctl", paramLabel = "map", description = "Sysctl options")
    List<String> sysctls = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "list", description = "Drop Linux capabilities")
    List<String> capDrop = new ArrayList<>();

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "int", description = "CPU shares (relative weight)")
    long cpuShares;

    @Option(names = "--cpus", paramLabel = "decimal", converter = Resources.CpusConverter.class, description = "Number of CPUs")
    Resources.NanoCpus cpus;

    @Option(names = "--cpu-period", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) period")
    long cpuPeriod;

    @Option(names = "--cpu-quota", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) quota")
    long cpuQuota;

    @Option(names = "--cpuset-cpus", paramLabel = "string", description = "CPUs in which to allow execution (0-3, 0,1)")
    String cpusetCpus = "";

    @Option(names = "--cpuset-mems", paramLabel = "string", description = "MEMs in which to allow execution (0-3, 0,1)")
    String cpusetMems = "";

    @Option(names = "--blkio-weight", paramLabel = "uint16", description = "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)")
    int blkioWeight;

    @Option(names = "--device", paramLabel = "list", converter = DeviceSpecs.DeviceConverter.class, description = "Add a host device to the container")
    List<DeviceSpecs.Device> devices = new ArrayList<>();

    @Option(names = "--device-cgroup-rule", paramLabel = "list", converter = DeviceSpecs.CgroupRuleConverter.class,
            description = "Add a rule to the cgroup allowed devices list")
    List<String> deviceCgroupRules = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "list", description = "Set custom DNS servers")
    List<String> dns = new ArrayList<>();

    @Option(names = {"--dns-option", "--dns-opt"}, paramLabel = "list", description = "Set DNS options")
    List<String> dnsOptions = new ArrayList<>();

    @Option(names = "--dns-search", paramLabel = "list", description = "Set custom DNS search domains")
    List<String> dnsSearch = new ArrayList<>();

    @Option(names = "--domainname", paramLabel = "string", description = "Container NIS domain name")
    String domainname = "";

    @Option(names = "--entrypoint", paramLabel = "string", description = "Overwrite the default ENTRYPOINT of the image")
    String entrypoint;

    @Option(names = {"-e", "--env"}, paramLabel = "list", converter = EnvName.class, description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "list", description = "Read in a file of environment variables")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--expose", paramLabel = "list", description = "Expose a port or a range of ports")
    List<String> expose = new ArrayList<>();

    @Option(names = "--health-cmd", paramLabel = "string", description = "Command to run to check health")
    String healthCmd;

    @Option(names = "--health-interval", paramLabel = "duration", converter = GoDuration.class, description = "Time between running the check (ms|s|m|h) (default 0s)")
    java.time.Duration healthInterval;

    @Option(names = "--health-retries", paramLabel = "int", description = "Consecutive failures needed to report unhealthy")
    Integer healthRetries;

    @Option(names = "--health-start-interval", paramLabel = "duration", converter = GoDuration.class, description = "Time between running the check during the start period (ms|s|m|h) (default 0s)")
    java.time.Duration healthStartInterval;

    @Option(names = "--health-start-period", paramLabel = "duration", converter = GoDuration.class, description = "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
    java.time.Duration healthStartPeriod;

    @Option(names = "--health-timeout", paramLabel = "duration", converter = GoDuration.class, description = "Maximum time to allow one check to run (ms|s|m|h) (default 0s)")
    java.time.Duration healthTimeout;

    @Option(names = "--no-healthcheck", arity = "0..1", description = "Disable any container-specified HEALTHCHECK")
    boolean noHealthcheck;

    @Option(names = {"-h", "--hostname"}, paramLabel = "string", description = "Container host name")
    String hostname = "";

    @Option(names = "--init", arity = "0..1", description = "Run an init inside the container that forwards signals and reaps processes")
    Boolean init;

    @Option(names = {"-i", "--interactive"}, arity = "0..1", description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-l", "--label"}, paramLabel = "list", description = "Set meta data on a container")
    List<String> labels = new ArrayList<>();

    @Option(names = "--label-file", paramLabel = "list", description = "Read in a line delimited file of labels")
    List<String> labelFiles = new ArrayList<>();

    @Option(names = "--link", paramLabel = "list", description = "Add link to another container")
    List<String> links = new ArrayList<>();

    @Option(names = "--log-driver", paramLabel = "string", description = "Logging driver for the container")
    String logDriver = "";

    @Option(names = "--log-opt", paramLabel = "list", description = "Log driver options")
    List<String> logOpts = new ArrayList<>();

    @Option(names = {"-m", "--memory"}, paramLabel = "bytes", converter = Resources.BytesConverter.class, description = "Memory limit")
    Resources.Bytes memory;

    @Option(names = "--memory-swap", paramLabel = "bytes", converter = Resources.SwapConverter.class,
            description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap")
    Resources.SwapBytes memorySwap;

    @Option(names = "--memory-reservation", paramLabel = "bytes", converter = Resources.BytesConverter.class, description = "Memory soft limit")
    Resources.Bytes memoryReservation;

    @Option(names = "--memory-swappiness", paramLabel = "int", description = "Tune container memory swappiness (0 to 100) (default -1)")
    long memorySwappiness = -1;

    @Option(names = "--oom-kill-disable", arity = "0..1", description = "Disable OOM Killer")
    boolean oomKillDisable;

    @Option(names = "--oom-score-adj", paramLabel = "int", description = "Tune host's OOM preferences (-1000 to 1000)")
    int oomScoreAdj;

    @Option(names = "--mount", paramLabel = "mount", converter = MountSpec.class, description = "Attach a filesystem mount to the container")
    List<String> mounts = new ArrayList<>();

    @Option(names = "--name", paramLabel = "string", description = "Assign a name to the container")
    String name;

    @Option(names = "--pull", paramLabel = "string", defaultValue = "missing", description = "Pull image before running (\"always\", \"missing\", \"never\")")
    String pull;

    @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
    String platform;

    /** {@code --pull}: always, missing or never, refused otherwise with docker's message. */
    public String pullPolicy() {
        return switch (pull) {
            case "always", "missing", "never" -> pull;
            default -> throw new ConfigException("invalid pull option: '" + pull + "': must be one of \"always\", \"missing\" or \"never\"");
        };
    }

    public String platform() {
        return platform == null || platform.isEmpty() ? null : platform;
    }

    @Option(names = {"--network", "--net"}, paramLabel = "network", description = "Connect a container to a network")
    String network;

    @Option(names = {"--network-alias", "--net-alias"}, paramLabel = "list", description = "Add network-scoped alias for the container")
    List<String> networkAliases = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ip", description = "IPv4 address (e.g., 172.30.100.104)")
    String ip;

    @Option(names = "--mac-address", paramLabel = "string", description = "Container MAC address (e.g., 92:d0:c6:0a:29:33)")
    String macAddress;

    @Option(names = "--pids-limit", paramLabel = "int", description = "Tune container pids limit (set -1 for unlimited)")
    Long pidsLimit;

    @Option(names = "--privileged", arity = "0..1", description = "Give extended privileges to this container")
    boolean privileged;

    @Option(names = {"-p", "--publish"}, paramLabel = "list", description = "Publish a container's port(s) to the host")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--publish-all"}, arity = "0..1", description = "Publish all exposed ports to random ports")
    boolean publishAll;

    @Option(names = "--read-only", arity = "0..1", description = "Mount the container's root filesystem as read only")
    boolean readOnly;

    @Option(names = "--restart", paramLabel = "string", description = "Restart policy to apply when a container exits (default \"no\")")
    String restart = "no";

    @Option(names = "--rm", arity = "0..1", description = "Automatically remove the container and its associated anonymous volumes when it exits")
    boolean rm;

    @Option(names = "--shm-size", paramLabel = "bytes", converter = Resources.BytesConverter.class, description = "Size of /dev/shm")
    Resources.Bytes shmSize;

    @Option(names = "--stop-signal", paramLabel = "string", description = "Signal to stop the container")
    String stopSignal;

    @Option(names = "--stop-timeout", paramLabel = "int", description = "Timeout (in seconds) to stop a container")
    Integer stopTimeout;

    @Option(names = "--tmpfs", paramLabel = "list", description = "Mount a tmpfs directory")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = {"-t", "--tty"}, arity = "0..1", description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = {"-u", "--user"}, paramLabel = "string", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user = "";

    @Option(names = {"-v", "--volume"}, paramLabel = "list", description = "Bind mount a volume")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--volumes-from", paramLabel = "list", description = "Mount volumes from the specified container(s)")
    List<String> volumesFrom = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "string", description = "Working directory inside the container")
    String workdir = "";

    public boolean tty() {
        return tty;
    }

    public boolean interactive() {
        return interactive;
    }

    public boolean autoRemove() {
        return rm;
    }

    public String name() {
        return name;
    }

    /** Which streams {@code run} attaches: {@code -a} if given, else stdout and stderr, plus stdin with {@code -i}. */
    public boolean attaches(String stream) {
        if (stream.equals("stdin") && interactive) return true;
        return attach.isEmpty() ? !stream.equals("stdin") : attach.contains(stream);
    }

    public boolean attachGiven() {
        return !attach.isEmpty();
    }

    /** {@code -a} accepts stdin, stdout and stderr in any case. */
    public static final class StreamName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.toLowerCase(Locale.ROOT);
            if (!v.equals("stdin") && !v.equals("stdout") && !v.equals("stderr")) {
                throw new CommandLine.TypeConversionException("valid streams are STDIN, STDOUT and STDERR");
            }
            return v;
        }
    }

    /** {@code -e} needs a variable name; a bare name is resolved later against the environment. */
    public static final class EnvName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isEmpty() || value.startsWith("=")) {
                throw new CommandLine.TypeConversionException("invalid environment variable: " + value);
            }
            return value;
        }
    }

    /** A Go duration ({@code 5s}, {@code 1m30s}), as docker's duration flags take. */
    public static final class GoDuration implements CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            java.time.Duration d = dev.berth.cli.format.Durations.parseGo(value);
            if (d != null) return d;
            java.util.regex.Matcher unit = java.util.regex.Pattern.compile("[0-9.]+([^0-9.]+)").matcher(value);
            if (value.matches("[0-9.]+")) throw new CommandLine.TypeConversionException("time: missing unit in duration \"" + value + "\"");
            if (unit.find()) throw new CommandLine.TypeConversionException("time: unknown unit \"" + unit.group(1) + "\" in duration \"" + value + "\"");
            throw new CommandLine.TypeConversionException("time: invalid duration \"" + value + "\"");
        }
    }

    /** What docker warns about in the {@code --mount} values given (deprecated keys), one line each. */
    public List<String> mountWarnings() {
        List<String> out = new ArrayList<>();
        for (String m : mounts) {
            String w = MountSpecs.mount(m).warning();
            if (w != null) out.add("WARNING: " + w);
        }
        return out;
    }

    /** {@code --mount} is checked while parsing, as docker does. */
    public static final class MountSpec implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                MountSpecs.mount(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            return value;
        }
    }
}
