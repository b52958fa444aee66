package dev.berth.cli.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthFileTest {
    @TempDir Path dir;

    @Test
    void storesDockersAuthFieldAndKeepsWhatItDoesNotKnow() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"detachKeys\":\"ctrl-x\",\"auths\":{\"other:5000\":{\"auth\":\"eDp5\"}}}");
        AuthFile f = AuthFile.load(file);
        f.put(new AuthEntry("127.0.0.1:5000", "alice", "s3:cret"), true);
        f.save();
        String written = Files.readString(file);
        assertTrue(written.contains("\"detachKeys\" : \"ctrl-x\""), written);
        assertTrue(written.contains(Base64.getEncoder().encodeToString("alice:s3:cret".getBytes(StandardCharsets.UTF_8))), written);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        AuthEntry back = AuthFile.load(file).get("http://127.0.0.1:5000/v2/").orElseThrow();
        assertEquals("alice", back.username());
        assertEquals("s3:cret", back.secret());
        assertEquals("x", AuthFile.load(file).get("other:5000").orElseThrow().username());
    }

    @Test
    void removeForgetsEveryFormOfTheServer() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"auths\":{\"https://127.0.0.1:5000\":{\"auth\":\"eDp5\"},\"keep:1\":{}}}");
        AuthFile f = AuthFile.load(file);
        assertTrue(f.remove("127.0.0.1:5000"));
        assertFalse(f.remove("127.0.0.1:5000"));
        assertTrue(f.get("keep:1").isPresent());
    }

    @Test
    void serverKeysAreDockers() {
        assertEquals(ServerAddresses.DOCKER_HUB, ServerAddresses.key(null));
        assertEquals(ServerAddresses.DOCKER_HUB, ServerAddresses.key("docker.io"));
        assertEquals("127.0.0.1:5000", ServerAddresses.key("http://127.0.0.1:5000/v2/"));
    }

    @Test
    void registryAuthHeaderIsBase64UrlJson() {
        assertEquals("e30=", RegistryAuthHeader.encode(null));
        String h = RegistryAuthHeader.encode(new AuthEntry("127.0.0.1:5099", "spyuser", "spypass"));
        // the header the docker CLI sent in the push capture
        assertEquals("eyJ1c2VybmFtZSI6InNweXVzZXIiLCJwYXNzd29yZCI6InNweXBhc3MiLCJzZXJ2ZXJhZGRyZXNzIjoiMTI3LjAuMC4xOjUwOTkifQ==", h);
    }
}
