package dev.berth.cli.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker-credential-NAME} program, spoken to as the docker CLI does: the action as the
 * only argument ({@code get}, {@code store}, {@code erase}), the request on stdin (the server
 * address, or for store a JSON {@code {ServerURL, Username, Secret}}), the answer on stdout
 * ({@code {ServerURL, Username, Secret}} for get). A get of an unknown server prints
 * "credentials not found in native keychain" and exits non-zero: that is "no credentials".
 */
public final class CredentialHelper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_FOUND = "credentials not found in native keychain";
    private final String program;

    public CredentialHelper(String name) {
        this.program = "docker-credential-" + name;
    }

    private CredentialHelper(String program, boolean exact) {
        this.program = program;
    }

    /** A helper run by its path rather than found on PATH by name (tests, a fixed install). */
    static CredentialHelper atPath(String program) {
        return new CredentialHelper(program, true);
    }

    public String program() {
        return program;
    }

    public Optional<AuthEntry> get(String server) throws IOException {
        Result r = run("get", server.getBytes(StandardCharsets.UTF_8));
        if (r.code != 0) {
            if (r.out.contains(NOT_FOUND)) return Optional.empty();
            throw new IOException("error getting credentials - err: exit status " + r.code + ", out: `" + r.out.trim() + "`");
        }
        JsonNode n = JSON.readTree(r.out);
        AuthEntry e = new AuthEntry(server, n.path("Username").asText(""), n.path("Secret").asText(""));
        return e.isEmpty() ? Optional.empty() : Optional.of(e);
    }

    public void store(AuthEntry entry) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("ServerURL", entry.serverAddress(), "Username", entry.username(), "Secret", entry.secret()));
        Result r = run("store", body);
        if (r.code != 0) throw new IOException("error storing credentials - err: exit status " + r.code + ", out: `" + r.out.trim() + "`");
    }

    public void erase(String server) throws IOException {
        Result r = run("erase", server.getBytes(StandardCharsets.UTF_8));
        if (r.code != 0 && !r.out.contains(NOT_FOUND)) {
            throw new IOException("error erasing credentials - err: exit status " + r.code + ", out: `" + r.out.trim() + "`");
        }
    }

    private record Result(int code, String out) {}

    private Result run(String action, byte[] input) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(program, action).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("error getting credentials - err: exec: \"" + program + "\": executable file not found in $PATH, out: ``", e);
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(input);
        }
        String out;
        try (InputStream o = p.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(program + " " + action + " did not finish in 30s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), out);
    }
}
