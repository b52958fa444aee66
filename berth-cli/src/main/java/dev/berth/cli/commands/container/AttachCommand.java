package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
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

import java.util.concurrent.Callable;

/** {@code berth attach}: local stdio to a running container until its output ends; exits with its status. */
@Command(name = "attach", description = "Attach local standard input, output, and error streams to a running container",
        customSynopsis = "[OPTIONS] CONTAINER")
public final class AttachCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Option(names = "--no-stdin", arity = "0..1", description = "Do not attach STDIN")
    boolean noStdin;

    @Option(names = "--sig-proxy", arity = "0..1", description = "Proxy all received signals to the process (default true)")
    boolean sigProxy = true;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    public AttachCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        DetachKeysFlag keys = DetachKeysFlag.resolve(cli, detachKeys);
        ContainerApi api = cli.containers();
        JsonNode c = api.inspect(container, false);
        JsonNode state = c.path("State");
        if (!state.path("Running").asBoolean()) throw new StatusException(1, "You cannot attach to a stopped container, start it first");
        if (state.path("Paused").asBoolean()) throw new StatusException(1, "You cannot attach to a paused container, unpause it first");
        String id = c.path("Id").asText();
        boolean tty = c.path("Config").path("Tty").asBoolean();
        boolean stdin = !noStdin && c.path("Config").path("OpenStdin").asBoolean();
        Terminal term = cli.terminal();
        if (tty && stdin && !term.stdinIsTerminal()) throw new StatusException(1, "the input device is not a TTY");
        try (PendingWait wait = api.waitFor(id, "next-exit")) {
            StdioPump pump = StdioPump.start(api.attach(id, new ContainerApi.AttachOptions(stdin, true, true, false, keys.spec())),
                    tty, stdin ? cli.in() : null, keys.keys(), new StrictOutput(cli.out()), cli.err());
            Terminal.RawMode raw = tty && stdin && term.stdinIsTerminal() ? term.makeRaw() : null;
            try {
                if (sigProxy && !tty) SignalProxy.forward(api, id);
                if (tty && term.stdoutIsTerminal()) TtySize.follow(term, null, (h, w) -> api.resize(id, h, w));
                pump.awaitOutput();
                if (pump.detached()) throw new StatusException(1, DetachKeysFlag.DETACHED);
            } finally {
                pump.close();
                if (raw != null) raw.close();
                cli.out().flush();
            }
            return wait.await().statusCode();
        }
    }
}
