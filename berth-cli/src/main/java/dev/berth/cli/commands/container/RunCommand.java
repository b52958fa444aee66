package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.LongHelpOption;
import dev.berth.cli.io.SignalProxy;
import dev.berth.cli.io.StdioPump;
import dev.berth.cli.io.StrictOutput;
import dev.berth.cli.io.Terminal;
import dev.berth.cli.run.ConfigException;
import dev.berth.cli.run.ContainerOptions;
import dev.berth.cli.run.CreateBody;
import dev.berth.cli.run.ImageReference;
import dev.berth.client.ApiException;
import dev.berth.client.DaemonUnreachableException;
import dev.berth.client.api.ContainerApi;
import dev.berth.client.api.PendingWait;
import dev.berth.client.stream.HijackedStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code berth run}, in the docker CLI's order, which is race-free:
 * <pre>
 *   create (404 → pull → create)
 *   attach (hijacked, before start, so no output is lost)
 *   wait?condition=next-exit|removed (registered before start, so the exit is not missed)
 *   start → resize (TTY) → stream until the output ends → exit status from the wait
 * </pre>
 * {@code -d} creates, starts and prints the id.
 */
@Command(name = "run", description = "Create and run a new container from an image", customSynopsis = "[OPTIONS] IMAGE [COMMAND] [ARG...]")
public final class RunCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin LongHelpOption help;
    @Mixin ContainerOptions options;

    @Option(names = {"-d", "--detach"}, arity = "0..1", description = "Run container in background and print container ID")
    boolean detach;

    @Option(names = "--sig-proxy", arity = "0..1", description = "Proxy received signals to the process (default true)")
    boolean sigProxy = true;

    @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Parameters(index = "0", arity = "1", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND")
    List<String> args = new ArrayList<>();

    private Terminal.RawMode rawMode;

    public RunCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (detach && options.attachGiven()) throw new StatusException(1, "conflicting options: cannot specify both --attach and --detach");
        Terminal term = cli.terminal();
        boolean stdin = !detach && options.attaches("stdin");
        DetachKeysFlag keys = DetachKeysFlag.resolve(cli, detachKeys);
        if (!detach && options.tty() && stdin && !term.stdinIsTerminal()) throw new StatusException(1, "the input device is not a TTY");
        try {
            return run(term, stdin, keys);
        } catch (StatusException e) {
            throw e;
        } catch (dev.berth.cli.io.StrictOutput.ClosedException e) {
            throw new StatusException(141, null);
        } catch (ConfigException | ApiException | DaemonUnreachableException | IOException e) {
            throw RunErrors.of("run", e);
        }
    }

    private int run(Terminal term, boolean stdin, DetachKeysFlag keys) throws IOException {
        ImageReference ref = ImageReference.parse(image);
        int[] console = options.tty() && term.stdoutIsTerminal() ? term.size() : null;
        ObjectNode body = CreateBody.build(options, image, args, detach ? CreateBody.Mode.RUN_DETACHED : CreateBody.Mode.RUN, console, cli.env());
        options.mountWarnings().forEach(cli.err()::println);
        ContainerApi containers = cli.containers();
        String id = Launcher.create(cli, options.name(), body, ref, options.pullPolicy(), options.platform());
        if (detach) {
            containers.start(id);
            cli.out().println(id);
            return 0;
        }
        boolean stdout = options.attaches("stdout");
        boolean stderr = options.attaches("stderr");
        StdioPump pump = null;
        if (stdin || stdout || stderr) {
            HijackedStream attached = containers.attach(id, new ContainerApi.AttachOptions(stdin, stdout, stderr, false, keys.spec()));
            pump = startPump(attached, term, stdin, keys);
        }
        try (PendingWait wait = containers.waitFor(id, options.autoRemove() ? "removed" : "next-exit")) {
            try {
                containers.start(id);
            } catch (ApiException e) {
                if (pump != null) pump.close();
                if (options.autoRemove()) wait.await();
                throw e;
            }
            if (sigProxy && !options.tty()) SignalProxy.forward(containers, id);
            if (options.tty() && term.stdoutIsTerminal()) TtySize.follow(term, console, (h, w) -> containers.resize(id, h, w));
            if (pump != null) pump.awaitOutput();
            if (pump != null && pump.detached()) return 0; // as docker: detaching is no error, and the container runs on
            PendingWait.Result result = wait.await();
            if (result.error() != null) {
                cli.err().println("Error waiting for container: " + result.error());
                return 125;
            }
            return result.statusCode();
        } finally {
            if (pump != null) pump.close();
            if (rawMode != null) rawMode.close();
            cli.out().flush();
        }
    }

    private StdioPump startPump(HijackedStream attached, Terminal term, boolean stdin, DetachKeysFlag keys) {
        if (options.tty() && stdin && term.stdinIsTerminal()) rawMode = term.makeRaw();
        return StdioPump.start(attached, options.tty(), stdin ? cli.in() : null, keys.keys(), new StrictOutput(cli.out()), cli.err());
    }
}
