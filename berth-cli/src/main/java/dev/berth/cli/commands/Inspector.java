package dev.berth.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.format.JsonIndent;
import dev.berth.cli.template.GoStruct;
import dev.berth.cli.template.NilMap;
import dev.berth.cli.template.Template;
import dev.berth.cli.template.TemplateException;
import dev.berth.client.ApiException;
import dev.berth.client.json.JsonNodes;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code inspect} and the {@code container}, {@code image}, {@code network} and {@code volume inspect} commands share: fetch each
 * object, then print them as one indented JSON array or, with {@code -f}, one template result per
 * line (templates run with {@code missingkey=error} on the JSON, as docker's do). Objects that are
 * not found, and templates that fail, are reported after the others; the exit status is then 1.
 */
public final class Inspector {
    /** The kinds of object inspect looks up, in the order docker probes them without --type. */
    public enum Kind { CONTAINER, IMAGE, NETWORK, VOLUME }

    /** Go's {@code volume.Volume}: templates fail on other names, and unset maps print {@code map[]} as Go's nil maps do. */
    private static final GoStruct.Type VOLUME = GoStruct.Type.of("volume.Volume", "ClusterVolume", "CreatedAt", "Driver", "Labels",
            "Mountpoint", "Name", "Options", "Scope", "Status", "UsageData");

    private Inspector() {}

    public static int run(Cli cli, List<String> names, Kind only, String format, boolean size) throws IOException {
        Template template = null;
        Template typed = null;
        if (format != null && !format.isEmpty() && !format.equals("json")) {
            try {
                typed = Template.parse(format.replace("\\t", "\t").replace("\\n", "\n"));
                template = typed.missingKeyError();
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
            // docker runs a volume's template on its Go struct (a missing map key prints <no value>),
            // the others on the raw JSON with missingkey=error; a failure is reported in turn with
            // the not-found errors, and what the failing template had written is dropped
            try {
                String line = only == Kind.VOLUME || probedKind(obj) == Kind.VOLUME ? typed.execute(volume(obj)) : template.execute(obj);
                lines.append(line).append('\n');
            } catch (TemplateException e) {
                errors.append("template parsing error: ").append(e.getMessage()).append('\n');
            }
        }
        // docker prints an empty line where no template produced anything
        if (template != null && lines.isEmpty()) lines.append('\n');
        // -f json is the array on one line
        String json = "json".equals(format) ? JsonNodes.string(found) : JsonIndent.indent(found);
        cli.out().print(template == null ? json + "\n" : lines.toString());
        cli.out().flush();
        cli.err().print(errors);
        return errors.isEmpty() ? 0 : 1;
    }

    /** A probe found a volume when the document has a volume's fields and no network's. */
    private static Kind probedKind(JsonNode obj) {
        return obj.has("Mountpoint") && obj.has("Driver") && !obj.has("Id") ? Kind.VOLUME : null;
    }

    /** A volume as the Go struct docker's template sees: missing maps nil, missing pointers nil. */
    private static GoStruct volume(JsonNode obj) {
        Map<String, Object> nested = new HashMap<>();
        for (String map : List.of("Labels", "Options", "Status")) {
            JsonNode v = obj.get(map);
            if (v == null || v.isNull()) nested.put(map, NilMap.INSTANCE);
        }
        for (String pointer : List.of("UsageData", "ClusterVolume")) {
            if (!obj.hasNonNull(pointer)) nested.put(pointer, null);
        }
        return new GoStruct((ObjectNode) obj, VOLUME, nested);
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
                case VOLUME -> cli.volumes().inspect(name);
            };
        } catch (ApiException e) {
            if (!e.isNotFound()) throw e;
            if (errors != null) errors.append("Error response from daemon: ").append(e.getMessage()).append('\n');
            return null;
        }
    }
}
