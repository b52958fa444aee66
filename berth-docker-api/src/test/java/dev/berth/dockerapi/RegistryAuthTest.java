package dev.berth.dockerapi;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RegistryAuthTest {
    private static String url(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheHeaderAsClientsSendIt() {
        RegistryAuth a = RegistryAuth.decode(url("{\"username\":\"u\",\"password\":\"p?>\",\"serveraddress\":\"127.0.0.1:5000\"}"));
        assertEquals("u", a.username());
        assertEquals("p?>", a.password());
        assertEquals("127.0.0.1:5000", a.serverAddress());
        RegistryAuth fromAuth = RegistryAuth.decode(url("{\"auth\":\"" + Base64.getEncoder().encodeToString("x:y:z".getBytes()) + "\"}").replace("=", ""));
        assertEquals("x", fromAuth.username());
        assertEquals("y:z", fromAuth.password());
        assertEquals("tok", RegistryAuth.decode(url("{\"identitytoken\":\"tok\"}")).identityToken());
    }

    @Test
    void anonymousForEmptyOrUndecodableHeaders() {
        assertNull(RegistryAuth.decode("e30=").username());
        assertNull(RegistryAuth.decode("!!!").username());
        assertNull(RegistryAuth.decode(null).username());
    }
}
