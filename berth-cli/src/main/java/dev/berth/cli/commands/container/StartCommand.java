package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.Batch;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.io.SignalProxy;
import dev.berth.cli.io.StdioPump;
import dev.berth.cli.io.StrictOutput;
import dev.berth.cli.io.Terminal;
import dev.berth.client.api.ContainerApi;
import dev.berth.client.api.PendingWait;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code berth start}: without {@code -a}/{@code -i} starts each container and prints its name;
 * with them attaches to one container first (as run does) and exits with its status.
 */
@Command(name = "start", description = "Start one or more stopped containers", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]")
public final class StartCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--attach"}, arity = "0..1", description = "Attach STDOUT/STDERR and forward signals")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, arity = "0..1", description = "Attach container's STDIN")
    boolean interactive;

    @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    public StartCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (attach || interactive) {
            if (containers.size() > 1) throw new StatusException(1, "you cannot start and attach multiple containers at once");
            return startAttached(containers.getFirst());
        }
        List<String> failed;
        try {
            failed = Batch.run(cli, containers, c -> cli.containers().start(c), true);
        } catch (dev.berth.client.DaemonUnreachableException e) {
            cli.err().println(e.getMessage());
            failed = containers;
        }
        if (failed.isEmpty()) return 0;
        cli.err().println("Error: failed to start containers: " + String.join(", ", failed));
        return 1;
    }

    private int startAttached(String name) throws IOException {
        DetachKeysFlag keys = DetachKeysFlag.resolve(cli, detachKeys);
        ContainerApi api = cli.containers();
        JsonNode c = api.inspect(name, false);
        String id = c.path("Id").asText();
        boolean tty = c.path("Config").path("Tty").asBoolean();
        boolean stdin = interactive && c.path("Config").path("OpenStdin").asBoolean();
        Terminal term = cli.terminal();
        if (tty && stdin && !term.stdinIsTerminal()) throw new StatusException(1, "the input device is not a TTY");
        StdioPump pump = StdioPump.start(api.attach(id, new ContainerApi.AttachOptions(stdin, true, true, false, keys.spec())),
                tty, stdin ? cli.in() : null, keys.keys(), new StrictOutput(cli.out()), cli.err());
        Terminal.RawMode raw = tty && stdin && term.stdinIsTerminal() ? term.makeRaw() : null;
        boolean autoRemove = c.path("HostConfig").path("AutoRemove").asBoolean();
        try (PendingWait wait = api.waitFor(id, autoRemove ? "removed" : "next-exit")) {
            api.start(id);
            if (!tty) SignalProxy.forward(api, id);
            if (tty && term.stdoutIsTerminal()) TtySize.follow(term, null, (h, w) -> api.resize(id, h, w));
            pump.awaitOutput();
            if (pump.detached()) return 0; // as docker: detaching is no error, and the container runs on
            return wait.await().statusCode();
        } finally {
            pump.close();
            if (raw != null) raw.close();
            cli.out().flush();
        }
    }
}
