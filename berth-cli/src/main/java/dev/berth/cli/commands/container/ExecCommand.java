package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.io.StdioPump;
import dev.berth.cli.io.StrictOutput;
import dev.berth.cli.io.Terminal;
import dev.berth.cli.run.ConfigException;
import dev.berth.cli.run.ContainerOptions;
import dev.berth.cli.run.ExecBody;
import dev.berth.client.api.ExecApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code berth exec}: create the exec, start it on a hijacked connection (or detached with
 * {@code -d}), stream until the output ends, then exit with the exec's exit code from
 * {@code GET /exec/{id}/json}.
 */
@Command(name = "exec", description = "Execute a command in a running container", customSynopsis = "[OPTIONS] CONTAINER COMMAND [ARG...]")
public final class ExecCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-d", "--detach"}, arity = "0..1", description = "Detached mode: run command in the background")
    boolean detach;

    @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Option(names = {"-e", "--env"}, paramLabel = "list", converter = ContainerOptions.EnvName.class, description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "list", description = "Read in a file of environment variables")
    List<String> envFiles = new ArrayList<>();

    @Option(names = {"-i", "--interactive"}, arity = "0..1", description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = "--privileged", arity = "0..1", description = "Give extended privileges to the command")
    boolean privileged;

    @Option(names = {"-t", "--tty"}, arity = "0..1", description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = {"-u", "--user"}, paramLabel = "string", description = "Username or UID (format: \"<name|uid>[:<group|gid>]\")")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "string", description = "Working directory inside the container")
    String workdir;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    public ExecCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        DetachKeysFlag keys = DetachKeysFlag.resolve(cli, detachKeys);
        Terminal term = cli.terminal();
        boolean stdin = interactive && !detach;
        if (tty && stdin && !term.stdinIsTerminal()) throw new StatusException(1, "the input device is not a TTY");
        int[] console = tty && !detach && term.stdoutIsTerminal() ? term.size() : null;
        JsonNode body;
        try {
            body = ExecBody.build(new ExecBody.Flags(user, privileged, tty, interactive, detach, keys.spec(), env, envFiles, workdir),
                    command, console, cli.env());
        } catch (ConfigException e) {
            throw RunErrors.withHelp("exec", e.getMessage(), 125);
        }
        ExecApi execs = cli.execs();
        String id = execs.create(container, body);
        if (detach) {
            execs.startDetached(id);
            return 0;
        }
        StdioPump pump = StdioPump.start(execs.startAttached(id, tty, console), tty, stdin ? cli.in() : null, keys.keys(),
                new StrictOutput(cli.out()), cli.err());
        Terminal.RawMode raw = tty && stdin && term.stdinIsTerminal() ? term.makeRaw() : null;
        try {
            if (tty && term.stdoutIsTerminal()) TtySize.follow(term, console, (h, w) -> execs.resize(id, h, w));
            pump.awaitOutput();
            if (pump.detached()) throw new StatusException(1, DetachKeysFlag.DETACHED);
        } finally {
            pump.close();
            if (raw != null) raw.close();
            cli.out().flush();
        }
        JsonNode inspect = execs.inspect(id);
        return inspect.path("ExitCode").asInt(0);
    }
}
