package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.format.TabWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth top}: the daemon's ps output for the container, in a tab-aligned table (minimum column width 20). */
@Command(name = "top", description = "Display the running processes of a container", customSynopsis = "CONTAINER [ps OPTIONS]")
public final class TopCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ps OPTIONS")
    List<String> psArgs = new ArrayList<>();

    public TopCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode top = cli.containers().top(container, psArgs.isEmpty() ? null : String.join(" ", psArgs));
        TabWriter w = new TabWriter(20, 3);
        List<String> titles = new ArrayList<>();
        top.path("Titles").forEach(t -> titles.add(t.asText()));
        w.write(String.join("\t", titles)).write("\n");
        for (JsonNode p : top.path("Processes")) {
            List<String> cells = new ArrayList<>();
            p.forEach(x -> cells.add(x.asText()));
            w.write(String.join("\t", cells)).write("\n");
        }
        cli.out().print(w.flush());
        return 0;
    }
}
