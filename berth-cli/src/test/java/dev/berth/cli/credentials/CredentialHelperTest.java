package dev.berth.cli.credentials;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helper protocol against a fake {@code docker-credential-*} script that keeps one file per
 * server; the script is run through an absolute program name made of the helper's name.
 */
class CredentialHelperTest {
    @TempDir Path dir;

    private String fakeHelper() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Path script = dir.resolve("docker-credential-fake");
        Files.writeString(script, """
                #!/bin/sh
                # get/store/erase as docker's helpers: request on stdin, answer on stdout
                set -e
                case "$1" in
                  store) body=$(cat); url=$(printf '%s' "$body" | sed 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/')
                         printf '%s' "$body" > "STORE/$(printf '%s' "$url" | tr '/:' '__')" ;;
                  get)   url=$(cat); f="STORE/$(printf '%s' "$url" | tr '/:' '__')"
                         if [ -f "$f" ]; then cat "$f"; else echo "credentials not found in native keychain"; exit 1; fi ;;
                  erase) url=$(cat); rm -f "STORE/$(printf '%s' "$url" | tr '/:' '__')" ;;
                  *) exit 2 ;;
                esac
                """.replace("STORE", store.toString()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    @Test
    void storeGetEraseSpeakTheHelperProtocol() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
        CredentialHelper h = CredentialHelper.atPath(fakeHelper());
        assertTrue(h.get("127.0.0.1:5000").isEmpty());
        h.store(new AuthEntry("127.0.0.1:5000", "alice", "s3cret"));
        AuthEntry got = h.get("127.0.0.1:5000").orElseThrow();
        assertEquals("alice", got.username());
        assertEquals("s3cret", got.secret());
        h.erase("127.0.0.1:5000");
        assertFalse(h.get("127.0.0.1:5000").isPresent());
    }

    @Test
    void credsStoreKeepsTheSecretOutOfConfigJson() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
        String exe = fakeHelper();
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"credsStore\":\"fake\"}");
        CredentialStores stores = new CredentialStores(AuthFile.load(config), name -> CredentialHelper.atPath(exe));
        assertFalse(stores.plainText("127.0.0.1:5000"));
        stores.store(new AuthEntry("127.0.0.1:5000", "alice", "s3cret"));
        String written = Files.readString(config);
        assertFalse(written.contains("auth\""), written);
        assertTrue(written.contains("127.0.0.1:5000"), written);
        CredentialStores reread = new CredentialStores(AuthFile.load(config), name -> CredentialHelper.atPath(exe));
        assertEquals("s3cret", reread.get("127.0.0.1:5000").orElseThrow().secret());
        assertTrue(reread.erase("127.0.0.1:5000"));
        assertTrue(new CredentialStores(AuthFile.load(config), name -> CredentialHelper.atPath(exe)).get("127.0.0.1:5000").isEmpty());
    }
}
