package dev.berth.cli.commands;

import dev.berth.cli.Cli;
import dev.berth.client.ApiException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one action per named container, as docker's stop/kill/rm/pause do: all at once, then
 * reports in argument order, the name on stdout for each success and
 * {@code Error response from daemon: ...} on stderr for each failure. Exit status 1 if any failed.
 */
public final class Batch {
    /** The action for one container. */
    @FunctionalInterface
    public interface Action {
        void apply(String container) throws IOException;
    }

    private Batch() {}

    public static int each(Cli cli, List<String> containers, Action action) throws Exception {
        List<String> failed = run(cli, containers, action, true, e -> true);
        return failed.isEmpty() ? 0 : 1;
    }

    /** Like {@link #each} but returns the names that failed; {@code echo} prints the successful names. */
    public static List<String> run(Cli cli, List<String> containers, Action action, boolean echo) throws Exception {
        return run(cli, containers, action, echo, e -> true);
    }

    /**
     * As {@link #run(Cli, List, Action, boolean)}; every failure is reported, but only those
     * {@code counts} accepts are returned (docker's {@code rm -f} does not fail on missing containers).
     */
    public static List<String> run(Cli cli, List<String> containers, Action action, boolean echo,
                                   java.util.function.Predicate<ApiException> counts) throws Exception {
        cli.client().ping();
        List<Future<Exception>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String c : containers) {
                results.add(pool.submit(() -> {
                    try {
                        action.apply(c);
                        return null;
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
        }
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            Exception e = results.get(i).get();
            if (e == null) {
                if (echo) cli.out().println(containers.get(i));
                continue;
            }
            cli.out().flush();
            if (e instanceof ApiException a) {
                cli.err().println("Error response from daemon: " + a.getMessage());
                if (!counts.test(a)) continue;
            } else if (e instanceof RuntimeException r) {
                throw r;
            } else {
                cli.err().println(e.getMessage());
            }
            failed.add(containers.get(i));
        }
        return failed;
    }
}
