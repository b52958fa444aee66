package dev.berth.dockerapi;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class ApiVersionTest {
    /** The Engine release each API version shipped with (Docker's API version history). */
    private static final Map<String, String> RELEASES = Map.of(
            "1.41", "20.10.0", "1.42", "23.0.0", "1.43", "24.0.0", "1.44", "25.0.0",
            "1.45", "26.0.0", "1.46", "27.0.0", "1.47", "27.2.0");

    @Test
    void theReportedDockerReleaseIsTheOneThatShippedTheMaximumApi() {
        String release = RELEASES.get(ApiVersion.MAX.toString());
        assertNotNull(release, "add API " + ApiVersion.MAX + " to the table");
        assertEquals(release, ApiVersion.DOCKER_RELEASE);
    }

    @Test
    void versionsCompareNumerically() {
        assertEquals(1, ApiVersion.parse("1.44").compareTo(ApiVersion.parse("1.9")));
        assertEquals("1.24", ApiVersion.MIN.toString());
    }
}
