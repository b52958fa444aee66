package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.view.Listing;
import dev.berth.cli.view.StatsRow;
import dev.berth.client.ApiException;
import dev.berth.client.Response;
import dev.berth.client.api.FilterArgs;
import dev.berth.client.stream.JsonStream;
import dev.berth.client.json.JsonNodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code berth stats}: with {@code --no-stream} one sample per container (the daemon samples twice,
 * a second apart, for the CPU figure); otherwise one stats stream per container and the table
 * redrawn in place twice a second ({@code ESC[H}, each line ending {@code ESC[K}, then {@code ESC[J}).
 */
@Command(name = "stats", description = "Display a live stream of container(s) resource usage statistics", customSynopsis = "[OPTIONS] [CONTAINER...]")
public final class StatsCommand implements java.util.concurrent.Callable<Integer> {
    private static final long REDRAW_MS = 500;
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--all"}, arity = "0..1", description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = "--format", paramLabel = "string", description = Listing.FORMAT_HELP)
    String format;

    @Option(names = "--no-stream", arity = "0..1", description = "Disable streaming stats and only pull the first result")
    boolean noStream;

    @Option(names = "--no-trunc", arity = "0..1", description = "Do not truncate output")
    boolean noTrunc;

    @Parameters(arity = "0..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    public StatsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        List<String> names = new ArrayList<>(containers);
        if (names.isEmpty()) {
            for (JsonNode c : cli.containers().list(all, 0, false, FilterArgs.none())) names.add(c.path("Id").asText().substring(0, 12));
        }
        String fmt = Listing.choose(format, false, "", StatsRow.DEFAULT_TABLE);
        return noStream ? once(names, fmt) : stream(names, fmt, containers.isEmpty());
    }

    private int once(List<String> names, String fmt) throws Exception {
        List<Future<JsonNode>> docs = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String n : names) {
                docs.add(pool.submit(() -> {
                    try (Response r = cli.containers().stats(n, false)) {
                        return JsonNodes.parse(r.body().readAllBytes());
                    }
                }));
            }
        }
        List<StatsRow> rows = new ArrayList<>();
        int status = 0;
        for (int i = 0; i < names.size(); i++) {
            try {
                rows.add(StatsRow.of(names.get(i), docs.get(i).get(), !noTrunc));
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof ApiException a)) throw e;
                cli.err().println("Error response from daemon: " + a.getMessage());
                status = 1;
            }
        }
        if (!rows.isEmpty() || status == 0) cli.out().print(Listing.render(fmt, StatsRow.HEADERS, rows, Listing.Errors.CONTAINERS));
        return status;
    }

    /**
     * Redraws the table every {@link #REDRAW_MS}. Without named containers the set follows the daemon,
     * as docker's does: containers that start are added, those that stop (without -a) or go away are
     * dropped; the list is fetched again on each redraw.
     */
    private int stream(List<String> initial, String fmt, boolean followDaemon) throws Exception {
        Map<String, StatsRow> latest = new ConcurrentHashMap<>();
        List<String> names = new ArrayList<>();
        java.util.function.Consumer<String> watch = n -> {
            names.add(n);
            Thread t = new Thread(() -> follow(n, latest), "stats-" + n);
            t.setDaemon(true);
            t.start();
        };
        initial.forEach(watch);
        while (true) {
            Thread.sleep(REDRAW_MS);
            if (followDaemon) {
                List<String> now = new ArrayList<>();
                for (JsonNode c : cli.containers().list(all, 0, false, FilterArgs.none())) now.add(c.path("Id").asText().substring(0, 12));
                names.removeIf(n -> {
                    if (now.contains(n)) return false;
                    latest.remove(n);
                    return true;
                });
                for (String n : now) if (!names.contains(n)) watch.accept(n);
            }
            List<StatsRow> rows = new ArrayList<>();
            for (String n : names) {
                StatsRow r = latest.get(n);
                if (r != null) rows.add(r);
            }
            StringBuilder screen = new StringBuilder("\033[H");
            for (String line : Listing.render(fmt, StatsRow.HEADERS, rows, Listing.Errors.CONTAINERS).split("\n", -1)) {
                if (!line.isEmpty()) screen.append(line).append("\033[K\n");
            }
            screen.append("\033[J");
            cli.out().print(screen);
            cli.out().flush();
            if (cli.out().checkError()) throw new dev.berth.cli.io.StrictOutput.ClosedException();
        }
    }

    private void follow(String name, Map<String, StatsRow> latest) {
        try (Response r = cli.containers().stats(name, true); JsonStream docs = new JsonStream(r.body())) {
            JsonNode d;
            while ((d = docs.next()) != null) latest.put(name, StatsRow.of(name, d, !noTrunc));
        } catch (Exception e) {
            // the container went away: its last row stays, as in docker
        }
    }
}
