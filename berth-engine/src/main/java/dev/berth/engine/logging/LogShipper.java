package dev.berth.engine.logging;

import dev.berth.common.io.AtomicFiles;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Moves one container's output from conmon's spool ({@code conmon.log}, CRI format) into its json-file log.
 *
 * <p>conmon is the only process that sees the container's stdio, and it keeps writing while berthd is
 * down, but it cannot write json-file; so conmon writes the spool and berthd converts it. How far the
 * spool has been converted is kept in {@code conmon.log.pos}, written after every batch, so a berthd
 * killed at any point repeats at most one batch and loses nothing.
 *
 * <p>The spool is kept small: once it passes {@link #SPOOL_LIMIT} and is fully converted it is renamed
 * to {@code conmon.log.old} and conmon is told to reopen its log. conmon may still write the old file
 * until it has reopened; its reopen creates a new {@code conmon.log}, and from then on the old file is
 * final, is converted to its end and deleted. If conmon is gone the old file simply stays until the next
 * start, which converts and removes everything.
 */
public final class LogShipper {
    /** Spool size that triggers a spool rotation. */
    public static final long SPOOL_LIMIT = 1 << 20;
    /** At most this much spool is read at once. */
    private static final int CHUNK = 1 << 20;

    private final Path spool;
    private final Path oldSpool;
    private final Path positionFile;
    private final JsonLogFile out;
    private final Map<String, String> attrs;
    private final long spoolLimit;
    private final Runnable reopen;
    private final List<Consumer<LogRecord>> followers = new CopyOnWriteArrayList<>();
    private Position position;

    /** Which spool file {@code offset} refers to. */
    private record Position(boolean old, long offset) {
        String text() {
            return (old ? "old " : "live ") + offset + "\n";
        }

        static Position parse(String s) {
            String[] f = s.trim().split(" ");
            return new Position(f[0].equals("old"), Long.parseLong(f[1]));
        }
    }

    /** {@code reopen} asks conmon to reopen its log; it is called after the spool was renamed away. */
    public LogShipper(Path spool, JsonLogFile out, Map<String, String> attrs, Runnable reopen) {
        this(spool, out, attrs, reopen, SPOOL_LIMIT);
    }

    LogShipper(Path spool, JsonLogFile out, Map<String, String> attrs, Runnable reopen, long spoolLimit) {
        this.spoolLimit = spoolLimit;
        this.reopen = reopen;
        this.spool = spool;
        this.oldSpool = spool.resolveSibling(spool.getFileName() + ".old");
        this.positionFile = spool.resolveSibling(spool.getFileName() + ".pos");
        this.out = out;
        this.attrs = Map.copyOf(attrs);
    }

    /** Converts everything complete in the spool. */
    public synchronized void ship() throws IOException {
        Position p = position();
        while (true) {
            if (p.old()) {
                long offset = convert(oldSpool, p.offset());
                if (!Files.exists(spool)) {
                    p = save(new Position(true, offset));
                    return;
                }
                // conmon has reopened: nothing more can land in the old file
                offset = convert(oldSpool, offset);
                p = save(new Position(false, 0));
                Files.deleteIfExists(oldSpool);
                continue;
            }
            long offset = convert(spool, p.offset());
            if (offset >= spoolLimit) {
                p = save(new Position(true, offset));
                Files.move(spool, oldSpool);
                reopen.run();
            }
            return;
        }
    }

    /** Before a new conmon opens the spool: converts what is left and starts the spool afresh. */
    public synchronized void reset() throws IOException {
        ship();
        Files.deleteIfExists(oldSpool);
        Files.deleteIfExists(spool);
        save(new Position(false, 0));
    }

    /** Something that reads the json-file log. */
    public interface FileReading {
        void run() throws IOException;
    }

    /**
     * Runs {@code history} over files that are up to date and do not change meanwhile (no append, no
     * rotation), then hands every record shipped later to {@code live}, until the returned handle is
     * closed. Nothing is seen twice and nothing is missed, however fast the log rotates.
     */
    public synchronized Runnable follow(FileReading history, Consumer<LogRecord> live) throws IOException {
        ship();
        history.run();
        followers.add(live);
        return () -> followers.remove(live);
    }

    /** Runs {@code read} over files that are up to date and do not change meanwhile. */
    public synchronized void read(FileReading read) throws IOException {
        ship();
        read.run();
    }

    private Position position() throws IOException {
        if (position == null) {
            Position p = new Position(false, 0);
            if (Files.exists(positionFile)) {
                try {
                    p = Position.parse(Files.readString(positionFile));
                } catch (RuntimeException e) {
                    // a torn position file: converting again from the start repeats lines but loses none
                }
            }
            // killed between writing "old" and renaming: the offset still refers to the live file
            if (p.old() && !Files.exists(oldSpool)) p = new Position(false, p.offset());
            // killed after switching to the new spool but before deleting the old one
            if (!p.old() && Files.exists(oldSpool)) Files.delete(oldSpool);
            position = p;
        }
        return position;
    }

    private Position save(Position p) {
        if (!p.equals(position)) {
            AtomicFiles.replace(positionFile, p.text());
            position = p;
        }
        return p;
    }

    /** Converts the complete lines of {@code file} after {@code offset}; returns the offset reached. */
    private long convert(Path file, long offset) throws IOException {
        if (!Files.exists(file)) return offset;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            while (len > offset) {
                byte[] buf = new byte[(int) Math.min(len - offset, CHUNK)];
                raf.seek(offset);
                raf.readFully(buf);
                List<LogRecord> records = new ArrayList<>();
                List<byte[]> lines = new ArrayList<>();
                int start = 0;
                for (int i = 0; i < buf.length; i++) {
                    if (buf[i] != '\n') continue;
                    LogRecord r = CriLogLine.parse(new String(buf, start, i - start, StandardCharsets.UTF_8));
                    if (r != null) {
                        r = new LogRecord(r.time(), r.stream(), r.data(), attrs);
                        records.add(r);
                        lines.add(JsonLogLine.encode(r));
                    }
                    start = i + 1;
                }
                if (start == 0) {
                    // no newline in a whole chunk cannot come from conmon; skip it rather than stall
                    if (buf.length == CHUNK) start = buf.length;
                    else break;
                }
                out.append(lines);
                for (Consumer<LogRecord> f : followers) records.forEach(f);
                offset += start;
                save(new Position(position.old(), offset));
            }
        }
        return offset;
    }
}
