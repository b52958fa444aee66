package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.format.Timestamps;
import dev.berth.cli.io.StrictOutput;
import dev.berth.client.Response;
import dev.berth.client.api.ContainerApi;
import dev.berth.client.stream.FrameDemuxer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneId;
import java.util.concurrent.Callable;

/** {@code berth logs}: inspects the container first, as the docker CLI does, to know whether the log is framed (no TTY) or raw. */
@Command(name = "logs", description = "Fetch the logs of a container", customSynopsis = "[OPTIONS] CONTAINER")
public final class LogsCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = "--details", arity = "0..1", description = "Show extra details provided to logs")
    boolean details;

    @Option(names = {"-f", "--follow"}, arity = "0..1", description = "Follow log output")
    boolean follow;

    @Option(names = "--since", paramLabel = "string", description = "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String since;

    @Option(names = {"-n", "--tail"}, paramLabel = "string", description = "Number of lines to show from the end of the logs (default \"all\")")
    String tail = "all";

    @Option(names = {"-t", "--timestamps"}, arity = "0..1", description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--until", paramLabel = "string", description = "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String until;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    public LogsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        ContainerApi api = cli.containers();
        JsonNode c = api.inspect(container, false);
        String sinceApi = time(since);
        String untilApi = time(until);
        boolean tty = c.path("Config").path("Tty").asBoolean();
        try (Response r = api.logs(c.path("Id").asText(), new ContainerApi.LogsOptions(follow, timestamps, tail, sinceApi, untilApi, details))) {
            StrictOutput out = new StrictOutput(cli.out());
            if (tty) {
                byte[] buf = new byte[32 * 1024];
                int n;
                while ((n = r.body().read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } else {
                FrameDemuxer.copy(r.body(), out, cli.err());
            }
        }
        cli.out().flush();
        return 0;
    }

    private String time(String value) {
        if (value == null || value.isEmpty()) return null;
        try {
            return Timestamps.toApi(value, cli.clock().instant(), ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new StatusException(1, e.getMessage());
        }
    }
}
