package dev.berth.registry.handlers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import static dev.berth.registry.handlers.RegistryFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthTest {
    /** Made by {@code htpasswd -nbB alice s3cret} (Apache's own tool, bcrypt $2y$). */
    static final String ALICE = "alice:$2y$05$m3BRoVmh1ZomQUUGQL8d9u3ITWtz1H3Yet33VrMvR8CjFqD3uawmq";

    private Path htpasswd;
    private RegistryFixture registry;

    @BeforeEach
    void start() throws Exception {
        htpasswd = Files.createTempFile("htpasswd", "");
        Files.writeString(htpasswd, "# users\n" + ALICE + "\n");
        registry = RegistryFixture.start(Optional.of(htpasswd), Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
        Files.deleteIfExists(htpasswd);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsEveryEndpointChallenges() throws Exception {
        for (String path : new String[] {"/v2/", "/v2/_catalog", "/v2/app/tags/list"}) {
            HttpResponse<byte[]> r = registry.get(path);
            assertError(401, "UNAUTHORIZED", r);
            assertEquals("Basic realm=\"berth-registry\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefused() throws Exception {
        assertError(401, "UNAUTHORIZED", registry.auth(basic("alice", "wrong")).get("/v2/"));
        assertError(401, "UNAUTHORIZED", registry.auth(basic("mallory", "s3cret")).get("/v2/"));
        assertError(401, "UNAUTHORIZED", registry.auth("Basic !!!").get("/v2/"));
    }

    @Test
    void theRightPasswordIsLetIn() throws Exception {
        registry.auth(basic("alice", "s3cret"));
        assertEquals(200, registry.get("/v2/").statusCode());
        assertEquals(201, registry.send("POST", "/v2/app/blobs/uploads/?digest=" + dev.berth.oci.Digest.of("x".getBytes()), "x".getBytes()).statusCode());
    }
}
