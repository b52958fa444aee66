package dev.berth.cli.commands.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.BerthVersion;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.template.GoStruct;
import dev.berth.cli.template.Template;
import dev.berth.cli.template.TemplateException;
import dev.berth.client.DaemonUnreachableException;
import dev.berth.client.json.JsonNodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code berth version}: client and server versions in docker's layout, or through {@code --format}. */
@Command(name = "version", description = "Show the berth version information", customSynopsis = "[OPTIONS]")
public final class VersionCommand implements Callable<Integer> {
    // The Go structs docker's CLI formats (cli/command/system/version.go, api/types): --format
    // names their fields, and a name they lack fails the template. berth reports a JavaVersion
    // where docker reports a GoVersion.
    private static final GoStruct.Type CLIENT_VERSION = GoStruct.Type.of("system.clientVersion", "Platform", "Version",
            "APIVersion=ApiVersion", "DefaultAPIVersion", "GitCommit", "GoVersion", "JavaVersion", "Os", "Arch", "BuildTime", "Context");
    private static final GoStruct.Type SERVER_VERSION = GoStruct.Type.of("*types.Version", "Platform", "Components", "Version",
            "APIVersion=ApiVersion", "MinAPIVersion", "GitCommit", "GoVersion", "Os", "Arch", "KernelVersion", "Experimental", "BuildTime");
    private static final GoStruct.Type VERSION_INFO = GoStruct.Type.of("system.versionInfo", "Client", "Server");

    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--format"}, paramLabel = "string", description = "Format output using a custom template")
    String format;

    public VersionCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Template template = null;
        if (format != null && !format.isEmpty()) {
            try {
                template = Template.parse("version", format.equals("json") ? "{{json .}}" : format);
            } catch (TemplateException e) {
                throw new StatusException(64, "template parsing error: " + e.getMessage());
            }
        }
        ObjectNode client = JsonNodes.object();
        client.put("Version", BerthVersion.VERSION);
        JsonNode server = null;
        String serverError = null;
        try {
            client.put("ApiVersion", cli.client().version().toString());
            server = cli.system().version();
        } catch (DaemonUnreachableException e) {
            client.put("ApiVersion", dev.berth.dockerapi.ApiVersion.MAX.toString());
            serverError = e.getMessage();
        }
        client.put("DefaultAPIVersion", dev.berth.dockerapi.ApiVersion.MAX.toString());
        client.put("JavaVersion", Runtime.version().toString());
        client.put("Os", "linux");
        client.put("Arch", arch());
        client.put("Context", "default");
        if (template != null) {
            ObjectNode all = JsonNodes.object();
            all.set("Client", client);
            all.set("Server", server);
            Map<String, Object> parts = new java.util.HashMap<>();
            parts.put("Client", new GoStruct(client, CLIENT_VERSION));
            parts.put("Server", server instanceof ObjectNode o ? new GoStruct(o, SERVER_VERSION) : null);
            // As docker: what the template wrote before failing, a newline, then the error; with no
            // daemon .Server is nil and the connection error wins over the template's.
            StringBuilder out = new StringBuilder();
            TemplateException failed = null;
            try {
                template.executeInto(new GoStruct(all, VERSION_INFO, parts), out);
            } catch (TemplateException e) {
                failed = e;
            }
            cli.out().println(out);
            if (failed != null && serverError == null) throw new StatusException(1, failed.getMessage());
        } else {
            print(client, server);
        }
        if (serverError != null) {
            cli.out().flush();
            throw new StatusException(1, serverError);
        }
        return 0;
    }

    private void print(JsonNode client, JsonNode server) {
        StringBuilder sb = new StringBuilder();
        sb.append("Client:\n");
        line(sb, " Version:", client.path("Version").asText());
        line(sb, " API version:", client.path("ApiVersion").asText());
        line(sb, " Java version:", client.path("JavaVersion").asText());
        line(sb, " OS/Arch:", client.path("Os").asText() + "/" + client.path("Arch").asText());
        line(sb, " Context:", client.path("Context").asText());
        if (server != null) {
            sb.append("\nServer: ").append(server.path("Platform").path("Name").asText("")).append('\n');
            for (JsonNode c : server.path("Components")) {
                sb.append(' ').append(c.path("Name").asText()).append(":\n");
                JsonNode d = c.path("Details");
                if (c.path("Name").asText().equals("Engine")) {
                    line(sb, "  Version:", c.path("Version").asText());
                    line(sb, "  API version:", d.path("ApiVersion").asText() + " (minimum version " + d.path("MinAPIVersion").asText() + ")");
                    line(sb, "  Go version:", d.path("GoVersion").asText());
                    line(sb, "  Git commit:", d.path("GitCommit").asText());
                    line(sb, "  Built:", d.path("BuildTime").asText());
                    line(sb, "  OS/Arch:", d.path("Os").asText() + "/" + d.path("Arch").asText());
                    line(sb, "  Experimental:", d.path("Experimental").asText());
                } else {
                    line(sb, "  Version:", c.path("Version").asText());
                    for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        line(sb, "  " + e.getKey() + ":", e.getValue().asText());
                    }
                }
            }
        }
        cli.out().print(sb);
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(label).append(" ".repeat(Math.max(1, 20 - label.length()))).append(value).append('\n');
    }

    private static String arch() {
        String a = System.getProperty("os.arch", "amd64");
        return a.equals("x86_64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
    }
}
