package dev.berth.cli.commands.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.format.Timestamps;
import dev.berth.cli.io.StrictOutput;
import dev.berth.cli.template.Template;
import dev.berth.cli.template.TemplateException;
import dev.berth.client.Response;
import dev.berth.client.api.FilterArgs;
import dev.berth.client.stream.JsonStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code berth events}: one line per event, {@code <time> <type> <action> <actor id> (k=v, ...)}
 * with the time in local RFC 3339 (nanoseconds) and attributes sorted, or {@code --format}.
 */
@Command(name = "events", description = "Get real time events from the server", customSynopsis = "[OPTIONS]")
public final class EventsCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = "Format output using a custom template")
    String format;

    @Option(names = "--since", paramLabel = "string", description = "Show all events created since timestamp")
    String since;

    @Option(names = "--until", paramLabel = "string", description = "Stream events until this timestamp")
    String until;

    public EventsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Template template = null;
        if (format != null && !format.isEmpty()) {
            try {
                template = Template.parse(format.equals("json") ? "{{json .}}" : format.replace("\\t", "\t").replace("\\n", "\n"));
            } catch (TemplateException e) {
                throw new StatusException(1, "template parsing error: " + e.getMessage());
            }
        }
        ZoneId zone = ZoneId.systemDefault();
        String s;
        String u;
        FilterArgs f;
        try {
            s = since == null ? null : Timestamps.toApi(since, cli.clock().instant(), zone);
            u = until == null ? null : Timestamps.toApi(until, cli.clock().instant(), zone);
            f = FilterArgs.parse(filters);
        } catch (IllegalArgumentException e) {
            throw new StatusException(1, e.getMessage());
        }
        try (Response r = cli.system().events(s, u, f); JsonStream events = new JsonStream(r.body())) {
            JsonNode e;
            while ((e = events.next()) != null) {
                try {
                    cli.out().println(template != null ? template.execute(e) : line(e, zone));
                } catch (TemplateException ex) {
                    throw new StatusException(1, "template parsing error: " + ex.getMessage());
                }
                cli.out().flush();
                if (cli.out().checkError()) throw new StrictOutput.ClosedException();
            }
        }
        return 0;
    }

    static String line(JsonNode e, ZoneId zone) {
        long nanos = e.path("timeNano").asLong(e.path("time").asLong() * 1_000_000_000L);
        Instant t = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        StringBuilder sb = new StringBuilder(Timestamps.rfc3339Nano(t, zone));
        sb.append(' ').append(e.path("Type").asText()).append(' ').append(e.path("Action").asText()).append(' ')
                .append(e.path("Actor").path("ID").asText());
        TreeMap<String, String> attrs = new TreeMap<>();
        e.path("Actor").path("Attributes").fields().forEachRemaining(a -> attrs.put(a.getKey(), a.getValue().asText()));
        if (!attrs.isEmpty()) {
            List<String> kv = new ArrayList<>();
            attrs.forEach((k, v) -> kv.add(k + "=" + v));
            sb.append(" (").append(String.join(", ", kv)).append(')');
        }
        return sb.toString();
    }
}
