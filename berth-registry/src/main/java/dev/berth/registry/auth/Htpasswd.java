package dev.berth.registry.auth;

import org.springframework.security.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users and bcrypt hashes from an Apache htpasswd file ({@code htpasswd -B}: {@code user:$2y$...}).
 * Only bcrypt entries are accepted, as distribution does; a file with other hash kinds is refused
 * at start-up rather than half-used.
 */
public final class Htpasswd {
    private final Map<String, String> hashes;
    /**
     * Clients send the password on every request and bcrypt is deliberately slow (~70 ms at cost
     * 10), so a successful check is remembered as a SHA-256 of user, password and hash; the
     * password itself is never kept.
     */
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    private Htpasswd(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    public static Htpasswd load(Path file) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int colon = l.indexOf(':');
            if (colon <= 0) throw new IOException(file + ":" + lineNo + ": not a user:hash line");
            String hash = l.substring(colon + 1);
            if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$.{53}")) {
                throw new IOException(file + ":" + lineNo + ": only bcrypt entries are supported (make them with htpasswd -B)");
            }
            hashes.put(l.substring(0, colon), hash);
        }
        return new Htpasswd(hashes);
    }

    public boolean verify(String user, String password) {
        String hash = hashes.get(user);
        if (hash == null) return false;
        String key = fingerprint(user, password, hash);
        if (verified.contains(key)) return true;
        boolean ok;
        try {
            ok = BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException malformed) {
            ok = false;
        }
        if (ok) verified.add(key);
        return ok;
    }

    private static String fingerprint(String user, String password, String hash) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {user, password, hash}) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
