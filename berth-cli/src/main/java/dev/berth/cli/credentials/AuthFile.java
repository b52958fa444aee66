package dev.berth.cli.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;

/**
 * config.json as a document: every field berth does not know is kept as it was, since the
 * docker CLI owns the same file. Credentials live in {@code auths: {SERVER: {auth: base64(user:pass)}}}
 * when no helper holds them. Written atomically (temp file, rename) with mode 0600, as docker does.
 */
public final class AuthFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;
    private final ObjectNode root;

    private AuthFile(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    public static AuthFile load(Path file) throws IOException {
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            return new AuthFile(file, n instanceof ObjectNode o ? o : JSON.createObjectNode());
        } catch (NoSuchFileException absent) {
            return new AuthFile(file, JSON.createObjectNode());
        }
    }

    public Path file() {
        return file;
    }

    /** {@code credsStore}: the helper for every registry without a {@code credHelpers} entry. */
    public Optional<String> credsStore() {
        String s = root.path("credsStore").asText("");
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The helper {@code credHelpers} names for {@code server}, matched by host name. */
    public Optional<String> credHelper(String server) {
        JsonNode helpers = root.path("credHelpers");
        for (Iterator<String> it = helpers.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (ServerAddresses.hostname(k).equals(ServerAddresses.hostname(server))) return Optional.of(helpers.get(k).asText());
        }
        return Optional.empty();
    }

    /** The {@code auths} entry for {@code server} (exact key first, then by host name). */
    public Optional<AuthEntry> get(String server) {
        JsonNode auths = root.path("auths");
        String key = auths.has(server) ? server : null;
        for (Iterator<String> it = auths.fieldNames(); key == null && it.hasNext(); ) {
            String k = it.next();
            if (ServerAddresses.hostname(k).equals(ServerAddresses.hostname(server))) key = k;
        }
        if (key == null) return Optional.empty();
        JsonNode e = auths.get(key);
        String auth = e.path("auth").asText("");
        if (auth.isEmpty()) {
            return Optional.of(new AuthEntry(server, e.path("username").asText(""), e.path("password").asText("")));
        }
        String pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) return Optional.empty();
        return Optional.of(new AuthEntry(server, pair.substring(0, colon), pair.substring(colon + 1)));
    }

    /** Stores {@code entry} in {@code auths}; with {@code secret} null, only the (empty) key, as docker leaves it when a helper holds the secret. */
    public void put(AuthEntry entry, boolean withSecret) {
        ObjectNode auths = root.has("auths") && root.get("auths").isObject() ? (ObjectNode) root.get("auths") : root.putObject("auths");
        ObjectNode e = auths.putObject(entry.serverAddress());
        if (withSecret) e.put("auth", encode(entry.username(), entry.secret()));
    }

    /** Removes {@code server}'s entries from {@code auths}; true when there was one. */
    public boolean remove(String server) {
        if (!(root.get("auths") instanceof ObjectNode auths)) return false;
        boolean removed = false;
        for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals(server) || ServerAddresses.hostname(k).equals(ServerAddresses.hostname(server))) {
                it.remove();
                removed = true;
            }
        }
        return removed;
    }

    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".config.json", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root)).getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** base64 of {@code user:password}, the {@code auth} field. */
    public static String encode(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
