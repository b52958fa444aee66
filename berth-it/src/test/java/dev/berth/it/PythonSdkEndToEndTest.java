package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Python docker SDK (docker-py; Debian's python3-docker, which docker-compose 1.29 also uses)
 * against a real berthd: {@code python_sdk_e2e.py} runs its checks through the SDK and reports
 * each; this class asserts the report. It runs under every python3 here that has the SDK (the
 * system's, and the one on PATH when that is another), so two SDK versions are covered when
 * present; it is skipped only when none has it.
 */
@Tag("root")
class PythonSdkEndToEndTest {
    private static final List<String> CHECKS = List.of("ping", "version", "version lists berth", "info", "exec_run tty=False",
            "exec_run tty=True", "exec started without the create's tty", "wait", "logs", "load of garbage raises",
            "swarm tolerated", "services 503", "nodes 503", "prune_builds", "containers prune", "kill then remove",
            "volume create", "volume get", "volume list filter", "data through a volume", "volume in use", "volume removed",
            "rm v takes the anonymous volume", "volumes prune");
    private static Berthd berthd;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping Python SDK end-to-end tests");
        Assumptions.assumeFalse(interpreters().isEmpty(), "no python3 with the docker SDK (python3-docker): skipping");
        berthd = Berthd.start();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (berthd != null) berthd.close();
    }

    /** Every distinct python3 (by its real path) that can import the SDK. */
    private static List<String> interpreters() throws Exception {
        Set<Path> seen = new LinkedHashSet<>();
        List<String> found = new ArrayList<>();
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            Process which = new ProcessBuilder("sh", "-c", "command -v " + candidate).start();
            String path = new String(which.getInputStream().readAllBytes()).trim();
            if (which.waitFor() != 0 || path.isEmpty() || !seen.add(Path.of(path).toRealPath())) continue;
            Process probe = new ProcessBuilder(path, "-c", "import docker").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() == 0) found.add(path);
        }
        return found;
    }

    @Test
    void theSdksEverydayCallsWork() throws Exception {
        Path script = Path.of(PythonSdkEndToEndTest.class.getResource("/python_sdk_e2e.py").toURI());
        for (String python : interpreters()) {
            Berthd.Result r = berthd.run(python, script.toString());
            String report = r.out() + r.err();
            assertEquals(0, r.code(), python + ":\n" + report);
            List<String> passed = r.out().lines().filter(l -> l.startsWith("ok: ")).map(l -> l.substring(4)).toList();
            assertEquals(CHECKS, passed, python + ":\n" + report);
            assertTrue(r.out().startsWith("docker-py ") && r.out().endsWith("all checks passed\n"), report);
            System.out.println("[python-sdk] " + python + ": " + r.out().lines().findFirst().orElse("") + ", " + passed.size() + " checks");
        }
        Berthd.HttpReply left = berthd.http("GET", "/containers/json?all=1", null);
        assertTrue(!left.body().contains("python-sdk"), "the script removed what it made: " + left.body());
    }
}
