package dev.berth.cli;

import dev.berth.cli.io.Terminal;
import dev.berth.client.DockerHost;
import dev.berth.client.DockerHosts;
import dev.berth.client.EngineClient;
import dev.berth.client.api.ContainerApi;
import dev.berth.client.api.ExecApi;
import dev.berth.client.api.ImageApi;
import dev.berth.client.api.NetworkApi;
import dev.berth.client.api.SystemApi;
import dev.berth.client.api.VolumeApi;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The environment of one CLI invocation: standard streams, environment variables, the clock,
 * the terminal, and the daemon client (created on first use from {@code -H}, {@code BERTH_HOST}
 * or {@code DOCKER_HOST}). Commands receive it in their constructor; tests build their own.
 */
public final class Cli {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> env;
    private final Clock clock;
    private final Terminal terminal;
    private String hostFlag;
    private EngineClient client;
    private ClientConfig config;

    public Cli(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Clock clock, Terminal terminal) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.terminal = terminal;
    }

    /**
     * The real process: unbuffered-input stdin, and stdout/stderr that commands flush themselves.
     * The clock is UTC: commands only take instants from it, and resolving the local zone costs start-up time.
     */
    public static Cli forProcess() {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new Cli(out, err, new FileInputStream(FileDescriptor.in), System.getenv(), Clock.systemUTC(), Terminal.system());
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public Map<String, String> env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    public Terminal terminal() {
        return terminal;
    }

    /** The docker CLI's config.json (read once, on first use). */
    public synchronized ClientConfig config() {
        if (config == null) config = ClientConfig.load(env, err);
        return config;
    }

    /** The registry credentials of config.json and its helpers (read afresh on each call). */
    public dev.berth.cli.credentials.CredentialStores credentials() throws java.io.IOException {
        return new dev.berth.cli.credentials.CredentialStores(dev.berth.cli.credentials.AuthFile.load(ClientConfig.file(env)));
    }

    /**
     * The {@code X-Registry-Auth} value for {@code domain} (an image reference's registry), from
     * config.json or its helper; anonymous, with a warning, when they cannot be read.
     */
    public String registryAuth(String domain) {
        String key = dev.berth.cli.credentials.ServerAddresses.key(domain);
        try {
            return dev.berth.cli.credentials.RegistryAuthHeader.encode(credentials().get(key).orElse(null));
        } catch (java.io.IOException | RuntimeException e) {
            err.println("WARNING: cannot read the credentials for " + key + ": " + e.getMessage());
            return dev.berth.cli.credentials.RegistryAuthHeader.ANONYMOUS;
        }
    }

    /** Set by the root command's {@code -H/--host}. */
    public void hostFlag(String host) {
        this.hostFlag = host;
    }

    public DockerHost host() {
        return DockerHosts.resolve(hostFlag, env);
    }

    public synchronized EngineClient client() {
        if (client == null) client = new EngineClient(host());
        return client;
    }

    public ContainerApi containers() {
        return new ContainerApi(client());
    }

    public ImageApi images() {
        return new ImageApi(client());
    }

    public NetworkApi networks() {
        return new NetworkApi(client());
    }

    public VolumeApi volumes() {
        return new VolumeApi(client());
    }

    public ExecApi execs() {
        return new ExecApi(client());
    }

    public SystemApi system() {
        return new SystemApi(client());
    }
}
