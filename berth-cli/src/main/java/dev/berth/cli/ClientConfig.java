package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.json.JsonNodes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The settings berth takes from the docker CLI's configuration file, {@code config.json} in
 * {@code $DOCKER_CONFIG} or else {@code ~/.docker}, so that one file serves both CLIs. Only
 * {@code detachKeys} is read for now. As the docker CLI, an unreadable file is a warning and
 * the defaults apply.
 *
 * @param detachKeys the key sequence that detaches from a TTY session, or "" for the default
 */
public record ClientConfig(String detachKeys) {
    public static final ClientConfig DEFAULTS = new ClientConfig("");

    public static Path file(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir == null || dir.isEmpty()) dir = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker").toString();
        return Path.of(dir, "config.json");
    }

    public static ClientConfig load(Map<String, String> env, PrintStream warnings) {
        Path file = file(env);
        try {
            JsonNode n = JsonNodes.parse(Files.readAllBytes(file));
            return new ClientConfig(n.path("detachKeys").asText(""));
        } catch (NoSuchFileException absent) {
            return DEFAULTS;
        } catch (IOException | IllegalArgumentException e) {
            warnings.println("WARNING: Error loading config file: " + file + ": " + e.getMessage());
            return DEFAULTS;
        }
    }
}
