package dev.berth.cli.run;

import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exec create bodies against what docker 28.2.2 sent for the same flags (resources/.../docker-create/exec*.json). */
class ExecBodyTest {
    private static String golden(String name) throws IOException {
        try (InputStream in = ExecBodyTest.class.getResourceAsStream("docker-create/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static ExecBody.Flags flags(String user, boolean tty, boolean interactive, boolean detach, List<String> env, String workdir) {
        return new ExecBody.Flags(user, false, tty, interactive, detach, null, env, List.of(), workdir);
    }

    @Test
    void bodiesMatchTheDockerCli() throws IOException {
        // docker exec -e X=1 -w /tmp -u root ex1 sh -c 'echo out; exit 2'
        assertEquals(golden("exec1"), JsonNodes.string(ExecBody.build(flags("root", false, false, false, List.of("X=1"), "/tmp"),
                List.of("sh", "-c", "echo out; exit 2"), null, Map.of())));
        // docker exec -d ex1 true
        assertEquals(golden("exec2"), JsonNodes.string(ExecBody.build(flags(null, false, false, true, List.of(), null), List.of("true"), null, Map.of())));
        // echo hi | docker exec -i ex1 cat
        assertEquals(golden("exec3"), JsonNodes.string(ExecBody.build(flags(null, false, true, false, List.of(), null), List.of("cat"), null, Map.of())));
        // docker exec -it ex1 true, on a 30x100 terminal
        assertEquals(golden("exec4"), JsonNodes.string(ExecBody.build(flags(null, true, true, false, List.of(), null), List.of("true"), new int[]{30, 100}, Map.of())));
    }
}
