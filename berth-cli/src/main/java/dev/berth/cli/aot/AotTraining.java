package dev.berth.cli.aot;

import dev.berth.cli.Cli;
import dev.berth.cli.Main;
import dev.berth.cli.io.Terminal;
import dev.berth.cli.template.Template;
import dev.berth.cli.view.ContainerRow;
import dev.berth.cli.view.Listing;
import dev.berth.client.json.JsonNodes;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The training run for the JDK's AOT cache ({@code -XX:AOTCacheOutput}, made by bin/berth on
 * first use): exercises start-up, the command tree, help, flag errors, the client's connect path
 * (against a socket nobody listens on), JSON, templates and tables, so the classes every command
 * needs are loaded and linked ahead of time. Prints nothing.
 */
public final class AotTraining {
    private static final List<List<String>> COMMANDS = List.of(
            List.of("--version"), List.of("--help"), List.of("run", "--help"), List.of("ps", "--help"),
            List.of("ps"), List.of("ps", "-a", "--format", "{{json .}}"), List.of("images"), List.of("version"),
            List.of("run", "--rm", "-e", "A=1", "-m", "6m", "busybox", "true"), List.of("exec", "x", "true"),
            List.of("logs", "x"), List.of("inspect", "-f", "{{.State.Status}}", "x"), List.of("stop", "x"), List.of("rm", "-f", "x"),
            List.of("run", "--foo"), List.of("logs"));

    private AotTraining() {}

    public static void main(String[] args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Terminal none = Terminal.none();
        for (List<String> c : COMMANDS) {
            Cli cli = new Cli(sink, sink, new ByteArrayInputStream(new byte[0]), Map.of("BERTH_HOST", "unix:///nonexistent/berth-aot.sock"),
                    Clock.systemUTC(), none);
            Main.run(cli, c.toArray(String[]::new));
        }
        String summary = "[{\"Id\":\"" + "ab".repeat(32) + "\",\"Names\":[\"/x\"],\"Image\":\"busybox\",\"Command\":\"sleep 1\",\"Created\":1,"
                + "\"Ports\":[{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"}],\"Labels\":{},\"State\":\"running\",\"Status\":\"Up\"}]";
        var rows = new java.util.ArrayList<ContainerRow>();
        JsonNodes.parse(summary.getBytes(StandardCharsets.UTF_8)).forEach(n -> rows.add(new ContainerRow(n, true, Clock.systemUTC().instant(), ZoneId::systemDefault)));
        sink.print(Listing.render(ContainerRow.DEFAULT_TABLE, ContainerRow.HEADERS, rows));
        sink.print(Template.parse("{{range .}}{{.Id}} {{json .Labels}}{{end}}").execute(JsonNodes.parse(summary.getBytes(StandardCharsets.UTF_8))));
        // every command ends in System.exit, which sets up the JDK's logger: record that too
        System.exit(0);
    }
}
