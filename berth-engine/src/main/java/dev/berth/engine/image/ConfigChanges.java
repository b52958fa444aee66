package dev.berth.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Dockerfile instructions {@code docker commit --change} accepts (dockerd's
 * BuildFromConfig: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME,
 * WORKDIR), applied to a container config in Docker's JSON shape ({@code Cmd}, {@code Env}...).
 */
public final class ConfigChanges {
    private static final Set<String> NOT_UNDER_ONBUILD = Set.of("ONBUILD", "FROM", "MAINTAINER");

    private ConfigChanges() {}

    /** Applies {@code changes} in order to {@code config}, which is changed in place and returned. */
    public static ObjectNode apply(ObjectNode config, List<String> changes) {
        // as a Dockerfile: ENTRYPOINT drops an inherited CMD unless this same change list set one
        boolean cmdSet = false;
        for (String line : changes) {
            String t = line.trim();
            if (t.isEmpty()) continue;
            int sp = indexOfSpace(t);
            String op = (sp < 0 ? t : t.substring(0, sp)).toUpperCase(Locale.ROOT);
            String arg = sp < 0 ? "" : t.substring(sp + 1).trim();
            switch (op) {
                case "CMD" -> {
                    config.set("Cmd", strings(commandForm(op, arg)));
                    cmdSet = true;
                }
                case "ENTRYPOINT" -> {
                    config.set("Entrypoint", strings(commandForm(op, arg)));
                    if (!cmdSet) config.putNull("Cmd");
                }
                case "ENV" -> pairs(op, arg).forEach(kv -> setEnv(config, kv[0], kv[1]));
                case "LABEL" -> pairs(op, arg).forEach(kv -> object(config, "Labels").put(kv[0], kv[1]));
                case "EXPOSE" -> {
                    for (String p : words(op, arg)) object(config, "ExposedPorts").putObject(p.contains("/") ? p.toLowerCase(Locale.ROOT) : p + "/tcp");
                }
                case "VOLUME" -> {
                    List<String> vols = arg.startsWith("[") ? jsonArray(op, arg) : words(op, arg);
                    for (String v : vols) object(config, "Volumes").putObject(v);
                }
                case "USER" -> config.put("User", required(op, arg));
                case "STOPSIGNAL" -> config.put("StopSignal", required(op, arg));
                case "WORKDIR" -> config.put("WorkingDir", workdir(config.path("WorkingDir").asText(""), required(op, arg)));
                case "ONBUILD" -> {
                    String trigger = required(op, arg);
                    int ts = indexOfSpace(trigger);
                    String inner = (ts < 0 ? trigger : trigger.substring(0, ts)).toUpperCase(Locale.ROOT);
                    if (inner.equals("ONBUILD")) throw new BerthException.InvalidArgument("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                    if (NOT_UNDER_ONBUILD.contains(inner)) throw new BerthException.InvalidArgument(inner + " isn't allowed as an ONBUILD trigger");
                    ArrayNode onbuild = config.path("OnBuild").isArray() ? (ArrayNode) config.get("OnBuild") : config.putArray("OnBuild");
                    onbuild.add(trigger);
                }
                default -> throw new BerthException.InvalidArgument(op + " is not a valid change command");
            }
        }
        return config;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    private static String required(String op, String arg) {
        if (arg.isEmpty()) throw new BerthException.InvalidArgument(op + " requires exactly one argument");
        return arg;
    }

    private static List<String> words(String op, String arg) {
        List<String> w = List.of(required(op, arg).split("\\s+"));
        return w.stream().map(ConfigChanges::unquote).toList();
    }

    private static ObjectNode object(ObjectNode config, String field) {
        JsonNode n = config.get(field);
        return n instanceof ObjectNode o ? o : config.putObject(field);
    }

    private static void setEnv(ObjectNode config, String key, String value) {
        ArrayNode env = config.path("Env").isArray() ? (ArrayNode) config.get("Env") : config.putArray("Env");
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).asText().split("=", 2)[0].equals(key)) {
                env.set(i, key + "=" + value);
                return;
            }
        }
        env.add(key + "=" + value);
    }

    /** {@code K=V K2="V 2"} or the legacy {@code K V with spaces}. */
    private static List<String[]> pairs(String op, String arg) {
        required(op, arg);
        List<String[]> out = new ArrayList<>();
        int eq = arg.indexOf('=');
        int sp = indexOfSpace(arg);
        if (eq < 0 || (sp >= 0 && sp < eq)) {
            if (sp < 0) throw new BerthException.InvalidArgument(op + " must have two arguments");
            out.add(new String[]{arg.substring(0, sp), arg.substring(sp + 1).trim()});
            return out;
        }
        for (String word : shellWords(arg)) {
            int i = word.indexOf('=');
            if (i <= 0) throw new BerthException.InvalidArgument("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
            out.add(new String[]{word.substring(0, i), word.substring(i + 1)});
        }
        return out;
    }

    /** Splits on unquoted whitespace, removing the quotes and backslash escapes. */
    private static List<String> shellWords(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < s.length()) cur.append(s.charAt(++i));
                else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(cur.toString());
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'")) ? s.substring(1, s.length() - 1) : s;
    }

    private static String workdir(String current, String next) {
        if (next.startsWith("/") || current.isEmpty()) return java.nio.file.Path.of("/").resolve(next).normalize().toString();
        return java.nio.file.Path.of(current).resolve(next).normalize().toString();
    }

    private static List<String> commandForm(String op, String arg) {
        required(op, arg);
        return arg.startsWith("[") ? jsonArray(op, arg) : List.of("/bin/sh", "-c", arg);
    }

    private static List<String> jsonArray(String op, String arg) {
        try {
            return List.of(Json.MAPPER.readValue(arg, String[].class));
        } catch (java.io.IOException e) {
            // Docker falls back to the shell form when the JSON does not parse
            return op.equals("VOLUME") ? List.of(arg) : List.of("/bin/sh", "-c", arg);
        }
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
