package dev.berth.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.format.JsonIndent;
import dev.berth.cli.template.Template;
import dev.berth.cli.template.TemplateException;
import dev.berth.client.ApiException;
import dev.berth.client.json.JsonNodes;

import java.io.IOException;
import java.util.List;

/**
 * What {@code inspect} and the {@code container}, {@code image} and {@code network inspect} commands share: fetch each
 * object, then print them as one indented JSON array or, with {@code -f}, one template result per
 * line (templates run with {@code missingkey=error}, as docker's do). Objects that are not found
 * are reported after the others; the exit status is then 1.
 */
public final class Inspector {
    /** The kinds of object inspect looks up, in the order docker probes them without --type. */
    public enum Kind { CONTAINER, IMAGE, NETWORK }

    private Inspector() {}

    public static int run(Cli cli, List<String> names, Kind only, String format, boolean size) throws IOException {
        Template template = null;
        if (format != null && !format.isEmpty() && !format.equals("json")) {
            try {
                template = Template.parse(format.replace("\\t", "\t").replace("\\n", "\n")).missingKeyError();
            } catch (TemplateException e) {
                throw new StatusException(64, "template parsing error: " + e.getMessage());
            }
        }
        ArrayNode found = JsonNodes.array();
        StringBuilder lines = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        for (String name : names) {
            JsonNode obj;
            try {
                obj = only == null ? probe(cli, name, size) : fetch(cli, name, only, size, errors);
            } catch (dev.berth.client.DaemonUnreachableException e) {
                if (template == null) cli.out().println("[]");
                throw e;
            }
            if (obj == null) {
                if (only == null) errors.append("Error: No such object: ").append(name).append('\n');
                continue;
            }
            if (template == null) {
                found.add(obj);
                continue;
            }
            try {
                lines.append(template.execute(obj)).append('\n');
            } catch (TemplateException e) {
                cli.out().print(lines);
                throw new StatusException(1, "template parsing error: " + e.getMessage());
            }
        }
        cli.out().print(template == null ? JsonIndent.indent(found) + "\n" : lines.toString());
        cli.out().flush();
        cli.err().print(errors);
        return errors.isEmpty() ? 0 : 1;
    }

    private static JsonNode probe(Cli cli, String name, boolean size) throws IOException {
        for (Kind k : Kind.values()) {
            JsonNode n = fetch(cli, name, k, size, null);
            if (n != null) return n;
        }
        return null;
    }

    /** The object, or null if the daemon has none (the error is recorded when {@code errors} is given). */
    private static JsonNode fetch(Cli cli, String name, Kind kind, boolean size, StringBuilder errors) throws IOException {
        try {
            return switch (kind) {
                case CONTAINER -> cli.containers().inspect(name, size);
                case IMAGE -> cli.images().inspect(name);
                case NETWORK -> cli.networks().inspect(name);
            };
        } catch (ApiException e) {
            if (!e.isNotFound()) throw e;
            if (errors != null) errors.append("Error response from daemon: ").append(e.getMessage()).append('\n');
            return null;
        }
    }
}
