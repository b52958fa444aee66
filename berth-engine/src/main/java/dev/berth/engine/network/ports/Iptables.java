package dev.berth.engine.network.ports;

import dev.berth.common.errors.BerthException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs iptables. A container's rules go in one {@code iptables-restore --noflush} run (one process
 * and one kernel commit instead of one per rule: the rules are on {@code docker run}'s path).
 * Processes are started and waited for through the JDK, which is safe on a virtual thread.
 */
final class Iptables {
    /** Applies {@code input} atomically; throws with iptables' own message when it fails. */
    void restore(String input) {
        Result r = run(List.of("iptables-restore", "-w", "--noflush"), input);
        if (r.code() != 0) throw new BerthException.Internal("iptables-restore failed: " + r.out().trim());
    }

    /** The nat table as {@code iptables-save} prints it. */
    String saveNat() {
        Result r = run(List.of("iptables-save", "-t", "nat"), null);
        return r.code() == 0 ? r.out() : "";
    }

    /** {@code iptables -t nat ARGS}; true when it exited 0. */
    boolean nat(String... args) {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "-t", "nat"));
        cmd.addAll(List.of(args));
        return run(cmd, null).code() == 0;
    }

    /** {@code iptables -t nat OP RULE}. */
    boolean nat(String op, PortRules.Rule rule) {
        List<String> cmd = new ArrayList<>(List.of(op));
        cmd.addAll(rule.args());
        return nat(cmd.toArray(String[]::new));
    }

    private record Result(int code, String out) {}

    private static Result run(List<String> cmd, String stdin) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new BerthException.Internal("cannot run " + cmd.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException.Internal("interrupted running " + cmd.getFirst());
        }
    }
}
