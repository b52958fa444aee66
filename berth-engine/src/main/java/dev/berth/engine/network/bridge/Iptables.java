package dev.berth.engine.network.bridge;

import dev.berth.common.errors.BerthException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The thin executor of {@link IptablesRule}s: adds what is missing, deletes what is there. */
public final class Iptables {
    private Iptables() {}

    /** Adds each rule unless an identical one exists. */
    public static void ensure(List<IptablesRule> rules) {
        for (IptablesRule r : rules) {
            if (run(r.args("-C"), true)) continue;
            run(r.args(r.first() ? "-I" : "-A"), false);
        }
    }

    /** Deletes every copy of each rule; a rule that is not there is fine. */
    public static void remove(List<IptablesRule> rules) {
        for (IptablesRule r : rules) {
            for (int i = 0; i < 8 && run(r.args("-D"), true); i++) {
                // a rule added twice (two daemons' races) goes with the second delete
            }
        }
    }

    /** Runs one iptables command; false (or an exception when not tolerated) if it fails. */
    public static boolean run(List<String> cmd, boolean tolerateFailure) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (code != 0 && !tolerateFailure) throw new BerthException.Internal(String.join(" ", cmd) + " failed: " + out.trim());
            return code == 0;
        } catch (IOException e) {
            if (tolerateFailure) return false;
            throw new BerthException.Internal("cannot run " + cmd.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
