package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Docker's {@code --oom-score-adj}, which runc writes to the container's
 * {@code /proc/self/oom_score_adj}. The kernel lets a process lower its score below the one it
 * inherited only with CAP_SYS_RESOURCE (EACCES otherwise); a sandboxed root may lack it (this
 * machine does), and runc would then fail every start with a bare "permission denied".
 */
public final class OomScores {
    private OomScores() {}

    /**
     * Refuses, saying why, a score the container's init could not set.
     *
     * @throws BerthException.InvalidArgument when {@code score} is below berthd's own and berthd lacks CAP_SYS_RESOURCE
     */
    public static void checkGrantable(int score) {
        if (Rlimits.canRaise()) return;
        int own = own();
        if (score < own) {
            throw new BerthException.InvalidArgument("oom score adj " + score + " is below what this host grants (" + own
                    + ", berthd's own), and berthd lacks CAP_SYS_RESOURCE to lower it");
        }
    }

    /** berthd's own {@code oom_score_adj}, which conmon and runc inherit; 0 when it cannot be read. */
    static int own() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/self/oom_score_adj")).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
