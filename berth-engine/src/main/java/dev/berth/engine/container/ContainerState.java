package dev.berth.engine.container;

import java.time.Instant;

/**
 * The mutable state of a container, replaced as a whole on every transition (never edited in place).
 * Docker's Running/Paused/Restarting booleans are derived from {@link Status} by the API mapper.
 */
public record ContainerState(Status status, int pid, int exitCode, Instant startedAt, Instant finishedAt,
                             boolean oomKilled, String error, int restartCount, boolean stoppedByUser) {
    public static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

    public enum Status {
        CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

        public String wire() {
            return name().toLowerCase();
        }
    }

    public static ContainerState created() {
        return new ContainerState(Status.CREATED, 0, 0, NEVER, NEVER, false, "", 0, false);
    }

    public ContainerState running(int newPid, Instant at) {
        return new ContainerState(Status.RUNNING, newPid, 0, at, finishedAt, false, "", restartCount, false);
    }

    public ContainerState exited(int code, Instant at, boolean oom) {
        return new ContainerState(Status.EXITED, 0, code, startedAt, at, oom, error, restartCount, stoppedByUser);
    }

    public ContainerState failed(String message, int code) {
        return new ContainerState(status == Status.RUNNING ? Status.EXITED : status, 0, code, startedAt, finishedAt, false, message, restartCount, stoppedByUser);
    }

    public ContainerState withStatus(Status s) {
        return new ContainerState(s, pid, exitCode, startedAt, finishedAt, oomKilled, error, restartCount, stoppedByUser);
    }

    public ContainerState stoppedByUser(boolean byUser) {
        return new ContainerState(status, pid, exitCode, startedAt, finishedAt, oomKilled, error, restartCount, byUser);
    }

    public ContainerState restarted() {
        return new ContainerState(Status.RESTARTING, 0, exitCode, startedAt, finishedAt, oomKilled, error, restartCount + 1, false);
    }

    public boolean isRunning() {
        return status == Status.RUNNING || status == Status.PAUSED;
    }
}
