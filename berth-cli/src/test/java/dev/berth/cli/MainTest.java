package dev.berth.cli;

import dev.berth.cli.io.Terminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line without a daemon: help pages, flag and argument errors, and an unreachable daemon. */
class MainTest {
    record Result(int code, String out, String err) {}

    static final Terminal NO_TERMINAL = Terminal.none();

    static Result berth(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of("BERTH_HOST", "unix:///nonexistent/berth.sock"), Clock.systemUTC(), NO_TERMINAL);
        int code = Main.run(cli, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPagesLookLikeDockers() {
        Result run = berth("run", "--help");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("Usage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n\n"
                + "Aliases:\n  berth container run, berth run\n\nOptions:\n"), run.out());
        assertTrue(run.out().contains("\n  -d, --detach ") && run.out().contains("\n  -m, --memory bytes "), run.out());
        Result ps = berth("container", "ls", "--help");
        assertTrue(ps.out().startsWith("Usage:  berth container ls [OPTIONS]\n"), ps.out());
        assertTrue(ps.out().contains("berth container ls, berth container list, berth container ps, berth ps"), ps.out());
        assertTrue(ps.out().contains("  -a, --all             Show all containers (default shows just running)\n"), ps.out());
        Result root = berth("--help");
        assertTrue(root.out().contains("Management Commands:\n  container   Manage containers\n"), root.out());
        assertEquals(0, berth("image").code());
        assertEquals("berth version " + BerthVersion.VERSION + "\n", berth("--version").out());
    }

    @Test
    void unknownFlagsExit125WithAHint() {
        Result r = berth("run", "--volume-from", "c1", "busybox");
        assertEquals(125, r.code());
        assertEquals("unknown flag: --volume-from\ndid you mean --volumes-from?\n\nUsage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n"
                + "Run 'berth run --help' for more information\n", r.err());
        Result shorthand = berth("ps", "-Z");
        assertEquals(125, shorthand.code());
        assertTrue(shorthand.err().startsWith("unknown shorthand flag: 'Z' in -Z\n"), shorthand.err());
    }

    @Test
    void badFlagValuesExit125() {
        Result mem = berth("run", "-m", "6x", "busybox");
        assertEquals(125, mem.code());
        assertTrue(mem.err().startsWith("invalid argument \"6x\" for \"-m, --memory\" flag: invalid suffix: 'x'\n"), mem.err());
        Result time = berth("stop", "-t", "x", "c");
        assertTrue(time.err().startsWith("invalid argument \"x\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"x\": invalid syntax"), time.err());
        Result missing = berth("run", "--name");
        assertEquals(125, missing.code());
        assertTrue(missing.err().startsWith("flag needs an argument: --name"), missing.err());
        Result conflict = berth("run", "--rm", "--restart", "always", "busybox");
        assertEquals(125, conflict.code());
        assertEquals("berth: conflicting options: cannot specify both --restart and --rm\n\nRun 'berth run --help' for more information\n", conflict.err());
    }

    @Test
    void argumentCountsExit1() {
        Result run = berth("run");
        assertEquals(1, run.code());
        assertEquals("berth: 'berth run' requires at least 1 argument\n\nUsage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n"
                + "See 'berth run --help' for more information\n", run.err());
        Result logs = berth("logs");
        assertEquals(1, logs.code());
        assertTrue(logs.err().startsWith("berth: 'berth logs' requires 1 argument\n"), logs.err());
        Result ps = berth("ps", "extra");
        assertEquals(1, ps.code());
        assertTrue(ps.err().startsWith("berth: 'berth ps' accepts no arguments\n"), ps.err());
        Result cmd = berth("imags");
        assertEquals(1, cmd.code());
        assertTrue(cmd.err().startsWith("berth: unknown command: berth imags\ndid you mean images?\n"), cmd.err());
    }

    @Test
    void unreachableDaemon() {
        String msg = "Cannot connect to the berth daemon at unix:///nonexistent/berth.sock. Is the berth daemon running?\n";
        Result ps = berth("ps");
        assertEquals(1, ps.code());
        assertEquals(msg, ps.err());
        Result run = berth("run", "--rm", "busybox", "true");
        assertEquals(125, run.code());
        assertEquals("berth: " + msg + "\nRun 'berth run --help' for more information\n", run.err());
        Result version = berth("version");
        assertEquals(1, version.code());
        assertTrue(version.out().startsWith("Client:\n Version:           " + BerthVersion.VERSION + "\n"), version.out());
        assertEquals(msg, version.err());
    }
}
